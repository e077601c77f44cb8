package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code celsius(value, unit)}: a temperature (number or numeric string) in unit {@code C},
 * {@code F} or {@code K} (any case, optionally with a degree sign) as degrees Celsius rounded to
 * 2 decimals. A null value gives null; a missing or unknown unit, a non-numeric value, or a
 * temperature below absolute zero fails.
 */
public final class Celsius extends WaybillFunction {
    private static final BigDecimal ABSOLUTE_ZERO = new BigDecimal("-273.15");
    private static final BigDecimal THIRTY_TWO = BigDecimal.valueOf(32);
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal NINE = BigDecimal.valueOf(9);

    public Celsius() {
        super("celsius", 2);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        BigDecimal value = number(arguments[0], "temperature");
        if (isNull(arguments[1])) {
            throw fail("temperature " + shown(arguments[0]) + " has no unit (expected C, F or K)", arguments[0]);
        }
        String rawUnit = text(arguments[1], "a unit");
        String unit = rawUnit.strip().toUpperCase(Locale.ROOT);
        if (unit.startsWith("°")) {
            unit = unit.substring(1).strip();
        }
        BigDecimal celsius = switch (unit) {
            case "C" -> value;
            case "F" -> value.subtract(THIRTY_TWO).multiply(FIVE).divide(NINE, 10, RoundingMode.HALF_UP);
            case "K" -> value.add(ABSOLUTE_ZERO);
            default -> throw fail("unknown unit '" + rawUnit + "' (expected C, F or K)", arguments[1]);
        };
        if (celsius.compareTo(ABSOLUTE_ZERO) < 0) {
            throw fail(shown(arguments[0]) + " " + rawUnit + " is below absolute zero", arguments[0]);
        }
        BigDecimal rounded = celsius.setScale(2, RoundingMode.HALF_UP);
        return DecimalNode.valueOf(rounded.signum() == 0 ? BigDecimal.ZERO.setScale(2) : rounded);
    }
}
