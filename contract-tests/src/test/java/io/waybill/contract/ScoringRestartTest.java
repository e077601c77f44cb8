package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A hub with its own brokers, stopped and started again on the same data: scoring resumes where it stopped. */
class ScoringRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String ASSET = "RF-RESTART-1";
    private static final String OTHER = "RF-RESTART-2";

    @Test
    void scoring_state_survives_a_restart_and_the_canonical_topics_are_not_read_again(@TempDir Path data) {
        HubSettings settings = SharedHub.settings(data);
        String raisedAlertId;
        try (WaybillHub first = WaybillHub.start(settings, SharedHub.environment())) {
            // Set point 5 ± 3; out of range from minute 5: 15 minutes out at minute 20 raise the alert.
            produce(first, ASSET, 0, 20);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts(first, ASSET)).hasSize(1));
            raisedAlertId = alerts(first, ASSET).get(0).path("alertId").asText();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lastSnapshotEvents(first, ASSET)).isEqualTo(5));
        }
        try (WaybillHub second = WaybillHub.start(settings, SharedHub.environment())) {
            int scoreRecordsBefore = scores(second, ASSET);
            // The rest of the excursion: reaching 30 minutes out at 35 needs the readings from before the restart.
            produce(second, ASSET, 25, 120);
            produce(second, OTHER, 0, 0);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts(second, ASSET))
                    .extracting(a -> a.path("state").asText() + " " + a.path("severity").asText())
                    .containsExactly("RAISED WARNING", "UPDATED MAJOR", "CLEARED MAJOR"));
            assertThat(alerts(second, ASSET)).extracting(a -> a.path("alertId").asText()).containsOnly(raisedAlertId);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(scores(second, OTHER)).isPositive());
            // Resumed from the committed offsets: no event of before the restart came again (none was a duplicate).
            assertThat(metric(second, "waybill_scoring_duplicates_total")).isZero();
            assertThat(metric(second, "waybill_scoring_events_total")).isEqualTo(21.0);
            assertThat(scores(second, ASSET)).isGreaterThan(scoreRecordsBefore);
            assertThat(lastSnapshotEvents(second, ASSET)).isEqualTo(25);
        }
    }

    /** Readings every 5 minutes from {@code from} to {@code to}: 9.5 °C from minute 5 to 30, else 5.0. */
    private static void produce(WaybillHub hub, String asset, int from, int to) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int minute = from; minute <= to; minute += 5) {
                ObjectNode data = JSON.createObjectNode().put("assetId", asset)
                        .put("eventTime", T0.plusSeconds(minute * 60L).toString()).put("eventTimeOffset", "+00:00");
                data.putObject("readings").put("temperatureC", minute >= 5 && minute <= 30 ? 9.5 : 5.0).put("setpointC", 5.0);
                ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", "restart-" + asset + "-" + minute)
                        .put("source", "/waybill/tests/scoring").put("type", "io.waybill.telemetry.v1").put("subject", asset)
                        .put("time", data.path("eventTime").asText());
                event.set("data", data);
                producer.send(new ProducerRecord<>("canonical.telemetry.v1", asset, event.toString()));
            }
        }
    }

    /** A counter on the hub's Prometheus endpoint (0 when not counted yet). */
    private static double metric(WaybillHub hub, String name) {
        try {
            String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(hub.httpBaseUrl() + "/observe/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            throw new AssertionError("cannot read the hub's metrics", e);
        }
    }

    private static List<JsonNode> alerts(WaybillHub hub, String asset) {
        return read(hub, "alerts.v1", asset + "/temperature-excursion");
    }

    private static int scores(WaybillHub hub, String asset) {
        return read(hub, "scores.v1", asset).size();
    }

    private static int lastSnapshotEvents(WaybillHub hub, String asset) {
        List<JsonNode> snapshots = read(hub, "waybill.scoring-state", "asset/" + asset);
        return snapshots.isEmpty() ? 0 : snapshots.get(snapshots.size() - 1).path("events").size();
    }

    private static List<JsonNode> read(WaybillHub hub, String topic, String key) {
        List<JsonNode> values = new ArrayList<>();
        for (TopicReader.Record record : TopicReader.readAll(hub.bootstrapServers(), topic, r -> key.equals(r.key()))) {
            try {
                values.add(JSON.readTree(record.value()));
            } catch (Exception e) {
                throw new AssertionError(topic + " holds a record that is not JSON", e);
            }
        }
        return values;
    }
}
