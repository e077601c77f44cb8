package io.waybill.contract;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.EmbeddedKafka;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hubs that subscribe to an MQTT broker outside them and publish to a Kafka outside them, so a test
 * can stop and start hubs and brokers independently, and run two hubs side by side.
 */
final class MqttHubs {

    static final String TELEMETRY = "canonical.telemetry.v1";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private MqttHubs() {
    }

    static EmbeddedKafka kafka(Path dir) {
        EmbeddedKafka kafka = new EmbeddedKafka(dir, "127.0.0.1", PortCheck.freePort(), PortCheck.freePort());
        kafka.start();
        return kafka;
    }

    /** A hub with its data in {@code dataDir}, subscribed to {@code mqttUrl} as {@code clientId}. */
    static WaybillHub start(Path dataDir, EmbeddedKafka kafka, String mqttUrl, String clientId) {
        return start(dataDir, kafka, mqttUrl, clientId, Map.of());
    }

    /** The same, with more settings (a broker login, TLS stores). */
    static WaybillHub start(Path dataDir, EmbeddedKafka kafka, String mqttUrl, String clientId, Map<String, String> more) {
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), dataDir.toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), SharedHub.repoRoot().resolve("mappings").toString());
        properties.setProperty(HubSettings.MAPPINGS_WATCH.name(), "false");
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_BOOTSTRAP.name(), kafka.bootstrapServers());
        properties.setProperty(HubSettings.ARTEMIS_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.MQTT_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_PARTITIONS.name(), "1");
        properties.setProperty(HubSettings.MQTT_URL.name(), mqttUrl);
        properties.setProperty(HubSettings.MQTT_CLIENT_ID.name(), clientId);
        more.forEach(properties::setProperty);
        return WaybillHub.start(HubSettings.resolve(Map.of(), properties), SharedHub.environment());
    }

    /** The subjects (assets) of the telemetry events on Kafka whose subject starts with {@code prefix}, one per record. */
    static List<String> subjects(EmbeddedKafka kafka, String prefix) {
        return TopicReader.readAll(kafka.bootstrapServers(), TELEMETRY).stream()
                .map(TopicReader.Record::key).filter(key -> key != null && key.startsWith(prefix)).toList();
    }

    /** The event ids of those records. */
    static Set<String> eventIds(EmbeddedKafka kafka, String prefix) {
        return TopicReader.readAll(kafka.bootstrapServers(), TELEMETRY).stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix))
                .map(r -> id(r.value()))
                .collect(Collectors.toSet());
    }

    private static String id(String event) {
        try {
            return JSON.readTree(event).path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many MQTT messages of the demo partner this hub took in: its waybill_items_received_total. */
    static double itemsReceived(WaybillHub hub) {
        return Metrics.value(hub, "waybill_items_received_total", "partner=\"" + MqttDevices.PARTNER + "\"");
    }
}
