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

/**
 * Each test a hub with its own brokers, so its event-time watermark is its own: stopped and started
 * again on the same data, scoring resumes where it stopped; an asset falls silent while others report.
 */
class ScoringRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String ASSET = "RF-RESTART-1";
    private static final String OTHER = "RF-RESTART-2";
    private static final String CRASHED = "RF-CRASH-1";
    private static final String QUIET = "RF-QUIET-1";
    private static final String BUSY = "RF-BUSY-1";

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
            assertThat(Metrics.value(second, "waybill_scoring_duplicates_total")).isZero();
            assertThat(Metrics.value(second, "waybill_scoring_events_total")).isEqualTo(21.0);
            assertThat(scores(second, ASSET)).isGreaterThan(scoreRecordsBefore);
            // Checkpoints are written apart from the alerts, every few seconds.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lastSnapshotEvents(second, ASSET)).isEqualTo(25));
        }
    }

    @Test
    void after_a_crash_what_came_after_the_last_checkpoint_is_scored_again_and_no_alert_is_lost(@TempDir Path data) {
        HubSettings settings = SharedHub.settings(data);
        String raisedAlertId;
        try (WaybillHub first = WaybillHub.start(settings, SharedHub.environment())) {
            produce(first, CRASHED, 0, 20);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts(first, CRASHED)).hasSize(1));
            raisedAlertId = alerts(first, CRASHED).get(0).path("alertId").asText();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lastSnapshotEvents(first, CRASHED)).isEqualTo(5));
            // As if the hub had died before its first checkpoint: the state topic forgets the asset and
            // puts the checkpoint at the start, while the group has committed all five readings. Nothing
            // changes after this, so the hub writes no checkpoint of its own over it when it stops.
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers())) {
                producer.send(new ProducerRecord<>("waybill.scoring-state", "asset/" + CRASHED, null));
                producer.send(new ProducerRecord<>("waybill.scoring-state", "~checkpoint",
                        "{\"positions\":{\"canonical.telemetry.v1/0\":0}}"));
            }
        }
        try (WaybillHub second = WaybillHub.start(settings, SharedHub.environment())) {
            // The five readings are read and scored again; the raise they cause again keeps its id.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(Metrics.value(second, "waybill_scoring_events_total")).isEqualTo(5.0));
            produce(second, CRASHED, 25, 120);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts(second, CRASHED))
                    .extracting(a -> a.path("state").asText() + " " + a.path("severity").asText())
                    .containsExactly("RAISED WARNING", "RAISED WARNING", "UPDATED MAJOR", "CLEARED MAJOR"));
            assertThat(alerts(second, CRASHED)).extracting(a -> a.path("alertId").asText()).containsOnly(raisedAlertId);
            assertThat(alerts(second, CRASHED).get(1).path("transitionId")).isEqualTo(alerts(second, CRASHED).get(0).path("transitionId"));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lastSnapshotEvents(second, CRASHED)).isEqualTo(25));
        }
    }

    @Test
    void an_asset_that_stops_reporting_while_others_go_on_raises_a_silence_alert_cleared_by_its_next_report(@TempDir Path data) {
        try (WaybillHub hub = WaybillHub.start(SharedHub.settings(data), SharedHub.environment())) {
            produce(hub, QUIET, 0, 0);
            // Scored alone first: the batches that move the watermark past it do not touch it.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(Metrics.value(hub, "waybill_scoring_events_total")).isEqualTo(1.0));
            produce(hub, BUSY, 0, 45);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(read(hub, "alerts.v1", QUIET + "/silence"))
                    .extracting(a -> a.path("state").asText() + " " + a.path("at").asText())
                    .containsExactly("RAISED 2026-11-20T10:30:00Z"));
            assertThat(read(hub, "alerts.v1", BUSY + "/silence")).isEmpty();
            produce(hub, QUIET, 50, 50);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(read(hub, "alerts.v1", QUIET + "/silence"))
                    .extracting(a -> a.path("state").asText() + " " + a.path("at").asText())
                    .containsExactly("RAISED 2026-11-20T10:30:00Z", "CLEARED 2026-11-20T10:50:00Z"));
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** Readings every 5 minutes from {@code from} to {@code to}: 9.5 °C from minute 5 to 30, else 5.0. */
    private static void produce(WaybillHub hub, String asset, int from, int to) {
        try (KafkaProducer<String, String> producer = producer(hub.bootstrapServers())) {
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
        // Tombstones (no value) are skipped: the crash test writes one.
        for (TopicReader.Record record : TopicReader.readAll(hub.bootstrapServers(), topic, r -> key.equals(r.key()) && r.value() != null)) {
            try {
                values.add(JSON.readTree(record.value()));
            } catch (Exception e) {
                throw new AssertionError(topic + " holds a record that is not JSON", e);
            }
        }
        return values;
    }
}
