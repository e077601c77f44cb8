package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Function;

import java.math.BigDecimal;

/**
 * Base for Waybill's JSLT functions: a fixed name and argument count (or range), plus helpers that
 * read arguments and fail with a {@link FunctionFailure} naming the function and carrying the
 * offending value.
 */
public abstract class WaybillFunction implements Function {
    /** Beyond this many digits either side of the point a number is refused before any arithmetic. */
    private static final int MAX_DIGITS = 1000;

    private final String name;
    private final int minArguments;
    private final int maxArguments;

    protected WaybillFunction(String name, int arguments) {
        this(name, arguments, arguments);
    }

    protected WaybillFunction(String name, int minArguments, int maxArguments) {
        this.name = name;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final int getMinArguments() {
        return minArguments;
    }

    @Override
    public final int getMaxArguments() {
        return maxArguments;
    }

    /** A failure whose message starts with this function's name, carrying the argument at fault. */
    protected final FunctionFailure fail(String message, JsonNode value) {
        return new FunctionFailure(name, message, value);
    }

    protected static boolean isNull(JsonNode value) {
        return value == null || value.isNull();
    }

    /** A value as messages show it: strings in quotes, numbers as written (NaN bare). */
    protected static String shown(JsonNode value) {
        if (value == null) {
            return "null";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        return value.isNumber() ? value.asText() : value.toString();
    }

    /** The argument as a string; null, numbers, booleans, arrays and objects are refused. */
    protected final String text(JsonNode value, String expected) {
        if (value == null || !value.isTextual()) {
            throw fail("expected " + expected + " as a string, got " + value, value);
        }
        return value.asText();
    }

    /**
     * The argument as a finite decimal: a JSON number or a string holding one. Absurd magnitudes
     * (like {@code 1e999999999}) are refused, as arithmetic on them would not finish.
     */
    protected final BigDecimal number(JsonNode value, String what) {
        BigDecimal number;
        if (value.isNumber()) {
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw fail(what + " " + shown(value) + " is not a finite number", value);
            }
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                throw fail(what + " " + shown(value) + " is not a number", value);
            }
        } else {
            throw fail(what + " " + shown(value) + " is not a number", value);
        }
        if (Math.abs((long) number.precision() - number.scale()) > MAX_DIGITS || number.scale() > MAX_DIGITS) {
            throw fail(what + " " + shown(value) + " is out of range", value);
        }
        return number;
    }
}
