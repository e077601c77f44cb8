package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;

import java.math.BigDecimal;

/**
 * Base for Waybill's JSLT functions: a fixed name and argument count, plus helpers that read
 * arguments and fail with a message naming the function and the offending value.
 */
public abstract class WaybillFunction implements Function {
    private final String name;
    private final int arguments;

    protected WaybillFunction(String name, int arguments) {
        this.name = name;
        this.arguments = arguments;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final int getMinArguments() {
        return arguments;
    }

    @Override
    public final int getMaxArguments() {
        return arguments;
    }

    /** A failure whose message starts with this function's name. */
    protected final JsltException fail(String message) {
        return new JsltException(name + ": " + message);
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

    /** The argument as a string; numbers, booleans, arrays and objects are refused. */
    protected final String text(JsonNode value, String expected) {
        if (!value.isTextual()) {
            throw fail("expected " + expected + " as a string, got " + value);
        }
        return value.asText();
    }

    /** The argument as a finite decimal: a JSON number or a string holding one. */
    protected final BigDecimal number(JsonNode value, String what) {
        if (value.isNumber()) {
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw fail(what + " " + shown(value) + " is not a finite number");
            }
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                throw fail(what + " " + shown(value) + " is not a number");
            }
        }
        throw fail(what + " " + shown(value) + " is not a number");
    }
}
