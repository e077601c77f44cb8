package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code seconds(amount, unit)} and {@code seconds(duration)}: a duration as a whole number of seconds
 * (canonical durations, like {@code delaySeconds}, are in seconds), rounded half-up, ties away from zero
 * ({@code 0.5 s} is 1, {@code -0.5 s} is -1). Amount, unit and duration as for {@link InstantAfter}:
 * {@code seconds(90, "min")} and {@code seconds("PT1H30M")} are both 5400. Negative durations are
 * kept. A null amount or duration gives null; a non-numeric amount, a missing or unknown unit, an
 * unparseable duration or more seconds than a 64-bit integer holds fails.
 */
public final class Seconds extends WaybillFunction {

    public Seconds() {
        super("seconds", 1, 2);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        BigDecimal seconds = arguments.length == 2 ? Durations.seconds(this, arguments[0], arguments[1])
                : Durations.seconds(this, arguments[0]);
        try {
            return JsonNodeFactory.instance.numberNode(seconds.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw fail(shown(arguments[0]) + (arguments.length == 2 ? " " + arguments[1].asText() : "")
                    + " is more seconds than a 64-bit integer holds", arguments[0]);
        }
    }
}
