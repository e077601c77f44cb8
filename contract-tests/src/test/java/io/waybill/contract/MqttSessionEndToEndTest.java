package io.waybill.contract;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What devices publish is not lost when the hub or the broker goes away: QoS 1 on a persistent
 * session, acknowledged only once durable in Kafka, on the hub's Artemis and on Mosquitto; and
 * hub instances on one shared subscription split the messages between them.
 */
class MqttSessionEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

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
