package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * utc-offset reuses the reading utc-instant just made of the same value; a value read with
 * another format or zone, or a number with the same digits as a string, must still be read anew.
 */
class TimestampReuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Expression TRANSFORM = new Parser(new StringReader("""
            {"a": utc-instant(.t, .f, .z), "ao": utc-offset(.t, .f, .z), "b": utc-instant(.t, .f, .z2), "bo": utc-offset(.t, .f, .z2)}
            """)).withFunctions(FunctionLibrary.forMapping("test.t", Map.of())).compile();

    private static JsonNode map(String input) throws Exception {
        return TRANSFORM.apply(JSON.readTree(input));
    }

    @Test
    void the_same_text_in_another_zone_is_read_in_that_zone() throws Exception {
        JsonNode out = map("""
                {"t": "27.11.2026 10:00", "f": "dd.MM.yyyy HH:mm", "z": "Europe/Berlin", "z2": "America/Chicago"}
                """);

        assertThat(out.path("a").asText()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(out.path("ao").asText()).isEqualTo("+01:00");
        assertThat(out.path("b").asText()).isEqualTo("2026-11-27T16:00:00Z");
        assertThat(out.path("bo").asText()).isEqualTo("-06:00");
    }

    @Test
    void a_number_is_not_taken_for_the_string_with_its_digits() throws Exception {
        JsonNode text = map("""
                {"t": "1795367100", "f": "epoch-s", "z": null, "z2": null}
                """);
        assertThat(text.path("a").asText()).isEqualTo("2026-11-22T17:05:00Z");
        assertThatThrownBy(() -> map("""
                {"t": "1795367100", "f": "yyyyMMddHH", "z": "UTC", "z2": "UTC"}
                """)).hasMessageContaining("1795367100");
        assertThat(map("""
                {"t": 1795367100, "f": "epoch-s", "z": null, "z2": null}
                """).path("a").asText()).isEqualTo("2026-11-22T17:05:00Z");
    }

    @Test
    void consecutive_messages_get_their_own_times() throws Exception {
        for (int hour = 0; hour < 24; hour++) {
            JsonNode out = map("""
                    {"t": "2026-11-27T%02d:30:00+05:30", "f": "iso", "z": null, "z2": null}
                    """.formatted(hour));
            assertThat(out.path("ao").asText()).isEqualTo("+05:30");
            assertThat(out.path("a").asText()).isEqualTo(java.time.OffsetDateTime.parse("2026-11-27T%02d:30:00+05:30"
                    .formatted(hour)).toInstant().toString());
        }
    }
}
