package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a partner's timestamp as {@code utc-instant} and {@code utc-offset} take it: {@code (value)},
 * {@code (value, format)} or {@code (value, format, zone)}; see {@link UtcInstant} for the rules.
 */
final class Timestamps {
    private static final String EPOCH_KEYWORDS = "epoch-s, epoch-ms, epoch-us or epoch-ns";
    private static final String ISO_EXAMPLE = "2026-11-27T10:15:00-05:00";
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);
    /** Epoch values must fall in the years 1970..2200: outside, the unit is most likely wrong. */
    private static final BigInteger LATEST_NANOS =
            BigInteger.valueOf(Instant.parse("2201-01-01T00:00:00Z").getEpochSecond()).multiply(BILLION);
    /** RFC 822's North American zone names, which mean fixed offsets whatever the season. */
    private static final Map<String, ZoneOffset> RFC_822_ZONES = new TreeMap<>(Map.of(
            "EST", ZoneOffset.ofHours(-5), "EDT", ZoneOffset.ofHours(-4),
            "CST", ZoneOffset.ofHours(-6), "CDT", ZoneOffset.ofHours(-5),
            "MST", ZoneOffset.ofHours(-7), "MDT", ZoneOffset.ofHours(-6),
            "PST", ZoneOffset.ofHours(-8), "PDT", ZoneOffset.ofHours(-7)));

    private Timestamps() {
    }

    /** The epoch formats: how many decimal digits of a second the unit sits above a nanosecond. */
    private enum Epoch {
        S("epoch-s", 9, "seconds"), MS("epoch-ms", 6, "milliseconds"),
        US("epoch-us", 3, "microseconds"), NS("epoch-ns", 0, "nanoseconds");

        final String keyword;
        final int nanoDigits;
        final String unit;

        Epoch(String keyword, int nanoDigits, String unit) {
            this.keyword = keyword;
            this.nanoDigits = nanoDigits;
            this.unit = unit;
        }

        static Epoch named(String format) {
            for (Epoch epoch : values()) {
                if (epoch.keyword.equalsIgnoreCase(format)) {
                    return epoch;
                }
            }
            return null;
        }
    }

    /**
     * The time the arguments {@code (value[, format[, zone]])} denote, at the offset the partner
     * wrote (UTC for epoch values); null for a null value.
     */
    static OffsetDateTime read(WaybillFunction function, JsonNode[] arguments) {
        JsonNode value = arguments[0];
        if (WaybillFunction.isNull(value)) {
            return null;
        }
        // A transform nearly always asks utc-instant and utc-offset about the same value in a row; the
        // second asks this thread's last answer instead of parsing again (a third of a mapping's time).
        Reading last = LAST.get();
        if (last != null && last.answers(arguments)) {
            return last.time();
        }
        OffsetDateTime time = parse(function, arguments);
        LAST.set(new Reading(arguments, time));
        return time;
    }

    private static final ThreadLocal<Reading> LAST = new ThreadLocal<>();

    /**
     * A successful reading: the value as text (equal texts read the same), the format and zone
     * arguments, and the time they denote. Only a string or null can have been a format or zone that
     * read successfully: immutable nodes, compared by value (a number and a string with the same
     * digits differ).
     */
    private record Reading(String value, boolean textual, JsonNode format, JsonNode zone, OffsetDateTime time) {

        Reading(JsonNode[] arguments, OffsetDateTime time) {
            this(arguments[0].asText(), arguments[0].isTextual(), argument(arguments, 1), argument(arguments, 2), time);
        }

        boolean answers(JsonNode[] arguments) {
            return arguments[0].isTextual() == textual && arguments[0].asText().equals(value)
                    && Objects.equals(argument(arguments, 1), format) && Objects.equals(argument(arguments, 2), zone);
        }

        /** Null when absent. */
        private static JsonNode argument(JsonNode[] arguments, int index) {
            return arguments.length > index ? arguments[index] : null;
        }
    }

    private static OffsetDateTime parse(WaybillFunction function, JsonNode[] arguments) {
        JsonNode value = arguments[0];
        if (arguments.length == 1) {
            return isoWithOffset(function, value, "");
        }
        JsonNode formatArgument = arguments[1];
        String format = function.text(formatArgument, "a format");
        // The zone is checked even where the value turns out not to need it: a bad zone is a bad mapping.
        ZoneId zone = arguments.length == 3 && !WaybillFunction.isNull(arguments[2]) ? zone(function, arguments[2]) : null;
        Epoch epoch = Epoch.named(format.strip());
        if (epoch != null) {
            return epoch(function, value, epoch).atOffset(ZoneOffset.UTC);
        }
        DateTimeFormatter formatter = "iso".equalsIgnoreCase(format.strip()) ? DateTimeFormatter.ISO_DATE_TIME
                : pattern(function, formatArgument, format);
        if (!value.isTextual()) {
            throw function.fail("expected a date-time string for format '" + format + "', got " + value
                    + (value.isNumber() ? " (epoch numbers take format " + EPOCH_KEYWORDS + ")" : ""), value);
        }
        return local(function, value, formatArgument, formatter, zone);
    }

    /**
     * An ISO-8601 date-time with an offset or Z; {@code role} names the argument in messages
     * ({@code "base"}), or is empty.
     */
    static OffsetDateTime isoWithOffset(WaybillFunction function, JsonNode value, String role) {
        if (!value.isTextual()) {
            throw function.fail("expected an ISO-8601 date-time string" + (role.isEmpty() ? "" : " as " + role)
                    + ", got " + value + (role.isEmpty() && value.isNumber() ? " (an epoch number needs its unit: "
                    + function.getName() + "(value, \"epoch-s\"))" : ""), value);
        }
        String text = value.asText().strip();
        OffsetDateTime utc = plainUtc(text);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw function.fail((role.isEmpty() ? "" : role + " ") + "'" + value.asText()
                    + "' is not an ISO-8601 date-time with an offset (like " + ISO_EXAMPLE + ")", value);
        }
    }

    /**
     * The commonest form, the one the hub writes itself ({@code received-at}, {@link Instant#toString}):
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read by hand, without {@link OffsetDateTime#parse}'s general
     * formatter (which was a sixth of an MQTT reading's mapping time); null for any other text (or an impossible date or time), which then goes the long way,
     * so what is accepted and what each failure says are unchanged.
     */
    static OffsetDateTime plainUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Zones and patterns a mapping names are few and asked for on every message: each is built once.
     * The caches stop growing at {@link #CACHED}, so values taken from a partner's messages cannot fill memory.
     */
    private static final int CACHED = 256;
    private static final java.util.concurrent.ConcurrentHashMap<String, ZoneId> ZONES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<String, DateTimeFormatter> PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static ZoneId zone(WaybillFunction function, JsonNode argument) {
        String zone = function.text(argument, "a zone");
        ZoneId known = ZONES.get(zone);
        if (known != null) {
            return known;
        }
        try {
            ZoneId id = ZoneId.of(zone.strip());
            if (ZONES.size() < CACHED) {
                ZONES.put(zone, id);
            }
            return id;
        } catch (DateTimeException e) {
            throw function.fail("zone '" + zone + "' is not an IANA zone id (like America/Chicago) or an offset "
                    + "(like +05:30 or Z)", argument);
        }
    }

    private static DateTimeFormatter pattern(WaybillFunction function, JsonNode argument, String pattern) {
        DateTimeFormatter known = PATTERNS.get(pattern);
        if (known != null) {
            return known;
        }
        try {
            // Strict, so 30/02 fails instead of becoming 28/02; strict needs an era for yyyy (year of era).
            DateTimeFormatter formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
            if (PATTERNS.size() < CACHED) {
                PATTERNS.put(pattern, formatter);
            }
            return formatter;
        } catch (IllegalArgumentException e) {
            throw function.fail("format '" + pattern + "' is neither iso, " + EPOCH_KEYWORDS + " nor a date-time pattern ("
                    + e.getMessage() + ")", argument);
        }
    }

    private static OffsetDateTime local(WaybillFunction function, JsonNode value, JsonNode formatArgument,
                                        DateTimeFormatter formatter, ZoneId zone) {
        String text = value.asText().strip();
        String format = formatArgument.asText();
        TemporalAccessor parsed;
        try {
            parsed = formatter.parse(text);
        } catch (DateTimeParseException e) {
            throw function.fail("'" + value.asText() + "' does not match format '" + format + "'" + reason(e, text), value);
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        LocalTime time = parsed.query(TemporalQueries.localTime());
        if (date == null || time == null) {
            throw function.fail("format '" + format + "' gives no " + (date == null ? "date" : "time of day"),
                    formatArgument);
        }
        LocalDateTime local = LocalDateTime.of(date, time);
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        if (offset != null) {
            return OffsetDateTime.of(local, offset);
        }
        ZoneId written = parsed.query(TemporalQueries.zoneId());
        if (written != null) {
            return inZone(function, value, local, writtenZone(function, value, text, written));
        }
        if (zone == null) {
            throw function.fail("'" + value.asText() + "' carries no offset or zone, so a zone is needed: "
                    + function.getName() + "(value, format, zone) with a zone like America/Chicago or +05:30", value);
        }
        return inZone(function, value, local, zone);
    }

    /** What the parser said after "could not be parsed", which repeats the text. */
    private static String reason(DateTimeParseException e, String text) {
        String prefix = "Text '" + text + "' could not be parsed";
        String message = String.valueOf(e.getMessage());
        return message.startsWith(prefix) ? message.substring(prefix.length()) : " (" + message + ")";
    }

    /**
     * A zone named in the text. Java reads abbreviations by guesswork (BST as Bougainville, IST as
     * Abidjan, EST in June as New York daylight time), so only a zone id written out (Europe/London,
     * UTC, GMT) or an RFC 822 name (at its fixed offset) is taken; any other name fails.
     */
    private static ZoneId writtenZone(WaybillFunction function, JsonNode value, String text, ZoneId written) {
        if (containsWord(text, written.getId())) {
            return written;
        }
        for (Map.Entry<String, ZoneOffset> rfc822 : RFC_822_ZONES.entrySet()) {
            if (containsWord(text, rfc822.getKey())) {
                return rfc822.getValue();
            }
        }
        throw function.fail("the zone name in '" + value.asText() + "' is ambiguous; only zone ids (like "
                + "Europe/London), UTC, GMT and " + String.join(", ", RFC_822_ZONES.keySet())
                + " are read from the text: quote the name in the format and give the zone as the third argument",
                value);
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![A-Za-z])" + Pattern.quote(word) + "(?![A-Za-z])", Pattern.CASE_INSENSITIVE)
                .matcher(text).find();
    }

    /**
     * A local time in a zone. A time the clocks skip fails; a time they pass twice (when they are
     * set back) takes the earlier offset, that is the first of the two instants.
     */
    private static OffsetDateTime inZone(WaybillFunction function, JsonNode value, LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw function.fail("local time " + local + " of '" + value.asText() + "' does not exist in " + zone.getId()
                    + " (the clocks jump over it, as when daylight saving time starts)", value);
        }
        return OffsetDateTime.of(local, offsets.get(0));
    }

    private static Instant epoch(WaybillFunction function, JsonNode value, Epoch epoch) {
        BigDecimal number = function.number(value, epoch.keyword + " value");
        if (epoch != Epoch.S && number.stripTrailingZeros().scale() > 0) {
            throw function.fail(epoch.keyword + " value " + WaybillFunction.shown(value) + " is not a whole number of "
                    + epoch.unit + " (only epoch-s takes a fraction)", value);
        }
        BigDecimal nanos = number.movePointRight(epoch.nanoDigits);
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw function.fail("epoch-s value " + WaybillFunction.shown(value) + " is finer than a nanosecond", value);
        }
        BigInteger whole = nanos.toBigIntegerExact();
        if (!plausible(whole)) {
            throw function.fail(implausible(value, number, epoch), value);
        }
        BigInteger[] seconds = whole.divideAndRemainder(BILLION);
        return Instant.ofEpochSecond(seconds[0].longValueExact(), seconds[1].longValueExact());
    }

    private static boolean plausible(BigInteger nanos) {
        return nanos.signum() >= 0 && nanos.compareTo(LATEST_NANOS) < 0;
    }

    /** The message for an epoch value outside 1970..2200, naming the unit it fits if a finer one does. */
    private static String implausible(JsonNode value, BigDecimal number, Epoch epoch) {
        String refused = epoch.keyword + " value " + WaybillFunction.shown(value) + " is ";
        if (number.signum() < 0) {
            return refused + "before 1970 (outside the years 1970..2200)";
        }
        for (Epoch finer : Epoch.values()) {
            BigInteger nanos = number.movePointRight(finer.nanoDigits).toBigInteger();
            if (finer.compareTo(epoch) > 0 && plausible(nanos)) {
                BigInteger[] seconds = nanos.divideAndRemainder(BILLION);
                Instant instant = Instant.ofEpochSecond(seconds[0].longValueExact(), seconds[1].longValueExact());
                return refused + "after 2200 (outside the years 1970..2200); read as " + finer.keyword + " it is "
                        + DateTimeFormatter.ISO_INSTANT.format(instant) + ": is it in " + finer.unit + "?";
            }
        }
        return refused + "after 2200 (outside the years 1970..2200) in any epoch unit";
    }
}
