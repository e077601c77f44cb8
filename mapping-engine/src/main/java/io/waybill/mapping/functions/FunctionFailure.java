package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.JsltException;

/**
 * A Waybill function refusing its input. The message starts with the function's name and shows
 * the offending value; {@link #value()} is that argument itself, the very node the function was
 * called with, so a caller can find where in the input document it came from.
 */
public final class FunctionFailure extends JsltException {
    private final String function;
    private final JsonNode value;

    public FunctionFailure(String function, String message, JsonNode value) {
        super(function + ": " + message);
        this.function = function;
        this.value = value;
    }

    /** The name of the failing function, as mappings call it ({@code utc-instant}). */
    public String function() {
        return function;
    }

    /**
     * The argument at fault, as the function received it; never Java null. When the fault is a
     * missing companion (a value without its unit, a latitude without its longitude) it is the value
     * that is present, since a missing one cannot be located. When the fault is a mapping's own
     * literal (an unknown table name or date-time pattern) it is that literal.
     */
    public JsonNode value() {
        return value;
    }
}
