package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code utc-instant(value)}, {@code utc-instant(value, format)}, {@code utc-instant(value, format, zone)}:
 * a partner's timestamp as a UTC instant, ISO-8601 with {@code Z}, fractional seconds kept to the
 * nanosecond ({@code 2026-11-27T15:15:00.250Z}). A null value gives null.
 * <ul>
 *   <li>{@code value} alone: an ISO-8601 date-time with an offset or Z, like {@code 2026-11-27T10:15:00-05:00}.</li>
 *   <li>{@code format} {@code "iso"}: an ISO-8601 date-time with or without an offset.</li>
 *   <li>{@code format} {@code "epoch-s"}, {@code "epoch-ms"}, {@code "epoch-us"}, {@code "epoch-ns"}: time since
 *       1970-01-01T00:00:00Z as a JSON number or numeric string; only epoch-s takes a fraction (down to the
 *       nanosecond). The instant must fall in the years 1970..2200, or it fails naming the unit the value
 *       fits (a millisecond value given as epoch-s, say). Give fractional seconds as a string to keep every
 *       digit: a JSON number may have passed through a double.</li>
 *   <li>any other {@code format}: a {@link java.time.format.DateTimeFormatter} pattern, read strictly (no
 *       30 February), case-insensitively, with English month and day names: {@code "dd/MM/yyyy HH:mm"},
 *       {@code "yyyyMMddHHmmss"}, {@code "EEE, dd MMM yyyy HH:mm:ss z"}. It must give a date and a time of day.</li>
 *   <li>{@code zone}: an IANA zone id ({@code America/Chicago}) or an offset ({@code +05:30}, {@code Z}), used only
 *       when the text carries no offset or zone of its own: an offset in the text wins over the argument, and so
 *       does a zone named in it. A null zone is no zone; without one, a text with no offset fails. Epoch values
 *       need no zone and ignore it, but a malformed zone fails even then.</li>
 * </ul>
 * Zone names in the text are taken only when unambiguous: a zone id (Europe/London), UTC, GMT, UT, or the
 * RFC 822 names EST, EDT, CST, CDT, MST, MDT, PST and PDT at their fixed offsets (EST is -05:00 even in June);
 * other abbreviations (BST, IST, CET) fail. A local time the clocks skip (a daylight-saving gap) fails; one
 * they pass twice (an overlap, when clocks go back) takes the earlier offset, so the first of the two instants.
 * A value that does not match its format, an unknown keyword or malformed pattern, or a malformed zone fails.
 */
public final class UtcInstant extends WaybillFunction {

    public UtcInstant() {
        super("utc-instant", 1, 3);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        OffsetDateTime time = Timestamps.read(this, arguments);
        return time == null ? NullNode.instance : TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(time.toInstant()));
    }
}
