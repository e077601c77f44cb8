package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code instant-within(instant, reference, before, after)}: the UTC instant as given when it is at
 * most {@code before} earlier and at most {@code after} later than {@code reference} (ISO-8601
 * durations such as {@code P30D}, {@code PT10M}). Devices whose clock was reset report epoch 0, and
 * ones with a wrong clock report the far future; a mapping passes {@code $received_at} as the
 * reference to refuse both: {@code instant-within(utc-instant(.ts, "epoch-s"), $received_at, "P30D", "PT10M")}.
 * Null in gives null out; an instant outside the window, or an argument that is not an instant or a
 * duration, fails.
 */
public final class InstantWithin extends WaybillFunction {

    public InstantWithin() {
        super("instant-within", 4);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        Instant instant = instant(arguments[0], "instant");
        Instant reference = instant(arguments[1], "reference");
        Duration before = duration(arguments[2]);
        Duration after = duration(arguments[3]);
        if (instant.isBefore(reference.minus(before))) {
            throw fail(arguments[0].asText() + " is more than " + before + " before " + reference
                    + "; a device clock that was reset?", arguments[0]);
        }
        if (instant.isAfter(reference.plus(after))) {
            throw fail(arguments[0].asText() + " is more than " + after + " after " + reference
                    + "; a device clock running ahead?", arguments[0]);
        }
        return arguments[0];
    }

    private Instant instant(JsonNode value, String what) {
        try {
            return Instant.parse(text(value, "an ISO-8601 UTC instant (" + what + ")"));
        } catch (DateTimeParseException e) {
            throw fail(what + " " + shown(value) + " is not a UTC instant like 2026-11-27T10:00:00Z", value);
        }
    }

    private Duration duration(JsonNode value) {
        try {
            Duration duration = Duration.parse(text(value, "an ISO-8601 duration"));
            if (duration.isNegative()) {
                throw fail("duration " + shown(value) + " is negative", value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw fail("duration " + shown(value) + " is not an ISO-8601 duration like PT10M or P30D", value);
        }
    }
}
