package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.EmbeddedKafka;
import io.waybill.hub.config.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What devices publish is not lost when the hub or the broker goes away: QoS 1 on a persistent
 * session, acknowledged only once durable in Kafka, on the hub's Artemis and on Mosquitto; and
 * hub instances on one shared subscription split the messages between them.
 */
class MqttSessionEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestMqttBroker broker(String kind, Path dir) {
        return kind.equals("mosquitto") ? TestMqttBroker.mosquitto(dir) : TestMqttBroker.artemis(dir);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"artemis", "mosquitto"})
    void messages_published_while_the_hub_is_stopped_arrive_after_it_restarts(String kind, @TempDir Path root) throws Exception {
        EmbeddedKafka kafka = MqttHubs.kafka(root.resolve("kafka"));
        try (TestMqttBroker broker = broker(kind, root.resolve("broker"))) {
            broker.start();
            String prefix = "TRLR-DOWN-" + kind + "-";
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (WaybillHub hub = MqttHubs.start(root.resolve("hub"), kafka, broker.url(), "hub-restart")) {
                assertThat(hub.mqttConnected()).isTrue();
                publish(broker, prefix, 0, 5, at);
                await().atMost(PATIENCE).until(() -> MqttHubs.subjects(kafka, prefix).size() == 5);
            }
            publish(broker, prefix, 5, 100, at);
            try (WaybillHub hub = MqttHubs.start(root.resolve("hub"), kafka, broker.url(), "hub-restart")) {
                await().atMost(PATIENCE).until(() -> MqttHubs.eventIds(kafka, prefix).size() == 100);
                assertThat(MqttHubs.subjects(kafka, prefix)).as("each event once").hasSize(100);
            }
        } finally {
            kafka.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"artemis", "mosquitto"})
    void after_the_broker_restarts_mid_stream_no_message_is_lost(String kind, @TempDir Path root) throws Exception {
        EmbeddedKafka kafka = MqttHubs.kafka(root.resolve("kafka"));
        try (TestMqttBroker broker = broker(kind, root.resolve("broker"))) {
            broker.start();
            String prefix = "TRLR-BOUNCE-" + kind + "-";
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (WaybillHub hub = MqttHubs.start(root.resolve("hub"), kafka, broker.url(), "hub-bounce")) {
                // Stopped right after the last publish: some of these are still on their way through the hub.
                publish(broker, prefix, 0, 200, at);
                broker.stop();
                await().atMost(PATIENCE).until(() -> !hub.mqttConnected());
                broker.start();
                await().atMost(PATIENCE).until(hub::mqttConnected);
                publish(broker, prefix, 200, 400, at);
                await().atMost(PATIENCE).until(() -> MqttHubs.eventIds(kafka, prefix).size() == 400);
                assertThat(MqttHubs.subjects(kafka, prefix)).as("each event once").hasSize(400);
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void two_hubs_on_one_shared_subscription_split_the_messages_and_publish_each_once(@TempDir Path root) throws Exception {
        EmbeddedKafka kafka = MqttHubs.kafka(root.resolve("kafka"));
        try (TestMqttBroker broker = TestMqttBroker.artemis(root.resolve("broker"))) {
            broker.start();
            String prefix = "TRLR-SHARED-";
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (WaybillHub first = MqttHubs.start(root.resolve("hub-a"), kafka, broker.url(), "hub-a");
                 WaybillHub second = MqttHubs.start(root.resolve("hub-b"), kafka, broker.url(), "hub-b")) {
                assertThat(first.mqttConnected()).isTrue();
                assertThat(second.mqttConnected()).isTrue();
                publish(broker, prefix, 0, 1000, at);
                await().atMost(PATIENCE).until(() -> MqttHubs.eventIds(kafka, prefix).size() == 1000);
                assertThat(MqttHubs.subjects(kafka, prefix)).as("each event once").hasSize(1000);
                double byFirst = MqttHubs.itemsReceived(first);
                double bySecond = MqttHubs.itemsReceived(second);
                assertThat(byFirst).as("hub-a's share").isPositive();
                assertThat(bySecond).as("hub-b's share").isPositive();
                assertThat(byFirst + bySecond).as("every message went to one hub").isEqualTo(1000);
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void reads_of_one_tag_split_between_two_hubs_are_smoothed_into_one_observation(@TempDir Path root) throws Exception {
        EmbeddedKafka kafka = MqttHubs.kafka(root.resolve("kafka"));
        try (TestMqttBroker broker = TestMqttBroker.artemis(root.resolve("broker"))) {
            broker.start();
            // Three partitions of waybill.smoothing, so the two hubs' smoothers split them; windows held 10 s
            // after their last read, so a slow machine still gets every report in.
            Map<String, String> settings = Map.of(HubSettings.KAFKA_PARTITIONS.name(), "3", HubSettings.SMOOTHING_GRACE_MS.name(), "10000");
            long window = Instant.now().minusSeconds(60).toEpochMilli() / 2000 * 2000;
            try (WaybillHub first = MqttHubs.start(root.resolve("hub-a"), kafka, broker.url(), "hub-a", settings);
                 WaybillHub second = MqttHubs.start(root.resolve("hub-b"), kafka, broker.url(), "hub-b", settings);
                 MqttDevices reader = new MqttDevices(broker.url())) {
                // Six tags, each read 10 times by portal dock-door-07 within one 2 s window, one report per read.
                for (int read = 0; read < 10; read++) {
                    for (int tag = 0; tag < 6; tag++) {
                        // The six tags' reports share their times: the mapping tells them apart by tag (version 2).
                        long micros = (window + 100 + read * 150L) * 1000;
                        reader.publish("telemetry/dockside-rfid/dock-door-07/reads", ("{\"reader_name\":\"dock-door-07\",\"tag_reads\":"
                                + "[{\"epc\":\"%s\",\"antennaPort\":1,\"peakRssi\":%d,\"firstSeenTimestamp\":%d,"
                                + "\"lastSeenTimestamp\":%d,\"tagSeenCount\":1}]}").formatted(
                                "3074257BF7194E40000027%02X".formatted(tag), -70 + read, micros, micros + 50_000));
                    }
                }

                List<JsonNode> observations = await().atMost(PATIENCE).until(() -> observations(kafka, window), list -> list.size() >= 6);
                assertThat(rfidItems(first)).as("hub-a's share of the reports").isPositive();
                assertThat(rfidItems(second)).as("hub-b's share of the reports").isPositive();
                assertThat(rfidItems(first) + rfidItems(second)).isEqualTo(60);
                assertThat(observations).as("one observation per tag").hasSize(6)
                        .extracting(o -> o.at("/data/epcList/0").asText()).doesNotHaveDuplicates();
                assertThat(observations).extracting(o -> o.at("/data/firstSeen").asText())
                        .containsOnly(Instant.ofEpochMilli(window + 100).toString());
                assertThat(observations).allSatisfy(o -> {
                    assertThat(o.at("/data/readCount").asInt()).as("every read of the tag, whichever hub took it").isEqualTo(10);
                    assertThat(o.at("/data/peakRssiDbm").asInt()).isEqualTo(-61);
                });
            }
        } finally {
            kafka.close();
        }
    }

    private static List<JsonNode> observations(EmbeddedKafka kafka, long window) {
        return TopicReader.readAll(kafka.bootstrapServers(), "canonical.observation.v1").stream().map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(o -> o.at("/data/readPoint").asText().equals("dock-door-07/antenna-1")
                && Instant.parse(o.at("/data/firstSeen").asText()).toEpochMilli() / 2000 * 2000 == window).toList();
    }

    private static double rfidItems(WaybillHub hub) {
        return Metrics.value(hub, "waybill_items_received_total", "partner=\"dockside-rfid\"");
    }

    /** Readings {@code from} (inclusive) to {@code to} (exclusive), one per asset, from 20 gateways, each acknowledged by the broker. */
    private static void publish(TestMqttBroker broker, String prefix, int from, int to, Instant at) throws Exception {
        try (MqttDevices devices = new MqttDevices(broker.url())) {
            for (int i = from; i < to; i++) {
                String device = "CG-%04d".formatted(9000 + i % 20);
                devices.publish(MqttDevices.topic(device), MqttDevices.reading(device, prefix + i, at.plusMillis(i)));
            }
        }
    }
}
