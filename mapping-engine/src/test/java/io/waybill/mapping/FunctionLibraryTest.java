package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.mapping.functions.FunctionFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FunctionLibraryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, CodeTable> tables;

    @BeforeAll
    static void statusCodeTable(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("status-codes.csv"), PartnerFolder.STATUS_CODES);
        tables = Map.of("status", CodeTable.load("acme-freight.status", "status", csv));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "2026-11-27T10:15:00-05:00,     2026-11-27T15:15:00Z",
            "2026-11-27T10:15:00+05:30,     2026-11-27T04:45:00Z",
            "2026-11-27T10:15:00Z,          2026-11-27T10:15:00Z",
            "2026-11-27T10:15:00+00:00,     2026-11-27T10:15:00Z",
            "2026-11-27T10:15:00.250-05:00, 2026-11-27T15:15:00.250Z",
            "2026-11-27T23:30:00-05:00,     2026-11-28T04:30:00Z",
            "2026-11-27T10:15-05:00,        2026-11-27T15:15:00Z",
    })
    void utc_instant_converts_a_local_time_with_offset_to_utc(String timestamp, String instant) {
        assertThat(call("utc-instant(.ts)", timestamp).asText()).isEqualTo(instant);
    }

    @ParameterizedTest(name = "{0} has offset {1}")
    @CsvSource({
            "2026-11-27T10:15:00-05:00,     -05:00",
            "2026-11-27T10:15:00+05:30,     +05:30",
            "2026-11-27T10:15:00Z,          +00:00",
            "2026-11-27T10:15:00+00:00,     +00:00",
            "2026-11-27T10:15:00.250-05:00, -05:00",
    })
    void utc_offset_keeps_the_offset_the_partner_wrote(String timestamp, String offset) {
        assertThat(call("utc-offset(.ts)", timestamp).asText()).isEqualTo(offset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utc-instant(.ts)", "utc-offset(.ts)"})
    void time_functions_give_null_for_null(String expression) {
        assertThat(compile(expression).apply(JSON.createObjectNode()).isNull()).isTrue();
        assertThat(compile(expression).apply(JSON.createObjectNode().putNull("ts")).isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:00", "2026-11-27 10:15:00-05:00", "2026-11-27", "27/11/2026 10:15",
            "2026-02-30T10:00:00Z", "yesterday", ""})
    void utc_instant_refuses_a_string_that_is_not_a_date_time_with_offset(String timestamp) {
        assertThatThrownBy(() -> call("utc-instant(.ts)", timestamp))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("utc-instant: '" + timestamp + "' is not an ISO-8601 date-time with an offset");
    }

    @Test
    void utc_offset_refuses_a_string_that_is_not_a_date_time_with_offset() {
        assertThatThrownBy(() -> call("utc-offset(.ts)", "2026-11-27T10:15:00"))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("utc-offset: '2026-11-27T10:15:00' is not an ISO-8601 date-time with an offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utc-instant", "utc-offset"})
    void time_functions_refuse_epoch_numbers(String function) {
        assertThatThrownBy(() -> compile(function + "(.ts)").apply(JSON.createObjectNode().put("ts", 1767225600)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining(function + ": expected an ISO-8601 date-time string, got 1767225600");
    }

    @Test
    void code_lookup_maps_a_known_code() {
        assertThat(call("code-lookup(\"status\", .ts)", "DL").asText()).isEqualTo("DELIVERED");
        assertThat(call("code-lookup(\"status\", .ts)", " PU ").asText()).isEqualTo("PICKED_UP");
    }

    @Test
    void code_lookup_refuses_an_unknown_code_listing_the_known_ones() {
        assertThatThrownBy(() -> call("code-lookup(\"status\", .ts)", "ZZ"))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("code-lookup: code 'ZZ' is not in table 'status' (known: [PU, DL])");
    }

    @Test
    void code_lookup_refuses_a_table_the_mapping_does_not_declare() {
        assertThatThrownBy(() -> call("code-lookup(\"statuses\", .ts)", "DL"))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("code-lookup: mapping acme-freight.status declares no table 'statuses'; declared: [status]");
    }

    @Test
    void code_lookup_gives_null_for_null() {
        assertThat(compile("code-lookup(\"status\", .ts)").apply(JSON.createObjectNode()).isNull()).isTrue();
    }

    @Test
    void code_lookup_failures_carry_the_code_or_the_table_name() {
        ObjectNode input = JSON.createObjectNode().put("ts", "ZZ").put("table", "statuses");
        FunctionFailure unknownCode = catchThrowableOfType(FunctionFailure.class,
                () -> compile("code-lookup(\"status\", .ts)").apply(input));
        assertThat(unknownCode.function()).isEqualTo("code-lookup");
        assertThat(unknownCode.value()).isSameAs(input.get("ts"));
        FunctionFailure unknownTable = catchThrowableOfType(FunctionFailure.class,
                () -> compile("code-lookup(.table, \"DL\")").apply(input));
        assertThat(unknownTable).hasMessageContaining("code-lookup: mapping acme-freight.status declares no table 'statuses'");
        assertThat(unknownTable.value()).isSameAs(input.get("table"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utc-instant", "utc-offset"})
    void time_function_failures_carry_the_timestamp(String function) {
        ObjectNode input = JSON.createObjectNode().put("ts", "2026-11-27T10:15:00");
        FunctionFailure failure = catchThrowableOfType(FunctionFailure.class, () -> compile(function + "(.ts)").apply(input));
        assertThat(failure.function()).isEqualTo(function);
        assertThat(failure.value()).isSameAs(input.get("ts"));
    }

    private static JsonNode call(String expression, String ts) {
        return compile(expression).apply(JSON.createObjectNode().put("ts", ts));
    }

    private static Expression compile(String expression) {
        return Parser.compileString(expression, FunctionLibrary.forMapping("acme-freight.status", tables));
    }
}
