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

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** utc-instant and utc-offset with formats and zones, instant-after and seconds, through compiled JSLT. */
class TimeFunctionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // --- utc-instant / utc-offset with a format ---

    @ParameterizedTest(name = "{0} as {1} in {2} is {3} ({4})")
    @CsvSource({
            "27/11/2026 10:15,                      dd/MM/yyyy HH:mm,                 Europe/Berlin,   2026-11-27T09:15:00Z,           +01:00",
            "27/06/2026 10:15,                      dd/MM/yyyy HH:mm,                 Europe/Berlin,   2026-06-27T08:15:00Z,           +02:00",
            "20261127101500,                        yyyyMMddHHmmss,                   America/Chicago, 2026-11-27T16:15:00Z,           -06:00",
            "' 20261127101500 ',                    yyyyMMddHHmmss,                   +05:30,          2026-11-27T04:45:00Z,           +05:30",
            "27 NOV 2026 10:15,                     dd MMM yyyy HH:mm,                Z,               2026-11-27T10:15:00Z,           +00:00",
            "27/11/26 10:15 pm,                     dd/MM/yy hh:mm a,                 UTC,             2026-11-27T22:15:00Z,           +00:00",
            "2026-11-27T10:15:00.250-05:00,         yyyy-MM-dd'T'HH:mm:ss.SSSXXX,     ,                2026-11-27T15:15:00.250Z,       -05:00",
            "2026-11-27T10:15:00.250Z,              yyyy-MM-dd'T'HH:mm:ss.SSSXXX,     ,                2026-11-27T10:15:00.250Z,       +00:00",
            "'Fri, 27 Nov 2026 10:15:00 GMT',       'EEE, dd MMM yyyy HH:mm:ss z',    ,                2026-11-27T10:15:00Z,           +00:00",
            "'Fri, 27 Nov 2026 10:15:00 UTC',       'EEE, dd MMM yyyy HH:mm:ss z',    ,                2026-11-27T10:15:00Z,           +00:00",
            "'Fri, 27 Nov 2026 10:15:00 EST',       'EEE, dd MMM yyyy HH:mm:ss z',    ,                2026-11-27T15:15:00Z,           -05:00",
            "'Sat, 27 Jun 2026 10:15:00 EST',       'EEE, dd MMM yyyy HH:mm:ss z',    ,                2026-06-27T15:15:00Z,           -05:00",
            "'Sat, 27 Jun 2026 10:15:00 EDT',       'EEE, dd MMM yyyy HH:mm:ss z',    ,                2026-06-27T14:15:00Z,           -04:00",
            "'Sat, 27 Jun 2026 10:15:00 pdt',       'EEE, dd MMM yyyy HH:mm:ss z',    ,                2026-06-27T17:15:00Z,           -07:00",
            "'Sat, 27 Jun 2026 10:15:00 +0200',     'EEE, dd MMM yyyy HH:mm:ss Z',    ,                2026-06-27T08:15:00Z,           +02:00",
            "'Sat, 27 Jun 2026 10:15:00 Europe/London', 'EEE, dd MMM yyyy HH:mm:ss VV', ,              2026-06-27T09:15:00Z,           +01:00",
            "'Sat, 27 Jun 2026 10:15:00 Europe/London', 'EEE, dd MMM yyyy HH:mm:ss VV', Asia/Tokyo,    2026-06-27T09:15:00Z,           +01:00",
            "2026-11-27T10:15:00,                   iso,                              America/Chicago, 2026-11-27T16:15:00Z,           -06:00",
            "2026-11-27T10:15,                      ISO,                              -03:00,          2026-11-27T13:15:00Z,           -03:00",
            "2026-11-27T10:15:00.123456789,         iso,                              Z,               2026-11-27T10:15:00.123456789Z, +00:00",
            "2026-11-27T10:15:00+09:00,             iso,                              America/Chicago, 2026-11-27T01:15:00Z,           +09:00",
            "2026-11-27T10:15:00-05:00[America/Chicago], iso,                         ,                2026-11-27T15:15:00Z,           -05:00",
    })
    void reads_a_timestamp_in_any_pattern_and_zone(String value, String format, String zone, String instant, String offset) {
        ObjectNode input = JSON.createObjectNode().put("ts", value).put("fmt", format).put("tz", zone);
        assertThat(apply("utc-instant(.ts, .fmt, .tz)", input).asText()).isEqualTo(instant);
        assertThat(apply("utc-offset(.ts, .fmt, .tz)", input).asText()).isEqualTo(offset);
    }

    @Test
    void two_arguments_read_a_timestamp_that_carries_its_offset() {
        ObjectNode input = JSON.createObjectNode().put("ts", "2026-11-27 10:15:00 -0500");
        assertThat(apply("utc-instant(.ts, \"yyyy-MM-dd HH:mm:ss xx\")", input).asText()).isEqualTo("2026-11-27T15:15:00Z");
        assertThat(apply("utc-offset(.ts, \"yyyy-MM-dd HH:mm:ss xx\")", input).asText()).isEqualTo("-05:00");
    }

    @Test
    void the_offset_in_the_text_wins_over_the_zone_argument() {
        ObjectNode input = JSON.createObjectNode().put("ts", "2026-11-27T10:15:00+09:00");
        assertThat(apply("utc-instant(.ts, \"iso\", \"America/Chicago\")", input).asText()).isEqualTo("2026-11-27T01:15:00Z");
        assertThat(apply("utc-offset(.ts, \"iso\", \"America/Chicago\")", input).asText()).isEqualTo("+09:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utc-instant(.ts, \"dd/MM/yyyy HH:mm\")", "utc-instant(.ts, \"dd/MM/yyyy HH:mm\", .tz)",
            "utc-offset(.ts, \"dd/MM/yyyy HH:mm\", null)"})
    void a_local_time_without_a_zone_fails_saying_a_zone_is_needed(String expression) {
        FunctionFailure failure = failure(expression, JSON.createObjectNode().put("ts", "27/11/2026 10:15"));
        assertThat(failure).hasMessageContaining("'27/11/2026 10:15' carries no offset or zone, so a zone is needed");
        assertThat(failure.getMessage()).startsWith(failure.function() + ": ");
    }

    @Test
    void iso_without_an_offset_needs_a_zone_too() {
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"iso\")", JSON.createObjectNode().put("ts", "2026-11-27T10:15:00")))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("utc-instant: '2026-11-27T10:15:00' carries no offset or zone, so a zone is needed");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "2026-03-08T02:30:00, America/Chicago",
            "2026-03-08T02:00:00, America/Chicago",
            "2026-03-29T02:59:59, Europe/Berlin",
    })
    void a_local_time_in_a_daylight_saving_gap_fails(String local, String zone) {
        ObjectNode input = JSON.createObjectNode().put("ts", local).put("tz", zone);
        for (String function : new String[]{"utc-instant", "utc-offset"}) {
            assertThatThrownBy(() -> apply(function + "(.ts, \"iso\", .tz)", input))
                    .isInstanceOf(FunctionFailure.class)
                    .hasMessageContaining(function + ": local time")
                    .hasMessageContaining("does not exist in " + zone);
        }
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource({
            "2026-11-01T01:30:00, America/Chicago, 2026-11-01T06:30:00Z, -05:00",
            "2026-11-01T00:59:59, America/Chicago, 2026-11-01T05:59:59Z, -05:00",
            "2026-11-01T02:00:00, America/Chicago, 2026-11-01T08:00:00Z, -06:00",
            "2026-10-25T02:30:00, Europe/Berlin,   2026-10-25T00:30:00Z, +02:00",
            "2026-03-08T03:00:00, America/Chicago, 2026-03-08T08:00:00Z, -05:00",
    })
    void a_local_time_in_an_overlap_takes_the_earlier_offset(String local, String zone, String instant, String offset) {
        ObjectNode input = JSON.createObjectNode().put("ts", local).put("tz", zone);
        assertThat(apply("utc-instant(.ts, \"iso\", .tz)", input).asText()).isEqualTo(instant);
        assertThat(apply("utc-offset(.ts, \"iso\", .tz)", input).asText()).isEqualTo(offset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BST", "IST", "CET", "CEST", "JST"})
    void an_ambiguous_zone_abbreviation_in_the_text_fails(String abbreviation) {
        String value = "Sat, 27 Jun 2026 10:15:00 " + abbreviation;
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"EEE, dd MMM yyyy HH:mm:ss z\", \"Europe/London\")",
                JSON.createObjectNode().put("ts", value)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("utc-instant: the zone name in '" + value + "' is ambiguous")
                .hasMessageContaining("quote the name in the format and give the zone as the third argument");
    }

    @Test
    void a_quoted_zone_abbreviation_takes_the_zone_argument() {
        ObjectNode input = JSON.createObjectNode().put("ts", "Sat, 27 Jun 2026 10:15:00 BST");
        assertThat(apply("utc-instant(.ts, \"EEE, dd MMM yyyy HH:mm:ss 'BST'\", \"Europe/London\")", input).asText())
                .isEqualTo("2026-06-27T09:15:00Z");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "2026-11-27 10:15,   dd/MM/yyyy HH:mm,  ''",
            "27/11/2026,         dd/MM/yyyy HH:mm,  ' at index 10'",
            "27/11/2026 10:15x,  dd/MM/yyyy HH:mm,  'unparsed text found at index 16'",
            "30/02/2026 10:15,   dd/MM/yyyy HH:mm,  Invalid date",
            "29/02/2026 10:15,   dd/MM/yyyy HH:mm,  is not a leap year",
            "27/11/2026 24:00,   dd/MM/yyyy HH:mm,  'Invalid value for HourOfDay'",
            "'Sat, 27 Nov 2026 10:15:00 GMT', 'EEE, dd MMM yyyy HH:mm:ss z', 'Conflict found'",
            "2026-11-27T10:15:00+25:00, iso, ''",
            "2026-11-27 10:15:00, iso,  ''",
            "1732700000, iso,  ''",
            "'', dd/MM/yyyy HH:mm, ''",
    })
    void a_value_that_does_not_match_its_format_fails_saying_why(String value, String format, String why) {
        FunctionFailure failure = failure("utc-instant(.ts, .fmt, \"Europe/Berlin\")",
                JSON.createObjectNode().put("ts", value).put("fmt", format));
        assertThat(failure).hasMessageContaining("utc-instant: '" + value + "' does not match format '" + format + "'")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dd/MM/yyyy bogus", "epoch", "epoch-sec", "unix", "{yyyy}", "dd/MM/yyyy 'HH:mm"})
    void an_unknown_keyword_or_a_malformed_pattern_fails_carrying_the_format(String format) {
        ObjectNode input = JSON.createObjectNode().put("ts", "27/11/2026 10:15").put("fmt", format);
        FunctionFailure failure = failure("utc-instant(.ts, .fmt, \"Europe/Berlin\")", input);
        assertThat(failure).hasMessageContaining("utc-instant: format '" + format
                + "' is neither iso, epoch-s, epoch-ms, epoch-us or epoch-ns nor a date-time pattern");
        assertThat(failure.value()).isSameAs(input.get("fmt"));
    }

    @Test
    void a_pattern_must_give_a_date_and_a_time_of_day() {
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"yyyyMMdd\", \"Europe/Berlin\")",
                JSON.createObjectNode().put("ts", "20261127")))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("utc-instant: format 'yyyyMMdd' gives no time of day");
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"HH:mm\", \"Europe/Berlin\")",
                JSON.createObjectNode().put("ts", "10:15")))
                .hasMessageContaining("utc-instant: format 'HH:mm' gives no date");
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"dd/MM/yyyy hh:mm\", \"Europe/Berlin\")",
                JSON.createObjectNode().put("ts", "27/11/2026 10:15")))
                .hasMessageContaining("utc-instant: format 'dd/MM/yyyy hh:mm' gives no time of day");
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Chicgo", "america/chicago", "EST", "PST", "+25:00", "", "CST6"})
    void a_malformed_zone_fails_carrying_the_zone(String zone) {
        ObjectNode input = JSON.createObjectNode().put("ts", "2026-11-27T10:15:00").put("tz", zone);
        FunctionFailure failure = failure("utc-instant(.ts, \"iso\", .tz)", input);
        assertThat(failure).hasMessageContaining("utc-instant: zone '" + zone
                + "' is not an IANA zone id (like America/Chicago) or an offset (like +05:30 or Z)");
        assertThat(failure.value()).isSameAs(input.get("tz"));
    }

    @Test
    void a_malformed_zone_fails_even_where_it_is_not_needed() {
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"iso\", \"Mars/Olympus\")",
                JSON.createObjectNode().put("ts", "2026-11-27T10:15:00Z")))
                .hasMessageContaining("utc-instant: zone 'Mars/Olympus' is not an IANA zone id");
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"epoch-s\", \"Mars/Olympus\")",
                JSON.createObjectNode().put("ts", 1732700000)))
                .hasMessageContaining("utc-instant: zone 'Mars/Olympus' is not an IANA zone id");
    }

    @Test
    void format_and_zone_must_be_strings() {
        assertThatThrownBy(() -> apply("utc-instant(.ts, 5)", JSON.createObjectNode().put("ts", "2026-11-27T10:15:00Z")))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("utc-instant: expected a format as a string, got 5");
        assertThatThrownBy(() -> apply("utc-instant(.ts, .fmt)", JSON.createObjectNode().put("ts", "2026-11-27T10:15:00Z")))
                .hasMessageContaining("utc-instant: expected a format as a string, got null");
        assertThatThrownBy(() -> apply("utc-offset(.ts, \"iso\", 5)", JSON.createObjectNode().put("ts", "2026-11-27T10:15:00")))
                .hasMessageContaining("utc-offset: expected a zone as a string, got 5");
    }

    @Test
    void a_number_for_a_pattern_fails_pointing_at_the_epoch_formats() {
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"yyyyMMddHHmmss\", \"UTC\")",
                JSON.createObjectNode().put("ts", 20261127101500L)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("utc-instant: expected a date-time string for format 'yyyyMMddHHmmss', got 20261127101500 "
                        + "(epoch numbers take format epoch-s, epoch-ms, epoch-us or epoch-ns)");
    }

    @Test
    void the_one_argument_form_points_an_epoch_number_at_the_epoch_formats() {
        assertThatThrownBy(() -> apply("utc-instant(.ts)", JSON.createObjectNode().put("ts", 1732700000)))
                .hasMessageContaining("utc-instant: expected an ISO-8601 date-time string, got 1732700000 "
                        + "(an epoch number needs its unit: utc-instant(value, \"epoch-s\"))");
    }

    @Test
    void an_offset_with_seconds_is_an_instant_but_no_utc_offset() {
        ObjectNode input = JSON.createObjectNode().put("ts", "2026-11-27T10:15:00+05:30:15");
        assertThat(apply("utc-instant(.ts)", input).asText()).isEqualTo("2026-11-27T04:44:45Z");
        FunctionFailure failure = failure("utc-offset(.ts)", input);
        assertThat(failure).hasMessageContaining("utc-offset: offset +05:30:15 of '2026-11-27T10:15:00+05:30:15' has seconds");
        assertThat(failure.value()).isSameAs(input.get("ts"));
        assertThatThrownBy(() -> apply("utc-offset(.ts, \"iso\", \"America/Chicago\")",
                JSON.createObjectNode().put("ts", "1880-01-01T12:00:00")))
                .hasMessageContaining("utc-offset: offset -05:50:36 of '1880-01-01T12:00:00' has seconds");
    }

    // --- epochs ---

    @ParameterizedTest(name = "{1} {0} is {2}")
    @CsvSource({
            "1732700000,                  epoch-s,  2024-11-27T09:33:20Z",
            "' 1732700000 ',              epoch-s,  2024-11-27T09:33:20Z",
            "1732700000.5,                epoch-s,  2024-11-27T09:33:20.500Z",
            "1732700000.123456789,        epoch-s,  2024-11-27T09:33:20.123456789Z",
            "1732700000.1000000000,       epoch-s,  2024-11-27T09:33:20.100Z",
            "1.7327E9,                    epoch-s,  2024-11-27T09:33:20Z",
            "1732700000123,               epoch-ms, 2024-11-27T09:33:20.123Z",
            "1732700000123,               EPOCH-MS, 2024-11-27T09:33:20.123Z",
            "1732700000123.000,           epoch-ms, 2024-11-27T09:33:20.123Z",
            "1732700000123456,            epoch-us, 2024-11-27T09:33:20.123456Z",
            "1732700000123456789,         epoch-ns, 2024-11-27T09:33:20.123456789Z",
            "0,                           epoch-s,  1970-01-01T00:00:00Z",
            "7289654399,                  epoch-s,  2200-12-31T23:59:59Z",
            "7289654399999999999,         epoch-ns, 2200-12-31T23:59:59.999999999Z",
    })
    void reads_epoch_values_as_strings(String value, String format, String instant) {
        ObjectNode input = JSON.createObjectNode().put("ts", value).put("fmt", format);
        assertThat(apply("utc-instant(.ts, .fmt)", input).asText()).isEqualTo(instant);
        assertThat(apply("utc-offset(.ts, .fmt)", input).asText()).isEqualTo("+00:00");
    }

    @ParameterizedTest(name = "{1} {0} is {2}")
    @CsvSource({
            "1732700000,          epoch-s,  2024-11-27T09:33:20Z",
            "1732700000.25,       epoch-s,  2024-11-27T09:33:20.250Z",
            "1732700000123,       epoch-ms, 2024-11-27T09:33:20.123Z",
            "1732700000123456,    epoch-us, 2024-11-27T09:33:20.123456Z",
            "1732700000123456789, epoch-ns, 2024-11-27T09:33:20.123456789Z",
    })
    void reads_epoch_values_as_json_numbers(String value, String format, String instant) throws Exception {
        JsonNode input = JSON.readTree("{\"ts\": " + value + ", \"fmt\": \"" + format + "\"}");
        assertThat(apply("utc-instant(.ts, .fmt)", input).asText()).isEqualTo(instant);
    }

    @Test
    void epoch_values_ignore_the_zone() {
        ObjectNode input = JSON.createObjectNode().put("ts", 1732700000);
        assertThat(apply("utc-instant(.ts, \"epoch-s\", \"America/Chicago\")", input).asText()).isEqualTo("2024-11-27T09:33:20Z");
        assertThat(apply("utc-offset(.ts, \"epoch-s\", \"America/Chicago\")", input).asText()).isEqualTo("+00:00");
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "1732700000123,          epoch-s,  'read as epoch-ms it is 2024-11-27T09:33:20.123Z: is it in milliseconds?'",
            "1732700000123456,       epoch-s,  'read as epoch-us it is 2024-11-27T09:33:20.123456Z: is it in microseconds?'",
            "1732700000123456789,    epoch-s,  'read as epoch-ns it is 2024-11-27T09:33:20.123456789Z: is it in nanoseconds?'",
            "1732700000123456,       epoch-ms, 'read as epoch-us it is 2024-11-27T09:33:20.123456Z: is it in microseconds?'",
            "1732700000123456789,    epoch-us, 'read as epoch-ns it is 2024-11-27T09:33:20.123456789Z: is it in nanoseconds?'",
            "7289654400,             epoch-s,  'read as epoch-ms it is 1970-03-26T08:54:14.400Z: is it in milliseconds?'",
            "99999999999999999999,   epoch-ns, 'after 2200 (outside the years 1970..2200) in any epoch unit'",
            "1e30,                   epoch-s,  'after 2200 (outside the years 1970..2200) in any epoch unit'",
            "-1,                     epoch-s,  'before 1970 (outside the years 1970..2200)'",
            "-0.000000001,           epoch-s,  'before 1970 (outside the years 1970..2200)'",
    })
    void an_implausible_epoch_value_fails_suggesting_the_likely_unit(String value, String format, String message) {
        ObjectNode input = JSON.createObjectNode().put("ts", value).put("fmt", format);
        FunctionFailure failure = failure("utc-instant(.ts, .fmt)", input);
        assertThat(failure).hasMessageContaining("utc-instant: " + format + " value '" + value + "' is ")
                .hasMessageContaining(message);
        assertThat(failure.value()).isSameAs(input.get("ts"));
    }

    @Test
    void the_latest_plausible_epoch_is_the_end_of_2200() {
        long end = Instant.parse("2201-01-01T00:00:00Z").getEpochSecond();
        assertThat(apply("utc-instant(.ts, \"epoch-s\")", JSON.createObjectNode().put("ts", end - 1)).asText())
                .isEqualTo("2200-12-31T23:59:59Z");
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"epoch-s\")", JSON.createObjectNode().put("ts", end)))
                .hasMessageContaining("utc-instant: epoch-s value " + end + " is after 2200");
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "1732700000123.5,       epoch-ms, 'is not a whole number of milliseconds (only epoch-s takes a fraction)'",
            "1732700000123456.1,    epoch-us, 'is not a whole number of microseconds'",
            "1732700000123456789.9, epoch-ns, 'is not a whole number of nanoseconds'",
            "1732700000.0000000001, epoch-s,  'is finer than a nanosecond'",
            "soon,                  epoch-s,  'is not a number'",
            "'',                    epoch-ms, 'is not a number'",
            "1e999999999,           epoch-s,  'is out of range'",
    })
    void a_malformed_epoch_value_fails(String value, String format, String message) {
        assertThatThrownBy(() -> apply("utc-instant(.ts, .fmt)", JSON.createObjectNode().put("ts", value).put("fmt", format)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("utc-instant: " + format + " value '" + value + "' " + message);
    }

    @Test
    void an_epoch_value_must_be_a_number_or_numeric_string() {
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"epoch-s\")", JSON.createObjectNode().put("ts", true)))
                .hasMessageContaining("utc-instant: epoch-s value true is not a number");
        assertThatThrownBy(() -> apply("utc-instant(.ts, \"epoch-s\")", JSON.createObjectNode().put("ts", Double.NaN)))
                .hasMessageContaining("utc-instant: epoch-s value NaN is not a finite number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utc-instant(.ts, \"epoch-s\")", "utc-offset(.ts, \"dd/MM/yyyy\", \"UTC\")",
            "utc-instant(.ts, \"iso\", .tz)", "utc-offset(.ts, \"bogus pattern\")"})
    void time_functions_give_null_for_null_whatever_the_format(String expression) {
        assertThat(apply(expression, JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply(expression, JSON.createObjectNode().putNull("ts")).isNull()).isTrue();
    }

    // --- instant-after ---

    @ParameterizedTest(name = "{0} + {1} {2} is {3}")
    @CsvSource({
            "2026-11-27T10:15:00-05:00, 90,        min,     2026-11-27T16:45:00Z",
            "2026-11-27T10:15:00Z,      2.5,       h,       2026-11-27T12:45:00Z",
            "2026-11-27T10:15:00Z,      1,         d,       2026-11-28T10:15:00Z",
            "2026-11-27T10:15:00Z,      3,         DAYS,    2026-11-30T10:15:00Z",
            "2026-11-27T10:15:00Z,      45,        Seconds, 2026-11-27T10:15:45Z",
            "2026-11-27T10:15:00Z,      ' 2 ',     ' hrs ', 2026-11-27T12:15:00Z",
            "2026-11-27T10:15:00Z,      1,         HUR,     2026-11-27T11:15:00Z",
            "2026-11-27T10:15:00Z,      1500,      ms,      2026-11-27T10:15:01.500Z",
            "2026-11-27T10:15:00Z,      -15,       min,     2026-11-27T10:00:00Z",
            "2026-11-27T10:15:00Z,      0,         s,       2026-11-27T10:15:00Z",
            "2026-11-27T10:15:00Z,      0.0000000005, s,    2026-11-27T10:15:00.000000001Z",
            "2026-11-27T10:15:00.250+01:00, 0.5,   s,       2026-11-27T09:15:00.750Z",
            "2026-03-07T12:00:00-06:00, 1,         d,       2026-03-08T18:00:00Z",
    })
    void instant_after_adds_an_amount_in_a_unit(String base, String amount, String unit, String instant) {
        ObjectNode input = JSON.createObjectNode().put("base", base).put("amount", amount).put("unit", unit);
        assertThat(apply("instant-after(.base, .amount, .unit)", input).asText()).isEqualTo(instant);
    }

    @Test
    void instant_after_takes_json_numbers() {
        ObjectNode input = JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z").put("eta", 3600);
        assertThat(apply("instant-after(.base, .eta, \"s\")", input).asText()).isEqualTo("2026-11-27T11:15:00Z");
        assertThat(apply("instant-after(.base, 1.5, \"min\")", input).asText()).isEqualTo("2026-11-27T10:16:30Z");
    }

    @ParameterizedTest(name = "{0} + {1} is {2}")
    @CsvSource({
            "2026-11-27T10:15:00-05:00, PT2H30M,   2026-11-27T17:45:00Z",
            "2026-11-27T10:15:00Z,      P1DT4H,    2026-11-28T14:15:00Z",
            "2026-11-27T10:15:00Z,      -PT15M,    2026-11-27T10:00:00Z",
            "2026-11-27T10:15:00Z,      PT-15M,    2026-11-27T10:00:00Z",
            "2026-11-27T10:15:00Z,      P2D,       2026-11-29T10:15:00Z",
            "2026-11-27T10:15:00Z,      P1W,       2026-12-04T10:15:00Z",
            "2026-11-27T10:15:00Z,      P1W2D,     2026-12-06T10:15:00Z",
            "2026-11-27T10:15:00Z,      ' pt15m ', 2026-11-27T10:30:00Z",
            "2026-11-27T10:15:00Z,      PT0.25S,   2026-11-27T10:15:00.250Z",
            "2026-11-27T10:15:00Z,      PT0S,      2026-11-27T10:15:00Z",
    })
    void instant_after_adds_an_iso_duration(String base, String duration, String instant) {
        ObjectNode input = JSON.createObjectNode().put("base", base).put("duration", duration);
        assertThat(apply("instant-after(.base, .duration)", input).asText()).isEqualTo(instant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"instant-after(.base, .amount, \"min\")", "instant-after(.base, .amount, .unit)",
            "instant-after(.base, .amount)"})
    void instant_after_gives_null_for_a_null_base_or_amount(String expression) {
        assertThat(apply(expression, JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply(expression, JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z")).isNull()).isTrue();
        assertThat(apply(expression, JSON.createObjectNode().put("amount", "PT1H")).isNull()).isTrue();
    }

    @Test
    void instant_after_needs_a_base_with_an_offset() {
        ObjectNode input = JSON.createObjectNode().put("base", "2026-11-27T10:15:00").put("amount", 5);
        FunctionFailure failure = failure("instant-after(.base, .amount, \"min\")", input);
        assertThat(failure).hasMessageContaining("instant-after: base '2026-11-27T10:15:00' is not an ISO-8601 "
                + "date-time with an offset (like 2026-11-27T10:15:00-05:00)");
        assertThat(failure.value()).isSameAs(input.get("base"));
        assertThatThrownBy(() -> apply("instant-after(.base, 5, \"min\")", JSON.createObjectNode().put("base", 1732700000)))
                .hasMessageContaining("instant-after: expected an ISO-8601 date-time string as base, got 1732700000");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "soon,   min,      instant-after: amount 'soon' is not a number",
            "'',     min,      instant-after: amount '' is not a number",
            "5 min,  min,      instant-after: amount '5 min' is not a number",
            "5,      m,        instant-after: unknown unit 'm' (expected s, min, h, d, ms",
            "5,      weeks,    instant-after: unknown unit 'weeks'",
            "5,      '',       instant-after: unknown unit ''",
            "5,      months,   instant-after: unknown unit 'months'",
    })
    void instant_after_refuses_a_bad_amount_or_unit(String amount, String unit, String message) {
        ObjectNode input = JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z").put("amount", amount).put("unit", unit);
        FunctionFailure failure = failure("instant-after(.base, .amount, .unit)", input);
        assertThat(failure).hasMessageContaining(message);
        assertThat(failure.value()).isSameAs(message.contains("unit") ? input.get("unit") : input.get("amount"));
    }

    @Test
    void instant_after_refuses_an_amount_without_its_unit() {
        ObjectNode input = JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z").put("amount", 90);
        FunctionFailure failure = failure("instant-after(.base, .amount, .unit)", input);
        assertThat(failure).hasMessageContaining("instant-after: amount 90 has no unit (expected s, min, h, d, ms)");
        assertThat(failure.value()).isSameAs(input.get("amount"));
        assertThatThrownBy(() -> apply("instant-after(.base, .amount)", input))
                .hasMessageContaining("instant-after: expected an ISO-8601 duration as a string (like PT2H30M, P1DT4H or "
                        + "-PT15M), got 90; an amount needs a unit: instant-after(..., amount, unit)");
        assertThatThrownBy(() -> apply("instant-after(.base, .amount, 5)", input))
                .hasMessageContaining("instant-after: expected a unit as a string, got 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2h", "PT", "P", "90", "PT1.5H", "P1DT", "soon", "", "PT99999999999999999999H"})
    void instant_after_refuses_what_is_not_an_iso_duration(String duration) {
        ObjectNode input = JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z").put("duration", duration);
        FunctionFailure failure = failure("instant-after(.base, .duration)", input);
        assertThat(failure).hasMessageContaining("instant-after: '" + duration + "' is not an ISO-8601 duration (like PT2H30M");
        assertThat(failure.value()).isSameAs(input.get("duration"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "P1Y", "P1Y2M3D", "-P2M"})
    void instant_after_refuses_years_and_months(String duration) {
        assertThatThrownBy(() -> apply("instant-after(.base, .duration)",
                JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z").put("duration", duration)))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("instant-after: '" + duration + "' has years or months, which have no fixed length");
    }

    @Test
    void instant_after_refuses_a_result_beyond_the_year_9999() {
        ObjectNode input = JSON.createObjectNode().put("base", "2026-11-27T10:15:00Z");
        assertThatThrownBy(() -> apply("instant-after(.base, 3000000, \"d\")", input))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("instant-after: 3000000 d after '2026-11-27T10:15:00Z' is beyond the years 0000..9999");
        assertThatThrownBy(() -> apply("instant-after(.base, \"-1e30\", \"s\")", input))
                .hasMessageContaining("instant-after: '-1e30' s after '2026-11-27T10:15:00Z' is beyond the years 0000..9999");
        assertThatThrownBy(() -> apply("instant-after(.base, \"PT-9999999999999H\")", input))
                .hasMessageContaining("is beyond the years 0000..9999");
    }

    // --- seconds ---

    @ParameterizedTest(name = "{0} {1} is {2} s")
    @CsvSource({
            "90,      min,       5400",
            "1.5,     h,         5400",
            "2,       d,         172800",
            "2,       Days,      172800",
            "45,      s,         45",
            "0.5,     s,         1",
            "0.4999,  s,         0",
            "-0.5,    s,         -1",
            "-0.4,    s,         0",
            "-15,     minutes,   -900",
            "1499,    ms,        1",
            "1500,    ms,        2",
            "-0,      s,         0",
            "1e3,     sec,       1000",
            "30000000000, d,     2592000000000000",
    })
    void seconds_of_an_amount_in_a_unit(String amount, String unit, long seconds) {
        JsonNode result = apply("seconds(.amount, .unit)", JSON.createObjectNode().put("amount", amount).put("unit", unit));
        assertThat(result.isIntegralNumber()).isTrue();
        assertThat(result.longValue()).isEqualTo(seconds);
        assertThat(result.asText()).isEqualTo(Long.toString(seconds));
    }

    @ParameterizedTest(name = "{0} is {1} s")
    @CsvSource({"PT1H30M, 5400", "-PT15M, -900", "P1W, 604800", "P2D, 172800", "PT0.5S, 1", "PT0.4S, 0", "PT-0.5S, -1",
            "P1DT4H, 100800", "PT0S, 0"})
    void seconds_of_an_iso_duration(String duration, long seconds) {
        JsonNode result = apply("seconds(.d)", JSON.createObjectNode().put("d", duration));
        assertThat(result.isIntegralNumber()).isTrue();
        assertThat(result.longValue()).isEqualTo(seconds);
    }

    @Test
    void seconds_takes_json_numbers() {
        assertThat(apply("seconds(.eta, \"min\")", JSON.createObjectNode().put("eta", 12)).asText()).isEqualTo("720");
        assertThat(apply("seconds(.eta, \"h\")", JSON.createObjectNode().put("eta", 0.25)).asText()).isEqualTo("900");
    }

    @Test
    void seconds_gives_null_for_null() {
        assertThat(apply("seconds(.d)", JSON.createObjectNode()).isNull()).isTrue();
        assertThat(apply("seconds(.d, \"min\")", JSON.createObjectNode().putNull("d")).isNull()).isTrue();
        assertThat(apply("seconds(.d, .unit)", JSON.createObjectNode()).isNull()).isTrue();
    }

    @Test
    void seconds_refuses_bad_amounts_units_and_durations() {
        assertThatThrownBy(() -> apply("seconds(.d, \"min\")", JSON.createObjectNode().put("d", "ten")))
                .isInstanceOf(FunctionFailure.class)
                .hasMessageContaining("seconds: amount 'ten' is not a number");
        assertThatThrownBy(() -> apply("seconds(.d, \"fortnight\")", JSON.createObjectNode().put("d", 1)))
                .hasMessageContaining("seconds: unknown unit 'fortnight' (expected s, min, h, d, ms");
        assertThatThrownBy(() -> apply("seconds(.d, .unit)", JSON.createObjectNode().put("d", 1)))
                .hasMessageContaining("seconds: amount 1 has no unit");
        assertThatThrownBy(() -> apply("seconds(.d)", JSON.createObjectNode().put("d", "1h")))
                .hasMessageContaining("seconds: '1h' is not an ISO-8601 duration");
        assertThatThrownBy(() -> apply("seconds(.d)", JSON.createObjectNode().put("d", 60)))
                .hasMessageContaining("seconds: expected an ISO-8601 duration as a string (like PT2H30M, P1DT4H or -PT15M), "
                        + "got 60; an amount needs a unit: seconds(..., amount, unit)");
        assertThatThrownBy(() -> apply("seconds(.d)", JSON.createObjectNode().put("d", "P1M")))
                .hasMessageContaining("seconds: 'P1M' has years or months");
        assertThatThrownBy(() -> apply("seconds(.d, \"d\")", JSON.createObjectNode().put("d", "1e18")))
                .hasMessageContaining("seconds: '1e18' d is more seconds than a 64-bit integer holds");
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
