package io.waybill.adapter.mqtt;

import io.waybill.adapter.support.DeviceTopic;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.RawDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeviceMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final PartnerDeclaration GATEWAYS = partner("gateways", "telemetry/gateways/{device}/#", ".device_id");
    private static final PartnerDeclaration TRACKERS = partner("trackers", "trackers/+/{device}", ".meta.id");
    private static final List<PartnerDeclaration> PARTNERS = List.of(GATEWAYS, TRACKERS);

    private final DeviceMessages messages = new DeviceMessages(1024, "setting waybill.mqtt.max-payload-bytes");

    @Test
    void the_topic_names_the_partner_and_the_device() {
        DeviceMessages.Attribution gateway = messages.attribute(PARTNERS, "telemetry/gateways/GW-001/status/cab", 10);
        DeviceMessages.Attribution tracker = messages.attribute(PARTNERS, "trackers/eu/GW-002", 10);

        assertThat(gateway.refused()).isFalse();
        assertThat(gateway.partner()).isEqualTo("gateways");
        assertThat(gateway.device()).isEqualTo("GW-001");
        assertThat(tracker.partner()).isEqualTo("trackers");
        assertThat(tracker.device()).isEqualTo("GW-002");
    }

    @Test
    void a_topic_no_partner_declares_an_unknown_device_and_an_oversized_payload_are_refused_on_receipt() {
        assertThat(messages.attribute(PARTNERS, "telemetry/others/GW-001/x", 10).refusal())
                .isEqualTo("no partner declares topic 'telemetry/others/GW-001/x' (channels.mqtt.topic in partner.yaml)");
        assertThat(messages.attribute(PARTNERS, "trackers/eu/GW-002/extra", 10).refused()).isTrue();
        DeviceMessages.Attribution stranger = messages.attribute(PARTNERS, "telemetry/gateways/XX-9/x", 10);
        assertThat(stranger.partner()).isEqualTo("gateways");
        assertThat(stranger.refusal()).startsWith("unknown device 'XX-9'");
        assertThat(messages.attribute(PARTNERS, "telemetry/gateways/GW-001/x", 1025).refusal())
                .isEqualTo("payload of 1025 bytes is over the limit of 1024 bytes (setting waybill.mqtt.max-payload-bytes); it was not read");
    }

    @Test
    void of_one_partners_declarations_on_a_topic_the_one_that_knows_the_device_says_where_its_payload_names_it() {
        PartnerDeclaration dc = new PartnerDeclaration("dc", "dc", "owner", new PartnerDeclaration.Channels(null, null, null,
                List.of(new PartnerDeclaration.Mqtt("dc/{device}/#", List.of("json"), null, "door-[0-9]{2}", ".reader_name"),
                        new PartnerDeclaration.Mqtt("dc/{device}/#", List.of("json"), null, "TC52-[0-9]{4}", ".device")),
                null, null), null);

        DeviceMessages.Attribution portal = messages.attribute(List.of(dc), "dc/door-07/reads", 10);
        DeviceMessages.Attribution scanner = messages.attribute(List.of(dc), "dc/TC52-0009/scans", 10);

        assertThat(portal.deviceField()).isEqualTo(".reader_name");
        assertThat(scanner.deviceField()).isEqualTo(".device");
        assertThat(messages.read(scanner, bytes("{\"scan_id\":\"s1\"}"), NOW, null).body().path("device").asText()).isEqualTo("TC52-0009");
        assertThat(parseFailure(scanner, bytes("{\"device\":\"TC52-0001\"}"))).startsWith("spoofed device: the payload's .device");
        assertThat(messages.attribute(List.of(dc), "dc/forklift-3/x", 10).refusal()).startsWith("unknown device 'forklift-3'");
    }

    @Test
    void a_payload_naming_another_device_is_refused_as_spoofed() {
        DeviceMessages.Attribution from = messages.attribute(PARTNERS, "telemetry/gateways/GW-001/x", 10);

        RefusedMessageException refused = catchThrowableOfType(RefusedMessageException.class,
                () -> messages.read(from, bytes("{\"device_id\":\"GW-002\",\"t\":1}"), NOW, "raw.v1/0/1"));

        assertThat(refused.stage()).isEqualTo(DeviceMessages.STAGE_PARSE);
        assertThat(refused.getMessage()).isEqualTo("spoofed device: the payload's .device_id is \"GW-002\" but it was"
                + " published on the topic of device 'GW-001'");
    }

    @Test
    void a_payload_without_the_device_field_gets_the_topics_device() {
        DeviceMessages.Attribution from = messages.attribute(PARTNERS, "trackers/eu/GW-002", 10);

        RawDocument document = messages.read(from, bytes("{\"t\":1}"), NOW, "raw.v1/0/7");

        assertThat(document.body().path("meta").path("id").asText()).isEqualTo("GW-002");
        assertThat(new String(document.raw(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":1}");
        assertThat(document.provenance().channel()).isEqualTo("mqtt");
        assertThat(document.provenance().rawRef()).isEqualTo("raw.v1/0/7");
        assertThat(document.provenance().receivedAt()).isEqualTo(NOW);
    }

    @Test
    void garbage_nan_and_non_objects_are_refused_as_unparseable() {
        DeviceMessages.Attribution from = messages.attribute(PARTNERS, "telemetry/gateways/GW-001/x", 10);

        assertThat(parseFailure(from, new byte[] {0x00, (byte) 0xFF, 0x13})).startsWith("not JSON: ");
        assertThat(parseFailure(from, bytes("{\"temp\": NaN}"))).startsWith("not JSON: ").contains("NaN");
        assertThat(parseFailure(from, bytes("{\"a\":1} trailing"))).startsWith("not JSON: ");
        assertThat(parseFailure(from, bytes("[1,2]"))).isEqualTo("the payload must be a JSON object, not array");
        assertThat(parseFailure(from, new byte[0])).isEqualTo("the payload must be a JSON object, not empty");
    }

    @Test
    void a_declared_topic_becomes_the_filter_to_subscribe_to() {
        assertThat(DeviceTopic.parse("telemetry/{device}/+/#").filter()).isEqualTo("telemetry/+/+/#");
        assertThat(DeviceTopic.parse("a/{device}").device("a/b")).hasValue("b");
        assertThat(DeviceTopic.parse("a/{device}").device("a/b/c")).isEmpty();
        assertThat(DeviceTopic.parse("a/{device}/#").device("a/b")).hasValue("b");
        assertThat(DeviceTopic.parse("a/{device}/#").device("a//c")).isEmpty();
    }

    private String parseFailure(DeviceMessages.Attribution from, byte[] payload) {
        return catchThrowableOfType(RefusedMessageException.class, () -> messages.read(from, payload, NOW, null)).getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static PartnerDeclaration partner(String id, String topic, String deviceField) {
        return new PartnerDeclaration(id, id, "owner", new PartnerDeclaration.Channels(null, null, null,
                new PartnerDeclaration.Mqtt(topic, List.of("json"), null, "GW-[0-9]{3}", deviceField)), null);
    }
}
