package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;

/**
 * {@code in-range(value, min, max)}: the value as given when {@code min <= value <= max}, for
 * plausibility bounds the schema cannot know (a reefer probe reading 9999 °C, a battery at 250 %).
 * The value is a number or a numeric string; min and max are numbers, either may be null for no
 * bound. Null in gives null out; a value outside the bounds, NaN or not a number fails, showing the
 * value and the bounds.
 */
public final class InRange extends WaybillFunction {

    public InRange() {
        super("in-range", 3);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        BigDecimal value = number(arguments[0], "value");
        BigDecimal min = isNull(arguments[1]) ? null : number(arguments[1], "min");
        BigDecimal max = isNull(arguments[2]) ? null : number(arguments[2], "max");
        if ((min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0)) {
            throw fail(shown(arguments[0]) + " is outside " + (min == null ? "" : shown(arguments[1])) + ".."
                    + (max == null ? "" : shown(arguments[2])), arguments[0]);
        }
        return arguments[0];
    }
}
