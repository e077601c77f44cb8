package io.waybill.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping file's {@code smoothing} key: its forms, and the mistakes it refuses with file and line. */
class SmoothingDeclarationTest {

    @TempDir
    Path mappings;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"2s, PT2S", "500ms, PT0.5S", "1m, PT1M", "PT1.5S, PT1.5S", "' 3s ', PT3S"})
    void a_window_is_written_short_or_in_iso_8601(String written, String window) {
        assertThat(load("observation/v1", "smoothing: {window: '" + written + "'}").smoothingWindow()).isEqualTo(Duration.parse(window));
    }

    @Test
    void without_smoothing_there_is_no_window() {
        assertThat(load("observation/v1", "").smoothingWindow()).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "smoothing: {window: 2 seconds}  | reads.mapping.yaml:8: 'smoothing.window' must be a duration like '2s', '500ms', '1m' or 'PT2S', was '2 seconds'",
            "smoothing: {window: 0s}         | reads.mapping.yaml:8: 'smoothing.window' must be from 1 ms to 1 hour, was '0s'",
            "smoothing: {window: 2h}         | 'smoothing.window' must be a duration like",
            "smoothing: {window: PT2H}       | 'smoothing.window' must be from 1 ms to 1 hour, was 'PT2H'",
            "smoothing: {}                   | reads.mapping.yaml:8: 'smoothing.window' is required",
            "smoothing: {windw: 2s}          | unknown key 'windw'; allowed here: window",
    })
    void a_wrong_window_is_refused_naming_the_line(String declaration, String message) {
        assertThatThrownBy(() -> load("observation/v1", declaration)).isInstanceOf(MappingException.class).hasMessageContaining(message);
    }

    @Test
    void smoothing_applies_only_to_observations() {
        assertThatThrownBy(() -> load("telemetry/v1", "smoothing: {window: 2s}"))
                .hasMessageContaining("'smoothing' applies only to a mapping that produces observation events, not telemetry/v1");
    }

    private Mapping load(String produces, String smoothing) {
        PartnerFolder folder = PartnerFolder.in(mappings, "dock");
        folder.write("reads.jslt", "{\"locationId\": \"DC\", \"epcList\": [.epc], \"action\": \"OBSERVE\"}");
        return MappingLoader.load(folder.write("reads.mapping.yaml", """
                id: dock.reads
                version: 1
                accepts: {}
                produces: %s
                identity: .id
                transform: reads.jslt
                # reads of one tag within the window become one observation
                %s
                """.formatted(produces, smoothing)));
    }
}
