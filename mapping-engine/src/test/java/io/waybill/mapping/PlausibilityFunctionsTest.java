package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.mapping.functions.FunctionFailure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code in-range} and {@code instant-within}: the plausibility bounds a schema cannot know. */
class PlausibilityFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void in_range_passes_a_value_within_its_bounds_as_given() {
        assertThat(apply("in-range(.v, -60, 100)", JSON.createObjectNode().put("v", 4.25)).asDouble()).isEqualTo(4.25);
        assertThat(apply("in-range(.v, -60, 100)", JSON.createObjectNode().put("v", "100")).asText()).isEqualTo("100");
        assertThat(apply("in-range(.v, null, 100)", JSON.createObjectNode().put("v", -1e9)).asDouble()).isEqualTo(-1e9);
        assertThat(apply("in-range(.v, 0, 100)", JSON.createObjectNode()).isNull()).isTrue();
    }

    @Test
    void in_range_refuses_a_value_outside_its_bounds_or_not_a_number() {
        assertThatThrownBy(() -> apply("in-range(.v, -60, 100)", JSON.createObjectNode().put("v", 9999)))
                .isInstanceOf(FunctionFailure.class).hasMessage("in-range: 9999 is outside -60..100");
        assertThatThrownBy(() -> apply("in-range(.v, 0, null)", JSON.createObjectNode().put("v", -3)))
                .hasMessage("in-range: -3 is outside 0..");
        assertThatThrownBy(() -> apply("in-range(.v, 0, 100)", JSON.createObjectNode().put("v", "NaN")))
                .hasMessageContaining("in-range: value 'NaN' is not a number");
        assertThatThrownBy(() -> apply("in-range(.v, 0, 100)", JSON.createObjectNode().put("v", true)))
                .hasMessageContaining("in-range: value true is not a number");
    }

    @Test
    void instant_within_passes_an_instant_inside_the_window() {
        assertThat(within("2026-11-27T09:59:00Z").asText()).isEqualTo("2026-11-27T09:59:00Z");
        assertThat(within("2026-10-28T10:00:00Z").asText()).as("exactly 30 days before").isEqualTo("2026-10-28T10:00:00Z");
        assertThat(within("2026-11-27T10:10:00.000Z").asText()).as("exactly 10 minutes after").isEqualTo("2026-11-27T10:10:00.000Z");
        assertThat(apply("instant-within(.t, \"2026-11-27T10:00:00Z\", \"P30D\", \"PT10M\")", JSON.createObjectNode()).isNull()).isTrue();
    }

    @Test
    void instant_within_refuses_epoch_zero_and_the_far_future() {
        assertThatThrownBy(() -> within("1970-01-01T00:00:00Z")).isInstanceOf(FunctionFailure.class)
                .hasMessage("instant-within: 1970-01-01T00:00:00Z is more than PT720H before 2026-11-27T10:00:00Z;"
                        + " a device clock that was reset?");
        assertThatThrownBy(() -> within("2099-01-01T00:00:00Z"))
                .hasMessage("instant-within: 2099-01-01T00:00:00Z is more than PT10M after 2026-11-27T10:00:00Z;"
                        + " a device clock running ahead?");
    }

    @Test
    void instant_within_refuses_what_is_not_an_instant_or_a_duration() {
        assertThatThrownBy(() -> within("27.11.2026")).hasMessageContaining("instant '27.11.2026' is not a UTC instant");
        assertThatThrownBy(() -> apply("instant-within(.t, \"2026-11-27T10:00:00Z\", \"30 days\", \"PT10M\")",
                JSON.createObjectNode().put("t", "2026-11-27T10:00:00Z")))
                .hasMessageContaining("duration '30 days' is not an ISO-8601 duration");
    }

    private static JsonNode within(String instant) {
        ObjectNode input = JSON.createObjectNode().put("t", instant);
        return apply("instant-within(.t, \"2026-11-27T10:00:00Z\", \"P30D\", \"PT10M\")", input);
    }

    private static JsonNode apply(String expression, JsonNode input) {
        return Parser.compileString(expression, FunctionLibrary.forMapping("acme-freight.status", Map.of())).apply(input);
    }
}
