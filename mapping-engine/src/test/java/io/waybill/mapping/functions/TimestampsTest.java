package io.waybill.mapping.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-read UTC form gives what OffsetDateTime.parse gives, and leaves everything else to it. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:00Z", "2026-11-27T10:15:00.5Z", "2026-11-27T10:15:00.250Z",
            "2026-11-27T10:15:00.123456Z", "2026-11-27T10:15:00.123456789Z", "2024-02-29T23:59:59.000000001Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
    void reads_the_plain_utc_form_as_offset_date_time_parse_does(String text) {
        assertThat(Timestamps.plainUtc(text)).isEqualTo(OffsetDateTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:00+01:00", "2026-11-27T10:15Z", "2026-11-27T10:15:00.Z",
            "2026-11-27T10:15:00.1234567890Z", "2026-02-30T10:15:00Z", "2025-02-29T10:15:00Z", "2026-13-27T10:15:00Z",
            "2026-11-27T24:00:00Z", "2026-11-27T10:60:00Z", "2026-11-27T10:15:60Z", "2026-11-27t10:15:00Z",
            "2026-11-27T10:15:00z", "+2026-11-27T10:15:00Z", "2026-1a-27T10:15:00Z", "2026-11-27T10:15:00,5Z",
            "2026-11-27T10:15:00.-5Z", "20261127T101500Z", "2026-11-27 10:15:00Z", ""})
    void leaves_any_other_text_to_the_full_parser(String text) {
        assertThat(Timestamps.plainUtc(text)).isNull();
    }

    @Test
    void reads_what_instant_to_string_writes() {
        Instant now = Instant.now();
        assertThat(Timestamps.plainUtc(now.toString())).isEqualTo(OffsetDateTime.parse(now.toString()));
    }
}
