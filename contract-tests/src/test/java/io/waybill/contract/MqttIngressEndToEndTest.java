package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.WaybillHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Devices publish to the hub's embedded Artemis over MQTT: good readings become canonical
 * telemetry, and every bad message beside them (a spoofed device, binary garbage, a NaN, an
 * oversized payload, an unknown device or partner, a reading the mapping refuses) goes to dlq.v1
 * with its stage and reason, while the subscription keeps running.
 */
@ExtendWith(SharedHub.class)
class MqttIngressEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TELEMETRY = "canonical.telemetry.v1";

    @Test
    void bad_messages_go_to_the_dlq_with_their_reason_and_good_ones_beside_them_are_published() throws Exception {
        WaybillHub hub = SharedHub.hub();
        assertThat(hub.mqttConnected()).isTrue();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] oversized = new byte[300 * 1024];
        Arrays.fill(oversized, (byte) 'x');
        try (MqttDevices devices = new MqttDevices(hub.mqttUrl())) {
            devices.publish(MqttDevices.topic("CG-7001"), MqttDevices.reading("CG-7001", "TRLR-E2E-1", at));
            devices.publish(MqttDevices.topic("CG-7002"), MqttDevices.reading("CG-7999", "TRLR-E2E-SPOOF", at));
            devices.publish(MqttDevices.topic("CG-7003"), new byte[] {0x00, (byte) 0xFF, 0x13, 0x37, (byte) 0xC3, 0x28});
            devices.publish(MqttDevices.topic("CG-7004"), "{\"device_id\":\"CG-7004\",\"ts\":" + at.toEpochMilli() + ",\"temp\":NaN}");
            devices.publish(MqttDevices.topic("CG-7005"), oversized);
            devices.publish(MqttDevices.topic("NOT-A-GATEWAY"), MqttDevices.reading("NOT-A-GATEWAY", "TRLR-E2E-X", at));
            devices.publish("telemetry/nobody-we-know/CG-7006/readings", MqttDevices.reading("CG-7006", "TRLR-E2E-Y", at));
            devices.publish(MqttDevices.topic("CG-7007"), MqttDevices.reading("CG-7007", "TRLR-E2E-HOT", at).replace("\"temp\":3.4", "\"temp\":900"));
            // Without device_id the payload names no device: the topic's device goes into the reading.
            devices.publish(MqttDevices.topic("CG-7008"), MqttDevices.reading("CG-7008", "TRLR-E2E-2", at).replace("\"device_id\":\"CG-7008\",", ""));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(telemetry(hub, "TRLR-E2E-")).hasSize(2));
        List<JsonNode> published = telemetry(hub, "TRLR-E2E-");
        assertThat(published).extracting(e -> e.path("subject").asText()).containsExactlyInAnyOrder("TRLR-E2E-1", "TRLR-E2E-2");
        assertThat(published).extracting(e -> e.path("data").path("deviceId").asText()).containsExactlyInAnyOrder("CG-7001", "CG-7008");
        assertThat(published).allSatisfy(event -> {
            assertThat(event.path("source").asText()).isEqualTo("/waybill/partners/coldchain-gateways/mqtt");
            assertThat(event.path("rawref").asText()).startsWith("raw.v1/");
            assertThat(event.path("data").path("readings").path("temperatureC").asDouble()).isEqualTo(3.4);
        });

        Map<String, TopicReader.Record> dead = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(hub), found -> found.size() >= 7);
        assertThat(dead.get("CG-7002").headers()).containsEntry("waybill.error.stage", "parse");
        assertThat(dead.get("CG-7002").headers().get("waybill.error.reason"))
                .contains("spoofed device").contains("\"CG-7999\"").contains("'CG-7002'");
        assertThat(dead.get("CG-7003").headers()).containsEntry("waybill.error.stage", "parse");
        assertThat(dead.get("CG-7003").headers().get("waybill.error.reason")).startsWith("not JSON");
        assertThat(dead.get("CG-7004").headers().get("waybill.error.reason")).startsWith("not JSON").contains("NaN");
        assertThat(dead.get("CG-7005").headers()).containsEntry("waybill.error.stage", "receive");
        assertThat(dead.get("CG-7005").headers().get("waybill.error.reason")).contains("307200 bytes").contains("waybill.mqtt.max-payload-bytes");
        assertThat(dead.get("CG-7005").value()).isEmpty();
        assertThat(dead.get("NOT-A-GATEWAY").headers().get("waybill.error.reason")).contains("unknown device 'NOT-A-GATEWAY'");
        assertThat(dead.get("nobody-we-know").headers()).containsEntry("waybill.error.partner", "unknown");
        assertThat(dead.get("nobody-we-know").headers().get("waybill.error.reason")).contains("no partner declares topic");
        assertThat(dead.get("CG-7007").headers()).containsEntry("waybill.error.stage", "map");
        assertThat(dead.get("CG-7007").headers().get("waybill.error.reason")).contains("outside the sensor range");
        assertThat(dead.values()).allSatisfy(record -> {
            assertThat(record.headers()).containsEntry("waybill.channel", "mqtt");
            assertThat(record.headers().get("waybill.error.source")).startsWith("raw.v1/");
        });

        // The subscription kept running through all of it.
        try (MqttDevices devices = new MqttDevices(hub.mqttUrl())) {
            devices.publish(MqttDevices.topic("CG-7009"), MqttDevices.reading("CG-7009", "TRLR-E2E-3", at));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(telemetry(hub, "TRLR-E2E-")).hasSize(3));
        assertThat(hub.mqttConnected()).isTrue();
    }

    @Test
    void rfid_portal_reports_over_mqtt_become_smoothed_observations_and_a_report_naming_another_reader_is_refused() throws Exception {
        WaybillHub hub = SharedHub.hub();
        long micros = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli() * 1000;
        String report = "{\"reader_name\":\"dock-door-07\",\"tag_reads\":["
                + read("3074257BF7194E4000001A85", -58, micros, micros + 350_000, 5) + ","
                + read("3074257BF7194E4000001A85", -51, micros + 900_000, micros + 1_200_000, 3) + "]}";
        String spoofed = "{\"reader_name\":\"dock-door-07\",\"tag_reads\":["
                + read("3074257BF7194E4000001A85", -60, micros + 5_000_000, micros + 5_000_000, 1) + "]}";
        try (MqttDevices devices = new MqttDevices(hub.mqttUrl())) {
            devices.publish("telemetry/dockside-rfid/dock-door-07/reads", report);
            devices.publish("telemetry/dockside-rfid/dock-door-04/reads", spoofed);
        }
        String firstSeen = Instant.ofEpochMilli(micros / 1000).toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(observations(hub, firstSeen)).hasSize(1));
        JsonNode observation = observations(hub, firstSeen).get(0);
        assertThat(observation.path("source").asText()).isEqualTo("/waybill/partners/dockside-rfid/mqtt");
        JsonNode data = observation.path("data");
        assertThat(data.path("epcList")).extracting(JsonNode::asText).containsExactly("urn:epc:id:sgtin:0614141.812345.6789");
        assertThat(data.path("readPoint").asText()).isEqualTo("dock-door-07/antenna-3");
        assertThat(data.path("readCount").asInt()).isEqualTo(8);
        assertThat(data.path("peakRssiDbm").asDouble()).isEqualTo(-51.0);
        assertThat(data.path("lastSeen").asText()).isEqualTo(Instant.ofEpochMilli(micros / 1000 + 1200).toString());

        TopicReader.Record refused = await().atMost(Duration.ofSeconds(60)).until(
                () -> deadLetterOf(hub, "telemetry/dockside-rfid/dock-door-04/reads"), java.util.Objects::nonNull);
        assertThat(refused.headers()).containsEntry("waybill.error.stage", "parse");
        assertThat(refused.headers().get("waybill.error.reason")).contains("spoofed device").contains("'dock-door-04'");
    }

    @Test
    void portal_reports_of_one_tag_in_separate_mqtt_batches_become_one_observation_and_a_report_sent_again_counts_once() throws Exception {
        WaybillHub hub = SharedHub.hub();
        // A 2 s window two minutes ago; each report a batch of its own (the next is published once the last is read).
        long micros = (Instant.now().minusSeconds(120).toEpochMilli() / 2000 * 2000 + 100) * 1000;
        String epc = "3074257BF7194E4000001A86";
        List<String> reports = List.of(
                "{\"reader_name\":\"dock-door-07\",\"tag_reads\":[" + read(epc, -58, micros, micros + 200_000, 5) + "]}",
                "{\"reader_name\":\"dock-door-07\",\"tag_reads\":[" + read(epc, -49, micros + 600_000, micros + 800_000, 4) + "]}",
                "{\"reader_name\":\"dock-door-07\",\"tag_reads\":[" + read(epc, -66, micros + 1_500_000, micros + 1_700_000, 2) + "]}");
        try (MqttDevices devices = new MqttDevices(hub.mqttUrl())) {
            for (String report : List.of(reports.get(0), reports.get(1), reports.get(0), reports.get(2))) {
                double received = Metrics.value(hub, "waybill_items_received_total");
                devices.publish("telemetry/dockside-rfid/dock-door-07/reads", report);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Metrics.value(hub, "waybill_items_received_total") > received);
            }
        }

        String firstSeen = Instant.ofEpochMilli(micros / 1000).toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !observations(hub, firstSeen).isEmpty());
        assertThat(observations(hub, firstSeen)).singleElement().satisfies(observation -> {
            assertThat(observation.at("/data/readCount").asInt()).as("5 + 4 + 2; the report sent again not counted").isEqualTo(11);
            assertThat(observation.at("/data/peakRssiDbm").asDouble()).isEqualTo(-49.0);
            assertThat(observation.at("/data/lastSeen").asText()).isEqualTo(Instant.ofEpochMilli(micros / 1000 + 1700).toString());
            assertThat(observation.at("/data/epcList/0").asText()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6790");
        });
    }

    @Test
    void handheld_scans_over_mqtt_become_observations_and_a_scan_naming_another_scanner_is_refused() throws Exception {
        WaybillHub hub = SharedHub.hub();
        String scannedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String scan = "{\"scan_id\":\"HS-0009-" + System.nanoTime() + "\",\"device\":\"TC52-0009\",\"symbology\":\"GS1-128\","
                + "\"data\":\"(00)106141412345678908\",\"scanned_at\":\"" + scannedAt + "\","
                + "\"site\":\"urn:epc:id:sgln:0614141.00001.0004\",\"step\":\"shipping\"}";
        String spoofed = scan.replace("HS-0009-", "HS-0004-");
        try (MqttDevices devices = new MqttDevices(hub.mqttUrl())) {
            devices.publish("telemetry/dockside-rfid/TC52-0009/scans", scan);
            devices.publish("telemetry/dockside-rfid/TC52-0004/scans", spoofed);
            devices.publish("telemetry/dockside-rfid/MC33-0001/scans", scan);
        }
        JsonNode observation = await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(hub.bootstrapServers(),
                        "canonical.observation.v1").stream().map(r -> parse(r.value()))
                .filter(e -> e.path("data").path("readPoint").asText().equals("TC52-0009")
                        && e.path("data").path("eventTime").asText().equals(scannedAt)).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(observation.path("source").asText()).isEqualTo("/waybill/partners/dockside-rfid/mqtt");
        assertThat(observation.path("mappingid").asText()).isEqualTo("dockside-rfid.scans");
        assertThat(observation.path("data").path("epcList")).extracting(JsonNode::asText)
                .containsExactly("https://id.gs1.org/00/106141412345678908");

        TopicReader.Record refused = await().atMost(Duration.ofSeconds(60)).until(
                () -> deadLetterOf(hub, "telemetry/dockside-rfid/TC52-0004/scans"), java.util.Objects::nonNull);
        assertThat(refused.headers()).containsEntry("waybill.error.stage", "parse");
        assertThat(refused.headers().get("waybill.error.reason")).contains("spoofed device: the payload's .device")
                .contains("'TC52-0004'");
        TopicReader.Record stranger = await().atMost(Duration.ofSeconds(60)).until(
                () -> deadLetterOf(hub, "telemetry/dockside-rfid/MC33-0001/scans"), java.util.Objects::nonNull);
        assertThat(stranger.headers().get("waybill.error.reason")).startsWith("unknown device 'MC33-0001'");
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String epc, int rssi, long first, long last, int count) {
        return "{\"epc\":\"" + epc + "\",\"antennaPort\":3,\"peakRssi\":" + rssi + ",\"firstSeenTimestamp\":" + first
                + ",\"lastSeenTimestamp\":" + last + ",\"tagSeenCount\":" + count + ",\"isHeartBeat\":false}";
    }

    private static List<JsonNode> observations(WaybillHub hub, String firstSeen) {
        return TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1").stream()
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(e -> e.path("data").path("readPoint").asText().equals("dock-door-07/antenna-3")
                        && e.path("data").path("firstSeen").asText().equals(firstSeen))
                .toList();
    }

    /** The dead letter of the (last) message published on a topic, or null. */
    private static TopicReader.Record deadLetterOf(WaybillHub hub, String topic) {
        java.util.Set<String> raw = TopicReader.readAll(hub.bootstrapServers(), "raw.v1",
                        r -> topic.equals(r.headers().get("waybill.mqtt.topic"))).stream()
                .map(r -> "raw.v1/" + r.partition() + "/" + r.offset()).collect(Collectors.toSet());
        return TopicReader.readAll(hub.bootstrapServers(), "dlq.v1").stream()
                .filter(r -> raw.contains(r.headers().get("waybill.error.source"))).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void the_connection_state_is_a_metric() throws Exception {
        WaybillHub hub = SharedHub.hub();
        assertThat(Metrics.value(hub, "waybill_mqtt_connected", "connection=\"mqtt-ingress\"")).as("one series, at 1").isEqualTo(1.0);
    }

    private static List<JsonNode> telemetry(WaybillHub hub, String subjectPrefix) {
        return TopicReader.readAll(hub.bootstrapServers(), TELEMETRY).stream()
                .filter(r -> r.key() != null && r.key().startsWith(subjectPrefix))
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** This test's dead letters, by the topic level that names the device (or the unknown partner). */
    private static Map<String, TopicReader.Record> deadLetters(WaybillHub hub) {
        Map<String, String> topics = TopicReader.readAll(hub.bootstrapServers(), "raw.v1",
                        r -> "mqtt".equals(r.headers().get("waybill.channel"))).stream()
                .collect(Collectors.toMap(r -> "raw.v1/" + r.partition() + "/" + r.offset(), r -> r.headers().get("waybill.mqtt.topic")));
        return TopicReader.readAll(hub.bootstrapServers(), "dlq.v1").stream()
                .filter(r -> "mqtt".equals(r.headers().get("waybill.channel")))
                .filter(r -> topics.containsKey(r.headers().get("waybill.error.source")))
                .map(r -> Map.entry(deviceLevel(topics.get(r.headers().get("waybill.error.source"))), r))
                .filter(e -> e.getKey().startsWith("CG-70") || e.getKey().equals("NOT-A-GATEWAY") || e.getKey().equals("nobody-we-know"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** The level of a topic that names the device (the partner level when no partner claims the topic). */
    private static String deviceLevel(String topic) {
        String[] levels = topic.split("/");
        return levels[1].equals(MqttDevices.PARTNER) ? levels[2] : levels[1];
    }

}
