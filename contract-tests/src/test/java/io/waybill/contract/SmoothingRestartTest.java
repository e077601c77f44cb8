package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.Partner.Answer;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read smoothing holds reads while their window is open; a hub stopped meanwhile loses none of
 * them. Its own brokers, stopped and started again on the same data.
 */
class SmoothingRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPC = "3074257BF7194E4000001A87";
    private static final String URI = "urn:epc:id:sgtin:0614141.812345.6791";

    @Test
    void reads_held_in_an_open_window_when_the_hub_stops_are_in_its_observation_after_the_restart(@TempDir Path data) {
        // Windows stay open 20 s after their last read: long enough to stop and start the hub in between.
        HubSettings settings = SharedHub.settings(data).with(HubSettings.SMOOTHING_GRACE_MS, 20_000);
        Instant window = Instant.ofEpochMilli(Instant.now().minusSeconds(60).toEpochMilli() / 2000 * 2000);
        String eventId;
        try (WaybillHub first = WaybillHub.start(settings, SharedHub.environment())) {
            Answer answer = dockside(first).push(report(window, 100, 400, 4, -61));
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            assertThat(answer.item(0).path("status").asText()).isEqualTo("accepted");
            eventId = answer.item(0).path("events").path(0).path("id").asText();
        }
        try (WaybillHub second = WaybillHub.start(settings, SharedHub.environment())) {
            assertThat(observations(second)).as("nothing published while the window was open").isEmpty();
            Answer answer = dockside(second).push(report(window, 1000, 1700, 9, -48.5));
            assertThat(answer.item(0).path("events").path(0).path("id").asText()).isEqualTo(eventId);

            List<JsonNode> published = await().atMost(Duration.ofSeconds(90)).until(() -> observations(second), list -> !list.isEmpty());
            assertThat(published).singleElement().satisfies(observation -> {
                assertThat(observation.path("id").asText()).isEqualTo(eventId);
                assertThat(observation.at("/data/readCount").asInt()).as("4 read before the stop, 9 after").isEqualTo(13);
                assertThat(observation.at("/data/firstSeen").asText()).isEqualTo(window.plusMillis(100).toString());
                assertThat(observation.at("/data/lastSeen").asText()).isEqualTo(window.plusMillis(1700).toString());
                assertThat(observation.at("/data/peakRssiDbm").asDouble()).isEqualTo(-48.5);
            });
        }
    }

    private static Partner dockside(WaybillHub hub) {
        return new Partner(hub.httpBaseUrl(), "dockside-rfid", "test-secret-dockside-rfid");
    }

    private static String report(Instant window, long from, long to, int count, double rssi) {
        return """
                [{"reader_name": "dock-door-04", "tag_reads": [
                  {"epc": "%s", "antennaPort": 2, "peakRssi": %s, "firstSeenTimestamp": %d, "lastSeenTimestamp": %d, "tagSeenCount": %d}]}]"""
                .formatted(EPC, rssi, window.plusMillis(from).toEpochMilli() * 1000, window.plusMillis(to).toEpochMilli() * 1000, count);
    }

    private static List<JsonNode> observations(WaybillHub hub) {
        return TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1", r -> r.value() != null && r.value().contains(URI))
                .stream().map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
