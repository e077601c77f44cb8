package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.mapping.functions.FunctionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code epc-uri} and {@code epc-decode}: SGTIN-96 and SSCC-96 per the GS1 EPC Tag Data Standard,
 * with the standard's own examples, the ends of the partition tables, and every way a hex EPC
 * can be wrong.
 */
class EpcFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // The Tag Data Standard's worked examples.
            "3074257BF7194E4000001A85,   urn:epc:id:sgtin:0614141.812345.6789",
            "3174257BF4499602D2000000,   urn:epc:id:sscc:0614141.1234567890",
            // Lower case, spaces and 0x are a reader's habits, not a different EPC.
            "3074257bf7194e4000001a85,   urn:epc:id:sgtin:0614141.812345.6789",
            "'0x3074 257B F719 4E40 0000 1A85', urn:epc:id:sgtin:0614141.812345.6789",
            // Partition 0: a 12-digit company prefix and a 1-digit item reference.
            "302072FA6468514000000001,   urn:epc:id:sgtin:123456789012.5.1",
            // Partition 6: a 6-digit company prefix keeps its leading zero; the largest 38-bit serial.
            "30180C0E44B5A1FFFFFFFFFF,   urn:epc:id:sgtin:012345.1234567.274877906943",
            "314072FA6468503039000000,   urn:epc:id:sscc:123456789012.12345",
    })
    void epc_uri_decodes_sgtin_96_and_sscc_96(String hex, String uri) {
        assertThat(call("epc-uri(.x)", hex).asText()).isEqualTo(uri);
    }

    @Test
    void epc_decode_gives_the_gtin_14_and_serial_of_an_sgtin() throws Exception {
        assertThat(call("epc-decode(.x)", "3074257BF7194E4000001A85")).isEqualTo(JSON.readTree("""
                {"scheme": "sgtin", "uri": "urn:epc:id:sgtin:0614141.812345.6789", "filter": 3,
                 "companyPrefix": "0614141", "gtin": "80614141123458", "serial": "6789"}"""));
    }

    @Test
    void epc_decode_gives_the_sscc_18_of_an_sscc() throws Exception {
        assertThat(call("epc-decode(.x)", "3174257BF4499602D2000000")).isEqualTo(JSON.readTree("""
                {"scheme": "sscc", "uri": "urn:epc:id:sscc:0614141.1234567890", "filter": 3,
                 "companyPrefix": "0614141", "sscc": "106141412345678908"}"""));
    }

    @ParameterizedTest(name = "{0} has GS1 key {1}")
    @CsvSource({
            "302072FA6468514000000001, 51234567890123",
            "30180C0E44B5A1FFFFFFFFFF, 10123452345677",
            "314072FA6468503039000000, 112345678901223455",
    })
    void epc_decode_keys_carry_a_valid_check_digit(String hex, String key) {
        JsonNode decoded = call("epc-decode(.x)", hex);
        String actual = decoded.has("gtin") ? decoded.get("gtin").asText() : decoded.get("sscc").asText();
        assertThat(actual).isEqualTo(key);
        assertThat(call("gs1-check(.x)", actual).asText()).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "3574257BF7194E4000001A85 | has header 0x35, which is neither SGTIN-96 (0x30) nor SSCC-96 (0x31)",
            "E200001234567890ABCDEF01 | has header 0xE2",
            "3074257BF7194E4000001A   | has 22 hex digits; a 96-bit EPC has 24",
            "3074257BF7194E4000001A8500 | has 26 hex digits",
            "''                       | has 0 hex digits",
            "3074257BF7194E40000G1A85 | is not hexadecimal",
            "307C257BF7194E4000001A85 | has partition value 7, which the SGTIN-96 partition table does not define",
            "3076625A03194E4000001A85 | has company prefix 10000000, more than the 7 digits its partition allows",
            "3074257BF7D0900000001A85 | has item reference 1000000, more than the 6 digits",
            "3154257BF4499602D2000005 | has non-zero bits in the 24 unallocated bits of an SSCC-96",
    })
    void epc_functions_refuse_what_is_not_a_valid_sgtin_or_sscc_96(String hex, String reason) {
        for (String function : new String[] {"epc-uri", "epc-decode"}) {
            FunctionFailure failure = catchThrowableOfType(() -> call(function + "(.x)", hex), FunctionFailure.class);
            assertThat(failure).as(function).isNotNull();
            assertThat(failure.getMessage()).startsWith(function + ": EPC '" + hex + "' ").contains(reason);
            assertThat(failure.value().asText()).isEqualTo(hex);
        }
    }

    @Test
    void epc_functions_refuse_a_number_and_pass_null_through() {
        assertThatThrownBy(() -> apply("epc-uri(.x)", JSON.createObjectNode().put("x", 3074)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("epc-uri: expected a 96-bit EPC in hex as a string, got 3074");
        assertThat(apply("epc-uri(.x)", JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply("epc-decode(.x)", JSON.createObjectNode()).isNull()).isTrue();
    }

    private static JsonNode call(String expression, String x) {
        return apply(expression, JSON.createObjectNode().put("x", x));
    }

    private static JsonNode apply(String expression, JsonNode input) {
        return Parser.compileString(expression, FunctionLibrary.forMapping("acme-freight.rfid", Map.of())).apply(input);
    }
}
