package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.mapping.functions.FunctionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Where a failing function sits: the canonical field, the transform line and the input path, through real JSLT. */
class FailureLocatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FailureLocator.Location locate(String transform, String input) throws Exception {
        JsonNode document = JSON.readTree(input);
        FunctionFailure failure = catchThrowableOfType(FunctionFailure.class, () -> new Parser(new StringReader(transform))
                .withFunctions(FunctionLibrary.forMapping("test.status", Map.of())).compile().apply(document));
        assertThat(failure).as("the transform must fail in a Waybill function").isNotNull();
        return FailureLocator.locate(failure, document, transform, "status.jslt");
    }

    @Test
    void a_nested_field_is_named_by_its_pointer_under_data_with_the_line_and_input_path() throws Exception {
        FailureLocator.Location at = locate("""
                // comment with "quotes": utc-instant(.x)
                {
                  "shipmentId": .ref,
                  "location": {
                    "name": .city,
                    "geo": lat-lon(.pos.lat, .pos.lon)
                  },
                  "eventTime": utc-instant(.ts)
                }
                """, """
                {"ref": "S1", "city": "Oslo", "pos": {"lat": 95.5, "lon": 10.7}, "ts": "2026-11-27T10:00:00Z"}
                """);

        assertThat(at.field()).isEqualTo("/data/location/geo");
        assertThat(at.line()).isEqualTo("status.jslt:6");
        assertThat(at.inputPath()).isEqualTo("/pos/lat");
    }

    @Test
    void of_two_calls_of_one_function_the_one_reading_the_bad_value_is_named() throws Exception {
        FailureLocator.Location at = locate("""
                {
                  "eventTime": utc-instant(.event_ts),
                  "eta": {"estimatedTime": utc-instant(.eta_ts)}
                }
                """, """
                {"event_ts": "2026-11-27T10:00:00Z", "eta_ts": "27/11/2026 18:00"}
                """);

        assertThat(at.field()).isEqualTo("/data/eta/estimatedTime");
        assertThat(at.line()).isEqualTo("status.jslt:3");
        assertThat(at.inputPath()).isEqualTo("/eta_ts");
    }

    @Test
    void a_bad_element_of_an_array_is_named_by_its_position_in_the_input() throws Exception {
        FailureLocator.Location at = locate("""
                [for (.milestones) {
                  "status": "DEPARTED",
                  "eventTime": utc-instant(.at, "dd.MM.yyyy HH:mm", "Europe/Berlin")
                }]
                """, """
                {"milestones": [{"at": "25.10.2026 01:30"}, {"at": "25.10.2026 2:30 Uhr"}]}
                """);

        assertThat(at.field()).isEqualTo("/data/eventTime");
        assertThat(at.inputPath()).isEqualTo("/milestones/1/at");
    }

    @Test
    void a_value_computed_in_the_transform_has_no_input_path_and_a_let_has_no_field() throws Exception {
        FailureLocator.Location at = locate("""
                let when = utc-instant(.date + "T" + .time)
                {"eventTime": $when}
                """, """
                {"date": "2026-11-27", "time": "25:00"}
                """);

        assertThat(at.field()).isNull();
        assertThat(at.line()).isEqualTo("status.jslt:1");
        assertThat(at.inputPath()).isNull();
    }

    @Test
    void calls_the_input_cannot_tell_apart_are_all_listed_without_a_field() throws Exception {
        FailureLocator.Location at = locate("""
                {
                  "a": celsius(.t, .unit),
                  "b": {"max": celsius(.t_max, .unit)}
                }
                """, """
                {"t": 12, "t_max": 14, "unit": "X"}
                """);

        assertThat(at.field()).isNull();
        assertThat(at.line()).isEqualTo("status.jslt:2 or 3");
    }

    @Test
    void of_several_code_lookups_the_one_reading_the_unknown_code_is_named(@TempDir Path dir) throws Exception {
        Path status = Files.writeString(dir.resolve("status.csv"), "code,value\nD1,DELIVERED\n");
        Path reasons = Files.writeString(dir.resolve("reasons.csv"), "code,value\nNS,NORMAL\n");
        Map<String, CodeTable> tables = Map.of("status", CodeTable.load("test.status", "status", status),
                "reasons", CodeTable.load("test.status", "reasons", reasons));
        String transform = """
                {
                  "status": code-lookup("status", .status_code),
                  "reason": {"code": code-lookup("reasons", .reason_code)}
                }
                """;
        JsonNode document = JSON.readTree("""
                {"status_code": "D1", "reason_code": "Q9"}
                """);
        FunctionFailure failure = catchThrowableOfType(FunctionFailure.class, () -> new Parser(new StringReader(transform))
                .withFunctions(FunctionLibrary.forMapping("test.status", tables)).compile().apply(document));

        FailureLocator.Location at = FailureLocator.locate(failure, document, transform, "status.jslt");

        assertThat(at.field()).isEqualTo("/data/reason/code");
        assertThat(at.line()).isEqualTo("status.jslt:3");
        assertThat(at.inputPath()).isEqualTo("/reason_code");
    }
}
