package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code instant-after(base, amount, unit)} and {@code instant-after(base, duration)}: the UTC instant
 * ({@code ...Z}) a duration after {@code base}, an ISO-8601 date-time with an offset or Z (pass the
 * event time through {@code utc-instant} first if the partner writes it otherwise).
 * <ul>
 *   <li>{@code amount}: a number or numeric string, fractions allowed (rounded half-up to the
 *       nanosecond); {@code unit}, any case: {@code s} (sec, secs, second, seconds), {@code min} (mins,
 *       minute, minutes), {@code h} (hr, hrs, hour, hours, HUR), {@code d} (day, days: 24 hours),
 *       {@code ms} (msec, millisecond, milliseconds). {@code m} is refused: minutes or months?</li>
 *   <li>{@code duration}: an ISO-8601 duration string such as {@code PT2H30M}, {@code P1DT4H},
 *       {@code -PT15M}, {@code P2D} or {@code P1W}; a day is 24 hours; years and months fail.</li>
 * </ul>
 * A negative amount or duration gives an instant before the base (a vehicle running late on a
 * countdown). Null base or amount gives null; a base without an offset, a non-numeric amount, a
 * missing or unknown unit, an unparseable duration or a result beyond the year 9999 fails.
 */
public final class InstantAfter extends WaybillFunction {
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    public InstantAfter() {
        super("instant-after", 2, 3);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0]) || isNull(arguments[1])) {
            return NullNode.instance;
        }
        OffsetDateTime base = Timestamps.isoWithOffset(this, arguments[0], "base");
        BigDecimal seconds = arguments.length == 3 ? Durations.seconds(this, arguments[1], arguments[2])
                : Durations.seconds(this, arguments[1]);
        BigDecimal rounded = seconds.setScale(9, RoundingMode.HALF_UP);
        Instant result;
        try {
            long whole = rounded.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = rounded.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact();
            result = base.toInstant().plusSeconds(whole).plusNanos(nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw outOfRange(arguments);
        }
        if (result.isBefore(EARLIEST) || result.isAfter(LATEST)) {
            throw outOfRange(arguments);
        }
        return TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(result));
    }

    private FunctionFailure outOfRange(JsonNode[] arguments) {
        return fail(shown(arguments[1]) + (arguments.length == 3 ? " " + arguments[2].asText().strip() : "") + " after "
                + shown(arguments[0]) + " is beyond the years 0000..9999", arguments[1]);
    }
}
