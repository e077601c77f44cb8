package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;

import static io.waybill.mapping.functions.UnitTable.unit;

/**
 * Reads a duration as {@code instant-after} and {@code seconds} take it, as exact seconds: an amount
 * (number or numeric string, negative allowed) with a unit, or an ISO-8601 duration string.
 */
final class Durations {
    /** A day is 24 hours: durations are added to instants, where daylight saving does not apply. */
    private static final UnitTable UNITS = new UnitTable(List.of(
            unit("s", "1", "sec", "secs", "second", "seconds"),
            unit("min", "60", "mins", "minute", "minutes"),
            unit("h", "3600", "hr", "hrs", "hour", "hours", "HUR"),
            unit("d", "86400", "day", "days"),
            unit("ms", "0.001", "msec", "millisecond", "milliseconds")));
    private static final String ISO_EXAMPLES = "like PT2H30M, P1DT4H or -PT15M";

    private Durations() {
    }

    /** The seconds in {@code amount} (not null) of {@code unit}. */
    static BigDecimal seconds(WaybillFunction function, JsonNode amount, JsonNode unit) {
        BigDecimal value = function.number(amount, "amount");
        if (WaybillFunction.isNull(unit)) {
            throw function.fail("amount " + WaybillFunction.shown(amount) + " has no unit (expected " + UNITS.symbols()
                    + ")", amount);
        }
        String rawUnit = function.text(unit, "a unit");
        return value.multiply(UNITS.find(rawUnit).orElseThrow(() -> function.fail("unknown unit '" + rawUnit
                + "' (expected " + UNITS.symbols() + ", in any case, or the name of one of them)", unit)).numerator());
    }

    /**
     * The seconds in an ISO-8601 duration (not null): {@link Duration#parse} forms, days being 24
     * hours, and weeks ({@code P1W}); years and months, which have no fixed length, fail.
     */
    static BigDecimal seconds(WaybillFunction function, JsonNode duration) {
        if (!duration.isTextual()) {
            throw function.fail("expected an ISO-8601 duration as a string (" + ISO_EXAMPLES + "), got " + duration
                    + (duration.isNumber() ? "; an amount needs a unit: " + function.getName() + "(..., amount, unit)" : ""),
                    duration);
        }
        String text = duration.asText().strip();
        Duration parsed;
        try {
            parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
            parsed = Duration.ofDays(days(function, duration, text));
        }
        return BigDecimal.valueOf(parsed.getSeconds()).add(BigDecimal.valueOf(parsed.getNano(), 9));
    }

    /** The days of a duration only {@link Period} reads: one with weeks. */
    private static long days(WaybillFunction function, JsonNode duration, String text) {
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            throw function.fail("'" + duration.asText() + "' is not an ISO-8601 duration (" + ISO_EXAMPLES + ")", duration);
        }
        if (period.getYears() != 0 || period.getMonths() != 0) {
            throw function.fail("'" + duration.asText() + "' has years or months, which have no fixed length; "
                    + "give days, hours, minutes or seconds", duration);
        }
        return period.getDays();
    }
}
