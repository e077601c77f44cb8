package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.mapping.functions.FunctionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The identifier, temperature and position functions, called through compiled JSLT. */
class TransportFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // --- iso6346 ---

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "CSQU3054383,     CSQU3054383",
            "csqu3054383,     CSQU3054383",
            "CSQU 305438 3,   CSQU3054383",
            "CSQU-305438-3,   CSQU3054383",
            "MSCU1234566,     MSCU1234566",
            "TGHJ0000000,     TGHJ0000000",
            "ABCZ0000005,     ABCZ0000005",
    })
    void iso6346_normalises_a_valid_container_number(String raw, String normalised) {
        assertThat(call("iso6346(.x)", raw).asText()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CSQU3054384", "MSCU1234565", "ABCU0000000"})
    void iso6346_refuses_a_wrong_check_digit(String raw) {
        assertThatThrownBy(() -> call("iso6346(.x)", raw))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("iso6346: '" + raw + "' has check digit");
    }

    @Test
    void iso6346_names_the_expected_check_digit() {
        assertThatThrownBy(() -> call("iso6346(.x)", "CSQU3054384"))
                .hasMessageContaining("iso6346: 'CSQU3054384' has check digit 4, expected 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CSQX3054383", "CSQU305438", "CSQU30543833", "C5QU3054383", "CSQU305438A", "", "CSQU_3054383", "ßQU3054383", "CSQ\u0131\u0131054383"})
    void iso6346_refuses_a_malformed_number(String raw) {
        assertThatThrownBy(() -> call("iso6346(.x)", raw))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("iso6346: '" + raw + "' is not a container number");
    }

    @Test
    void iso6346_refuses_a_number() {
        assertThatThrownBy(() -> apply("iso6346(.x)", JSON.createObjectNode().put("x", 1234566)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("iso6346: expected a container number as a string, got 1234566");
    }

    // --- gs1-check ---

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "96385074,              96385074",
            "036000291452,          036000291452",
            "4006381333931,         4006381333931",
            "0614141000012,         0614141000012",
            "00012345600012,        00012345600012",
            "106141411234567897,    106141411234567897",
            "'1 06141411 234567897', 106141411234567897",
    })
    void gs1_check_accepts_valid_codes(String raw, String digits) {
        assertThat(call("gs1-check(.x)", raw).asText()).isEqualTo(digits);
    }

    @Test
    void gs1_check_names_the_expected_check_digit() {
        assertThatThrownBy(() -> call("gs1-check(.x)", "4006381333932"))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("gs1-check: '4006381333932' has check digit 2, expected 1");
        assertThatThrownBy(() -> call("gs1-check(.x)", "106141411234567890"))
                .hasMessageContaining("gs1-check: '106141411234567890' has check digit 0, expected 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "123456789", "12345678901", "1234567890123456", "40063813339X1", "", "-4006381333931"})
    void gs1_check_refuses_wrong_lengths_and_non_digits(String raw) {
        assertThatThrownBy(() -> call("gs1-check(.x)", raw))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("gs1-check: '" + raw + "' is not a GS1 code");
    }

    @Test
    void gs1_check_refuses_a_json_number_which_would_lose_leading_zeros() {
        assertThatThrownBy(() -> apply("gs1-check(.x)", JSON.createObjectNode().put("x", 96385074)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("gs1-check: expected a GTIN, GLN or SSCC as a string, got 96385074");
    }

    // --- scac ---

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"MAEU, MAEU", "abcd, ABCD", "' Ups ', UPS", "XY, XY"})
    void scac_upper_cases(String raw, String code) {
        assertThat(call("scac(.x)", raw).asText()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "ABCDE", "AB1", "MA EU", "", "ÄBC", "ß", "\u0131BM"})
    void scac_refuses_anything_but_2_to_4_letters(String raw) {
        assertThatThrownBy(() -> call("scac(.x)", raw))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("scac: '" + raw + "' is not a SCAC");
    }

    // --- unlocode ---

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"USCHI, USCHI", "'US CHI', USCHI", "'us chi', USCHI", "DEHAM, DEHAM", "GB2LO, GB2LO", "' NLRTM ', NLRTM"})
    void unlocode_normalises(String raw, String code) {
        assertThat(call("unlocode(.x)", raw).asText()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USCH", "USCHIC", "US  CHI", "U1CHI", "USCH1", "USCH0", "US-CHI", "", "1SCHI", "ßCHI", "US\u0131CH"})
    void unlocode_refuses_malformed_codes(String raw) {
        assertThatThrownBy(() -> call("unlocode(.x)", raw))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("unlocode: '" + raw + "' is not a UN/LOCODE");
    }

    // --- celsius ---

    @ParameterizedTest(name = "{0} {1} is {2} C")
    @CsvSource({
            "4,       C,   4.00",
            "-18.456, c,   -18.46",
            "104,     F,   40.00",
            "-40,     F,   -40.00",
            "98.6,    °F,  37.00",
            "451,     f,   232.78",
            "32,      F,   0.00",
            "273.15,  K,   0.00",
            "0,       k,   -273.15",
            "-273.15, C,   -273.15",
            "'  5 ',  ' °C ', 5.00",
    })
    void celsius_converts(String value, String unit, String celsius) {
        JsonNode result = apply("celsius(.v, .u)", JSON.createObjectNode().put("v", value).put("u", unit));
        assertThat(result.isNumber()).isTrue();
        assertThat(result.decimalValue()).isEqualByComparingTo(celsius);
        assertThat(result.asText()).isEqualTo(celsius);
    }

    @Test
    void celsius_accepts_json_numbers() {
        assertThat(apply("celsius(.v, \"F\")", JSON.createObjectNode().put("v", 212)).asText()).isEqualTo("100.00");
        assertThat(apply("celsius(.v, \"C\")", JSON.createObjectNode().put("v", 3.14159)).asText()).isEqualTo("3.14");
    }

    @Test
    void celsius_rounds_a_tiny_negative_to_zero_not_minus_zero() {
        assertThat(apply("celsius(.v, \"C\")", JSON.createObjectNode().put("v", -0.001)).asText()).isEqualTo("0.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "warm", "", "4C", "Infinity", "1,5"})
    void celsius_refuses_non_numeric_values(String value) {
        assertThatThrownBy(() -> apply("celsius(.v, \"C\")", JSON.createObjectNode().put("v", value)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("celsius: temperature '" + value + "' is not a number");
    }

    @Test
    void celsius_refuses_a_nan_number_and_non_scalars() {
        assertThatThrownBy(() -> apply("celsius(.v, \"C\")", JSON.createObjectNode().put("v", Double.NaN)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("celsius: temperature NaN is not a finite number");
        assertThatThrownBy(() -> apply("celsius(.v, \"C\")", JSON.createObjectNode().put("v", true)))
                .hasMessageContaining("celsius: temperature true is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"R", "celsius", "", "°", "DEG F"})
    void celsius_refuses_unknown_units(String unit) {
        assertThatThrownBy(() -> apply("celsius(.v, .u)", JSON.createObjectNode().put("v", 4).put("u", unit)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("celsius: unknown unit '" + unit + "'");
    }

    @Test
    void celsius_refuses_a_missing_unit_and_temperatures_below_absolute_zero() {
        assertThatThrownBy(() -> apply("celsius(.v, .u)", JSON.createObjectNode().put("v", 4)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("celsius: temperature 4 has no unit");
        assertThatThrownBy(() -> apply("celsius(.v, \"K\")", JSON.createObjectNode().put("v", -1)))
                .hasMessageContaining("celsius: -1 K is below absolute zero");
        assertThatThrownBy(() -> apply("celsius(.v, \"F\")", JSON.createObjectNode().put("v", -500)))
                .hasMessageContaining("celsius: -500 F is below absolute zero");
    }

    @Test
    void celsius_gives_null_for_a_null_value() {
        assertThat(apply("celsius(.v, \"F\")", JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply("celsius(.v, .u)", JSON.createObjectNode().putNull("v")).isNull()).isTrue();
    }

    // --- lat-lon ---

    @Test
    void lat_lon_builds_a_position() {
        JsonNode position = apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", 41.8781).put("lon", -87.6298));
        assertThat(position.get("lat").decimalValue()).isEqualByComparingTo("41.8781");
        assertThat(position.get("lon").decimalValue()).isEqualByComparingTo("-87.6298");
        assertThat(position.size()).isEqualTo(2);
    }

    @Test
    void lat_lon_accepts_numeric_strings_and_the_range_limits() {
        JsonNode position = apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", " -90 ").put("lon", "180"));
        assertThat(position.get("lat").decimalValue()).isEqualByComparingTo("-90");
        assertThat(position.get("lon").decimalValue()).isEqualByComparingTo("180");
    }

    @Test
    void lat_lon_keeps_a_single_zero_coordinate() {
        JsonNode position = apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", 0).put("lon", 9.99));
        assertThat(position.get("lat").decimalValue()).isEqualByComparingTo("0");
        assertThat(position.get("lon").decimalValue()).isEqualByComparingTo("9.99");
    }

    @Test
    void lat_lon_treats_zero_zero_as_no_fix() {
        assertThat(apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", 0).put("lon", 0)).isNull()).isTrue();
        assertThat(apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", 0.0).put("lon", "-0.000")).isNull())
                .isTrue();
    }

    @Test
    void lat_lon_gives_null_when_both_are_null() {
        assertThat(apply("lat-lon(.lat, .lon)", JSON.createObjectNode()).isNull()).isTrue();
    }

    @Test
    void lat_lon_refuses_half_a_position() {
        assertThatThrownBy(() -> apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", 41.8)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("lat-lon: got lat 41.8 and lon null; both or neither are needed");
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @CsvSource({
            "90.0001, 0,        lat-lon: lat 90.0001 is outside -90..90",
            "-91,     10,       lat-lon: lat -91 is outside -90..90",
            "10,      180.5,    lat-lon: lon 180.5 is outside -180..180",
            "10,      -181,     lat-lon: lon -181 is outside -180..180",
    })
    void lat_lon_refuses_out_of_range(String lat, String lon, String message) throws Exception {
        assertThatThrownBy(() -> apply("lat-lon(.lat, .lon)", JSON.readTree("{\"lat\":" + lat + ",\"lon\":" + lon + "}")))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining(message);
    }

    @Test
    void lat_lon_quotes_out_of_range_strings() {
        assertThatThrownBy(() -> apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", "95").put("lon", "1")))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("lat-lon: lat '95' is outside -90..90");
    }

    @Test
    void lat_lon_refuses_non_numeric_values() {
        assertThatThrownBy(() -> apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", "N41.8").put("lon", 1)))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("lat-lon: lat 'N41.8' is not a number");
        assertThatThrownBy(() -> apply("lat-lon(.lat, .lon)", JSON.createObjectNode().put("lat", 1).put("lon", Double.NaN)))
                .hasMessageContaining("lat-lon: lon NaN is not a finite number");
    }

    // --- geohash-lat-lon ---

    @ParameterizedTest(name = "{0} is {1}, {2}")
    @CsvSource({
            "u4pruydqqvj,  57.649111,  10.407440",
            "U4PRUYDQQVJ,  57.649111,  10.407440",
            "ezs42,        42.604980,  -5.603027",
            "dp3wjztvtx,   41.878121,  -87.629802",
            "s,            22.500000,  22.500000",
            "7zzzzzzzzzzz, 0.000000,   0.000000",
    })
    void geohash_lat_lon_decodes_the_cell_centre(String hash, String lat, String lon) {
        JsonNode position = call("geohash-lat-lon(.x)", hash);
        assertThat(position.get("lat").asText()).isEqualTo(lat);
        assertThat(position.get("lon").asText()).isEqualTo(lon);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u4pa", "ilo", "u4 pr", "u4-pr", "u4\u212A"})
    void geohash_lat_lon_refuses_characters_outside_the_alphabet(String hash) {
        assertThatThrownBy(() -> call("geohash-lat-lon(.x)", hash))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("geohash-lat-lon: '" + hash + "' is not a geohash");
    }

    @Test
    void geohash_lat_lon_refuses_an_empty_hash_and_numbers() {
        assertThatThrownBy(() -> call("geohash-lat-lon(.x)", " "))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining("geohash-lat-lon: ' ' is not a geohash (it is empty)");
        assertThatThrownBy(() -> apply("geohash-lat-lon(.x)", JSON.createObjectNode().put("x", 7)))
                .hasMessageContaining("geohash-lat-lon: expected a geohash as a string, got 7");
    }

    // --- all ---

    @ParameterizedTest
    @ValueSource(strings = {"iso6346(.x)", "gs1-check(.x)", "scac(.x)", "unlocode(.x)", "geohash-lat-lon(.x)"})
    void one_argument_functions_give_null_for_null(String expression) {
        assertThat(apply(expression, JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply(expression, JSON.createObjectNode().putNull("x")).isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iso6346(.x)", "gs1-check(.x)", "scac(.x)", "unlocode(.x)", "geohash-lat-lon(.x)"})
    void one_argument_functions_refuse_objects_and_arrays(String expression) {
        String function = expression.substring(0, expression.indexOf('('));
        assertThatThrownBy(() -> apply(expression, JSON.createObjectNode().set("x", JSON.createArrayNode().add("A"))))
                .isInstanceOf(JsltException.class)
                .hasMessageContaining(function + ": expected ")
                .hasMessageContaining("[\"A\"]");
    }

    @ParameterizedTest(name = "{0} on {1} blames .{2}")
    @CsvSource({
            "iso6346(.x),            '{\"x\": \"CSQU3054384\"}',           x",
            "iso6346(.x),            '{\"x\": \"CSQX3054383\"}',           x",
            "iso6346(.x),            '{\"x\": 1234566}',                 x",
            "gs1-check(.x),          '{\"x\": \"4006381333932\"}',         x",
            "gs1-check(.x),          '{\"x\": \"1234567\"}',               x",
            "scac(.x),               '{\"x\": \"A\"}',                     x",
            "unlocode(.x),           '{\"x\": \"USCH\"}',                  x",
            "geohash-lat-lon(.x),    '{\"x\": \"u4pa\"}',                  x",
            "geohash-lat-lon(.x),    '{\"x\": \" \"}',                     x",
            "'celsius(.v, .u)',      '{\"v\": 4, \"u\": \"R\"}',           u",
            "'celsius(.v, .u)',      '{\"v\": 4, \"u\": 7}',             u",
            "'celsius(.v, .u)',      '{\"v\": 4}',                       v",
            "'celsius(.v, .u)',      '{\"v\": -1, \"u\": \"K\"}',          v",
            "'celsius(.v, .u)',      '{\"v\": \"warm\", \"u\": \"C\"}',    v",
            "'lat-lon(.lat, .lon)',  '{\"lat\": 41.8}',                  lat",
            "'lat-lon(.lat, .lon)',  '{\"lon\": -87.6}',                 lon",
            "'lat-lon(.lat, .lon)',  '{\"lat\": 95, \"lon\": 1}',        lat",
            "'lat-lon(.lat, .lon)',  '{\"lat\": 1, \"lon\": 181}',       lon",
            "'lat-lon(.lat, .lon)',  '{\"lat\": 1, \"lon\": \"E\"}',     lon",
    })
    void failures_carry_the_offending_argument(String expression, String input, String blamed) throws Exception {
        JsonNode document = JSON.readTree(input);
        FunctionFailure failure = catchThrowableOfType(FunctionFailure.class, () -> apply(expression, document));
        assertThat(failure).isNotNull();
        assertThat(failure.function()).isEqualTo(expression.substring(0, expression.indexOf('(')));
        assertThat(failure.getMessage()).startsWith(failure.function() + ": ");
        assertThat(failure.value()).isSameAs(document.get(blamed));
    }

    private static JsonNode call(String expression, String x) {
        return apply(expression, JSON.createObjectNode().put("x", x));
    }

    private static JsonNode apply(String expression, JsonNode input) {
        return Parser.compileString(expression, FunctionLibrary.forMapping("acme-freight.status", Map.of())).apply(input);
    }
}
