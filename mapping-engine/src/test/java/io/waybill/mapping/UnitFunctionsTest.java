package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.mapping.functions.FunctionFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** metres, kilograms, cubic-metres and metres-per-second, called through compiled JSLT. */
class UnitFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1} is {2} m")
    @CsvSource({
            "1,         km,               1000.000",
            "1,         mi,               1609.344",
            "26.2,      mi,               42164.813",
            "1,         ft,               0.305",
            "10,        ft,               3.048",
            "1,         yd,               0.914",
            "100,       yd,               91.440",
            "1,         nmi,              1852.000",
            "12,        in,               0.305",
            "1,         in,               0.025",
            "250,       cm,               2.500",
            "5,         mm,               0.005",
            "0.0005,    m,                0.001",
            "0.0004,    m,                0.000",
            "' 2.5 ',   ' KM ',           2500.000",
            "1,         Miles,            1609.344",
            "1,         NMI,              1852.000",
            "3,         'nautical  miles', 5556.000",
            "1,         metre,            1.000",
            "1,         Meters,           1.000",
            "1,         FOT,              0.305",
            "0,         m,                0.000",
            "-0,        km,               0.000",
            "-0.000,    mi,               0.000",
    })
    void metres_converts(String value, String unit, String metres) {
        assertConverts("metres", value, unit, metres);
    }

    @ParameterizedTest(name = "{0} {1} is {2} kg")
    @CsvSource({
            "1,         lb,               0.454",
            "100,       lbs,              45.359",
            "1000000,   LB,               453592.370",
            "16,        oz,               0.454",
            "1,         oz,               0.028",
            "1,         t,                1000.000",
            "2.5,       tonnes,           2500.000",
            "1,         short-ton,        907.185",
            "1,         'Short Ton',      907.185",
            "1,         LTN,              1016.047",
            "1,         long-ton,         1016.047",
            "500,       g,                0.500",
            "1,         KGM,              1.000",
            "12.3456,   kg,               12.346",
            "1,         Pounds,           0.454",
    })
    void kilograms_converts(String value, String unit, String kilograms) {
        assertConverts("kilograms", value, unit, kilograms);
    }

    @ParameterizedTest(name = "{0} {1} is {2} m3")
    @CsvSource({
            "1000,      l,                1.000000",
            "1.5,       L,                0.001500",
            "1,         gal,              0.003785",
            "55,        us-gal,           0.208198",
            "1,         imp-gal,          0.004546",
            "1,         ft3,              0.028317",
            "100,       'cu ft',          2.831685",
            "100,       cuft,             2.831685",
            "1,         cbm,              1.000000",
            "2,         m³,               2.000000",
            "33.2,      MTQ,              33.200000",
            "1,         Litres,           0.001000",
    })
    void cubic_metres_converts(String value, String unit, String cubicMetres) {
        assertConverts("cubic-metres", value, unit, cubicMetres);
    }

    @ParameterizedTest(name = "{0} {1} is {2} m/s")
    @CsvSource({
            "36,        km/h,             10.000",
            "100,       kph,              27.778",
            "1,         kn,               0.514",
            "10,        knots,            5.144",
            "20,        KT,               10.289",
            "60,        mph,              26.822",
            "1,         m/s,              1.000",
            "1,         KMH,              0.278",
            "0,         kn,               0.000",
    })
    void metres_per_second_converts(String value, String unit, String metresPerSecond) {
        assertConverts("metres-per-second", value, unit, metresPerSecond);
    }

    @Test
    void unit_functions_take_json_numbers_and_keep_exact_factors() {
        assertThat(apply("kilograms(.v, \"lb\")", JSON.createObjectNode().put("v", 2204.6226218)).asText()).isEqualTo("1000.000");
        assertThat(apply("metres(.v, \"ft\")", JSON.createObjectNode().put("v", 1_000_000)).asText()).isEqualTo("304800.000");
        assertThat(apply("metres(.v, \"m\")", JSON.createObjectNode().put("v", -0.0)).asText()).isEqualTo("0.000");
        assertThat(apply("cubic-metres(.v, \"ft3\")", JSON.createObjectNode().put("v", 1_000_000)).asText())
                .isEqualTo("28316.846592");
    }

    @ParameterizedTest
    @ValueSource(strings = {"metres", "kilograms", "cubic-metres", "metres-per-second"})
    void unit_functions_give_null_for_null(String function) {
        assertThat(apply(function + "(.v, .u)", JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply(function + "(.v, \"furlong\")", JSON.createObjectNode().putNull("v")).isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "metres,            -5,     km,   'metres: distance -5 km is negative'",
            "kilograms,         -0.001, kg,   'kilograms: weight -0.001 kg is negative'",
            "cubic-metres,      -1,     m3,   'cubic-metres: volume -1 m3 is negative'",
            "metres-per-second, -1,     km/h, 'metres-per-second: speed -1 km/h is negative'",
    })
    void unit_functions_refuse_negative_quantities(String function, BigDecimal value, String unit, String message) {
        ObjectNode input = JSON.createObjectNode().put("v", value).put("u", unit);
        FunctionFailure failure = failure(function + "(.v, .u)", input);
        assertThat(failure).hasMessageContaining(message);
        assertThat(failure.function()).isEqualTo(function);
        assertThat(failure.value()).isSameAs(input.get("v"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "metres,            furlong, 'm, km, cm, mm, mi, ft, yd, in, nmi'",
            "metres,            nm,      'm, km, cm, mm, mi, ft, yd, in, nmi'",
            "metres,            '',      'm, km, cm, mm, mi, ft, yd, in, nmi'",
            "metres,            \u212Am, 'm, km, cm, mm, mi, ft, yd, in, nmi'",
            "kilograms,         ton,     'kg, g, t, lb, oz, short-ton, long-ton'",
            "kilograms,         tons,    'kg, g, t, lb, oz, short-ton, long-ton'",
            "kilograms,         \u212Ag, 'kg, g, t, lb, oz, short-ton, long-ton'",
            "cubic-metres,      m2,      'm3, l, ft3, gal, imp-gal'",
            "cubic-metres,      cc,      'm3, l, ft3, gal, imp-gal'",
            "metres-per-second, kmph/h,  'm/s, km/h, mph, kn'",
            "metres-per-second, m,       'm/s, km/h, mph, kn'",
    })
    void unit_functions_refuse_unknown_units_listing_the_accepted_ones(String function, String unit, String accepted) {
        ObjectNode input = JSON.createObjectNode().put("v", 1).put("u", unit);
        FunctionFailure failure = failure(function + "(.v, .u)", input);
        assertThat(failure).hasMessageContaining(function + ": unknown unit '" + unit + "' (expected " + accepted
                + ", in any case, or the name or UN/ECE code of one of them)");
        assertThat(failure.value()).isSameAs(input.get("u"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "metres,            distance, 'm, km, cm, mm, mi, ft, yd, in, nmi'",
            "kilograms,         weight,   'kg, g, t, lb, oz, short-ton, long-ton'",
            "cubic-metres,      volume,   'm3, l, ft3, gal, imp-gal'",
            "metres-per-second, speed,    'm/s, km/h, mph, kn'",
    })
    void unit_functions_refuse_a_missing_unit(String function, String quantity, String accepted) {
        ObjectNode input = JSON.createObjectNode().put("v", 12);
        FunctionFailure failure = failure(function + "(.v, .u)", input);
        assertThat(failure).hasMessageContaining(function + ": " + quantity + " 12 has no unit (expected " + accepted + ")");
        assertThat(failure.value()).isSameAs(input.get("v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 km", "twelve", "", "1,5", "NaN", "Infinity"})
    void unit_functions_refuse_non_numeric_values(String value) {
        ObjectNode input = JSON.createObjectNode().put("v", value);
        FunctionFailure failure = failure("metres(.v, \"km\")", input);
        assertThat(failure).hasMessageContaining("metres: distance '" + value + "' is not a number");
        assertThat(failure.value()).isSameAs(input.get("v"));
    }

    @Test
    void unit_functions_refuse_non_finite_numbers_absurd_magnitudes_and_non_string_units() {
        assertThatThrownBy(() -> apply("kilograms(.v, \"kg\")", JSON.createObjectNode().put("v", Double.POSITIVE_INFINITY)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("kilograms: weight Infinity is not a finite number");
        assertThatThrownBy(() -> apply("kilograms(.v, \"kg\")", JSON.createObjectNode().put("v", "1e999999999")))
                .hasMessageContaining("kilograms: weight '1e999999999' is out of range");
        assertThatThrownBy(() -> apply("kilograms(.v, \"kg\")", JSON.createObjectNode().put("v", "1e-999999999")))
                .hasMessageContaining("kilograms: weight '1e-999999999' is out of range");
        assertThatThrownBy(() -> apply("kilograms(.v, .u)", JSON.createObjectNode().put("v", 1).put("u", 5)))
                .hasMessageContaining("kilograms: expected a unit as a string, got 5");
        assertThatThrownBy(() -> apply("kilograms(.v, \"kg\")", JSON.createObjectNode().set("v", JSON.createArrayNode().add(1))))
                .hasMessageContaining("kilograms: weight [1] is not a number");
    }

    private static void assertConverts(String function, String value, String unit, String expected) {
        JsonNode result = apply(function + "(.v, .u)", JSON.createObjectNode().put("v", value).put("u", unit));
        assertThat(result.isNumber()).isTrue();
        assertThat(result.decimalValue()).isEqualByComparingTo(expected);
        assertThat(result.asText()).isEqualTo(expected);
    }

    private static FunctionFailure failure(String expression, JsonNode input) {
        FunctionFailure failure = catchThrowableOfType(FunctionFailure.class, () -> apply(expression, input));
        assertThat(failure).as("%s on %s", expression, input).isNotNull();
        return failure;
    }

    private static JsonNode apply(String expression, JsonNode input) {
        return Parser.compileString(expression, FunctionLibrary.forMapping("acme-freight.status", Map.of())).apply(input);
    }
}
