package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.Partner.Answer;
import io.waybill.contract.TopicReader.Record;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.waybill.contract.EdiInterchanges.iftsta;
import static io.waybill.contract.EdiInterchanges.status214;
import static io.waybill.contract.EdiInterchanges.x12;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A carrier's EDI over the signed push, through a hub on the real embedded brokers: what the carrier
 * is answered, the acknowledgment a JMS consumer finds on Artemis {@code edi.acks.<partner>}, and what
 * reaches the canonical topics and the DLQ. A second hub (Camel only, on the shared test brokers)
 * serves test partners declared in a temporary mappings folder, each with a minimal 214 mapping.
 */
@ExtendWith(SharedHub.class)
class EdiPushEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATUS_TOPIC = "canonical.shipment-status.v1";
    private static final String X12 = "application/edi-x12";
    private static final Map<String, String> SECRETS = Map.of(
            "WAYBILL_SECRET_EDI_TEST_CARRIER", "edi-secret-strict",
            "WAYBILL_SECRET_EDI_LENIENT_CARRIER", "edi-secret-lenient",
            "WAYBILL_SECRET_JSON_ONLY_CARRIER", "edi-secret-json",
            "WAYBILL_SECRET_EDI_5010_CARRIER", "edi-secret-5010");
    /** Interchange control numbers unique to this run: the shared brokers outlive a single test. */
    private static final AtomicLong CONTROL = new AtomicLong(100_000_000L + new Random().nextInt(800_000_000));

    private static Path root;
    private static WaybillHub hub;

    private Partner strict;
    private Partner lenient;
    private String run;

    @BeforeAll
    static void startHubWithEdiPartners() throws IOException {
        root = Files.createTempDirectory("waybill-edi");
        Path mappings = root.resolve("mappings");
        writeEdiPartner(mappings, "edi-test-carrier", "reject", "[02:ACMF, ZZZ:CARRIER1]", "[json, x12, edifact]");
        writeEdiPartner(mappings, "edi-lenient-carrier", "accept-and-report", "[02:LENIENT]", "[x12]");
        writeEdiPartner(mappings, "edi-5010-carrier", "reject", "[02:NEWX12]", "[x12]");
        Files.writeString(mappings.resolve("edi-5010-carrier/partner.yaml"), "  x12-ack: \"999\"\n", StandardOpenOption.APPEND);
        Files.writeString(mappings.resolve("edi-test-carrier/iftsta.mapping.yaml"), """
                id: edi-test-carrier.iftsta
                version: 1
                accepts: {channel: rest, format: edifact, when: '.envelope.type == "IFTSTA"'}
                produces: shipment-status/v1
                identity: '.envelope.interchange.sender + "/" + .envelope.interchange.controlNumber + "/" + .envelope.controlNumber'
                transform: iftsta.jslt
                tables:
                  status: sts-codes.csv
                """);
        Files.writeString(mappings.resolve("edi-test-carrier/iftsta.jslt"), """
                flatten([for (.CNI) let bl = (.CNI02[0]) [for (.STS) {
                  "shipmentId": $bl,
                  "status": code-lookup("status", .STS02[0]),
                  "partnerStatus": {"code": .STS02[0], "codeList": "edifact-4405"},
                  "eventTime": utc-instant(.DTM[0].DTM01[1], "yyyyMMddHHmm", "+00:00"),
                  "eventTimeOffset": utc-offset(.DTM[0].DTM01[1], "yyyyMMddHHmm", "+00:00")
                }]])
                """);
        Files.writeString(mappings.resolve("edi-test-carrier/sts-codes.csv"), "code,value\n21,LOADED\n");
        Files.createDirectories(mappings.resolve("json-only-carrier"));
        Files.writeString(mappings.resolve("json-only-carrier/partner.yaml"), """
                id: json-only-carrier
                name: JSON-only carrier (test partner)
                owner: ops@json-only.example
                channels:
                  rest: {formats: [json]}
                """);
        hub = startHub(root.resolve("data-a"));
    }

    /** A partner with a 214 mapping: one shipment-status event per LX loop, identity from the envelope. */
    private static void writeEdiPartner(Path mappings, String id, String policy, String senders, String formats) throws IOException {
        Path folder = Files.createDirectories(mappings.resolve(id));
        Files.writeString(folder.resolve("partner.yaml"), """
                id: %s
                name: %s (test partner)
                owner: edi@test.example
                channels:
                  rest: {formats: %s}
                edi:
                  senders: %s
                  envelope-errors: %s
                """.formatted(id, id, formats, senders, policy));
        Files.writeString(folder.resolve("status214.mapping.yaml"), """
                id: %s.status214
                version: 1
                accepts: {channel: rest, format: x12, when: '.envelope.type == "214"'}
                produces: shipment-status/v1
                identity: '.envelope.interchange.senderQualifier + "/" + .envelope.interchange.sender + "/" + .envelope.interchange.controlNumber + "/" + .envelope.group.controlNumber + "/" + .envelope.controlNumber'
                transform: status214.jslt
                tables:
                  status: at7-codes.csv
                """.formatted(id));
        Files.writeString(folder.resolve("status214.jslt"), """
                let shipment = (.B10[0].B1002)
                [for (.LX) {
                  "shipmentId": $shipment,
                  "status": code-lookup("status", .AT7[0].AT701),
                  "partnerStatus": {"code": .AT7[0].AT701, "codeList": "x12-at7"},
                  "eventTime": utc-instant(.AT7[0].AT705 + .AT7[0].AT706, "yyyyMMddHHmm", "-06:00"),
                  "eventTimeOffset": utc-offset(.AT7[0].AT705 + .AT7[0].AT706, "yyyyMMddHHmm", "-06:00")
                }]
                """);
        Files.writeString(folder.resolve("at7-codes.csv"), "code,value\nX3,PICKED_UP\nX6,IN_TRANSIT\nD1,DELIVERED\n");
    }

    private static WaybillHub startHub(Path dataDir) {
        WaybillHub shared = SharedHub.hub();
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), dataDir.toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), root.resolve("mappings").toString());
        properties.setProperty(HubSettings.MAPPINGS_WATCH.name(), "false");
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_BOOTSTRAP.name(), shared.bootstrapServers());
        properties.setProperty(HubSettings.ARTEMIS_URL.name(), shared.artemisUrl());
        properties.setProperty(HubSettings.KAFKA_PARTITIONS.name(), "1");
        return WaybillHub.start(HubSettings.resolve(Map.of(), properties), SECRETS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
        SharedHub.deleteTree(root);
    }

    @BeforeEach
    void partners() {
        strict = new Partner(hub.httpBaseUrl(), "edi-test-carrier", SECRETS.get("WAYBILL_SECRET_EDI_TEST_CARRIER"));
        lenient = new Partner(hub.httpBaseUrl(), "edi-lenient-carrier", SECRETS.get("WAYBILL_SECRET_EDI_LENIENT_CARRIER"));
        run = Long.toString(CONTROL.get(), 36).toUpperCase();
    }

    private static String control() {
        return Long.toString(CONTROL.incrementAndGet());
    }

    private static Answer push(Partner partner, String body, String contentType) {
        return Partner.send(partner.signed(body.getBytes(StandardCharsets.ISO_8859_1), Instant.now(), contentType).build());
    }

    private static List<Record> events(String shipment) {
        return TopicReader.readAll(hub.bootstrapServers(), STATUS_TOPIC, r -> shipment.equals(r.key()));
    }

    private static List<Record> deadLetters(String partner, String text) {
        return TopicReader.readAll(hub.bootstrapServers(), "dlq.v1",
                r -> partner.equals(r.key()) && r.headers().getOrDefault("waybill.error.reason", "").contains(text));
    }

    @Test
    void a_signed_214_becomes_canonical_events_and_its_997_is_answered_and_queued_on_artemis() throws Exception {
        String control = control();
        String shipment = "SH-EDI-" + run + "-1";
        String body = x12("02", "ACMF", control, status214("0001", shipment, "X3", "X6"));

        Answer answer = push(strict, body, X12);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("format").asText()).isEqualTo("x12");
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
        JsonNode interchange = answer.body().path("interchanges").path(0);
        assertThat(interchange.path("interchange").asText()).isEqualTo("X12/02/ACMF/" + control);
        assertThat(interchange.path("status").asText()).isEqualTo("accepted");
        JsonNode ack = answer.body().path("acknowledgments").path(0);
        assertThat(ack.path("interchange").asText()).isEqualTo("X12/02/ACMF/" + control);
        assertThat(ack.path("standard").asText()).isEqualTo("X12");
        assertThat(ack.path("kind").asText()).isEqualTo("TA1+997");
        assertThat(ack.path("status").asText()).isEqualTo("accepted");
        assertThat(ack.path("content").asText()).contains("TA1*" + control + "*240301*1204*A*000", "ST*997*0001",
                "AK1*QM*17", "AK2*214*0001", "AK5*A", "AK9*A*1*1*1");

        List<Record> published = events(shipment);
        assertThat(published).hasSize(2);
        JsonNode first = JSON.readTree(published.get(0).value());
        assertThat(first.path("id").asText()).isEqualTo(answer.item(0).path("events").path(0).path("id").asText());
        assertThat(first.path("mappingid").asText()).isEqualTo("edi-test-carrier.status214");
        assertThat(first.path("rawref").asText()).isEqualTo(answer.body().path("rawRef").asText());
        assertThat(first.path("data").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(first.path("data").path("eventTime").asText()).isEqualTo("2024-03-01T14:15:00Z");
        assertThat(JSON.readTree(published.get(1).value()).path("data").path("status").asText()).isEqualTo("IN_TRANSIT");

        Message queued = ackOnArtemis("edi-test-carrier", "X12/02/ACMF/" + control, false);
        assertThat(((TextMessage) queued).getText()).isEqualTo(ack.path("content").asText());
        assertThat(queued.getStringProperty("waybill_partner")).isEqualTo("edi-test-carrier");
        assertThat(queued.getStringProperty("waybill_interchange_control_number")).isEqualTo(control);
        assertThat(queued.getStringProperty("waybill_ack_kind")).isEqualTo("TA1+997");
        assertThat(queued.getStringProperty("waybill_ack_control_number")).isEqualTo(ack.path("controlNumber").asText());
        assertThat(queued.getBooleanProperty("waybill_ack_duplicate")).isFalse();
    }

    @Test
    void a_partner_that_asks_for_999s_gets_one_for_a_005010_interchange_over_http_and_on_artemis() throws Exception {
        Partner modern = new Partner(hub.httpBaseUrl(), "edi-5010-carrier", SECRETS.get("WAYBILL_SECRET_EDI_5010_CARRIER"));
        String control = control();
        String shipment = "SH-EDI-" + run + "-5010";
        String body = x12("02", "NEWX12", control, status214("0001", shipment, "X3"))
                .replace("*U*00401*", "*^*00501*").replace("*X*004010~", "*X*005010~");

        Answer answer = push(modern, body, X12);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode ack = answer.body().path("acknowledgments").path(0);
        assertThat(ack.path("kind").asText()).isEqualTo("TA1+999");
        assertThat(ack.path("content").asText()).contains("TA1*" + control + "*240301*1204*A*000", "ST*999*0001*005010X231A1",
                "AK1*QM*17*005010", "AK2*214*0001", "IK5*A", "AK9*A*1*1*1").doesNotContain("ST*997");
        assertThat(events(shipment)).hasSize(1);
        Message queued = ackOnArtemis("edi-5010-carrier", "X12/02/NEWX12/" + control, false);
        assertThat(queued.getStringProperty("waybill_ack_kind")).isEqualTo("TA1+999");
        assertThat(((TextMessage) queued).getText()).isEqualTo(ack.path("content").asText());
    }

    @Test
    void an_edi_push_larger_than_a_kafka_record_is_archived_in_parts_and_every_transaction_published() throws Exception {
        String control = control();
        String shipment = "SH-EDI-" + run + "-BIG-";
        List<String> transactions = new java.util.ArrayList<>();
        StringBuilder size = new StringBuilder();
        for (int i = 1; size.length() < 1_600_000; i++) {
            String transaction = referenced214(String.format("%04d", i), shipment + i);
            transactions.add(transaction);
            size.append(transaction);
        }
        String body = x12("02", "ACMF", control, transactions.toArray(String[]::new));

        Answer answer = push(strict, body, X12);

        assertThat(answer.status()).as(answer.body().path("interchanges").toString()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(transactions.size());
        String rawRef = answer.body().path("rawRef").asText();
        List<Record> parts = TopicReader.readAll(hub.bootstrapServers(), "raw.v1", r -> "edi-test-carrier".equals(r.key())
                && r.offset() >= Long.parseLong(rawRef.substring(rawRef.lastIndexOf('/') + 1))
                && r.headers().getOrDefault("waybill.raw.part", "").endsWith("/" + ((body.length() + 524_287) / 524_288)));
        String id = parts.get(0).headers().get("waybill.raw.id");
        List<Record> ofThisPush = parts.stream().filter(r -> id.equals(r.headers().get("waybill.raw.id"))).toList();
        assertThat(ofThisPush).hasSize((body.length() + 524_287) / 524_288).hasSizeGreaterThan(2);
        assertThat(ofThisPush.stream().map(Record::value).collect(java.util.stream.Collectors.joining())).isEqualTo(body);
        assertThat(events(shipment + transactions.size())).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"PICKED_UP\""));
        assertThat(ackOnArtemis("edi-test-carrier", "X12/02/ACMF/" + control, false).getStringProperty("waybill_ack_kind"))
                .isEqualTo("TA1+997");
    }

    /** A 214 with ten purchase order references (as shippers send them) and one status. */
    private static String referenced214(String controlNumber, String shipment) {
        StringBuilder text = new StringBuilder("ST*214*" + controlNumber + "~\nB10*PRO-" + shipment + "*" + shipment + "*ACMF~\n");
        for (int i = 0; i < 10; i++) {
            text.append("L11*").append(String.format("PO%028d", i)).append("*PO~\n");
        }
        text.append("LX*1~\nAT7*X3*NS***20240301*0815*CT~\nMS1*MEMPHIS*TN*US~\n");
        return text.append("SE*16*").append(controlNumber).append("~\n").toString();
    }

    @Test
    void a_resent_interchange_gets_a_duplicate_acknowledgment_and_publishes_nothing_again() throws Exception {
        String control = control();
        String shipment = "SH-EDI-" + run + "-2";
        byte[] body = x12("02", "ACMF", control, status214("0001", shipment, "X3")).getBytes(StandardCharsets.US_ASCII);
        Answer first = Partner.send(strict.signed(body, Instant.now(), X12).build());
        Answer resent = Partner.send(strict.signed(body, Instant.now().plusSeconds(1), X12).build());

        assertThat(first.status()).isEqualTo(200);
        assertThat(resent.status()).as(resent.body().toString()).isEqualTo(200);
        assertThat(resent.body().path("received").asInt()).isZero();
        assertThat(resent.body().path("interchanges").path(0).path("status").asText()).isEqualTo("duplicate");
        JsonNode ack = resent.body().path("acknowledgments").path(0);
        assertThat(ack.path("kind").asText()).isEqualTo("TA1");
        assertThat(ack.path("duplicate").asBoolean()).isTrue();
        assertThat(ack.path("content").asText()).contains("TA1*" + control + "*240301*1204*R*025");
        assertThat(Long.parseLong(ack.path("controlNumber").asText()))
                .isGreaterThan(Long.parseLong(first.body().path("acknowledgments").path(0).path("controlNumber").asText()));
        assertThat(events(shipment)).hasSize(1);
        assertThat(ackOnArtemis("edi-test-carrier", "X12/02/ACMF/" + control, true)
                .getStringProperty("waybill_ack_kind")).isEqualTo("TA1");
    }

    @Test
    void a_resend_reaching_another_hub_instance_is_recognised_too() throws Exception {
        String control = control();
        String shipment = "SH-EDI-" + run + "-3";
        byte[] body = x12("02", "ACMF", control, status214("0001", shipment, "D1")).getBytes(StandardCharsets.US_ASCII);
        Answer first = Partner.send(strict.signed(body, Instant.now(), X12).build());
        assertThat(first.status()).isEqualTo(200);

        try (WaybillHub other = startHub(root.resolve("data-b"))) {
            Partner sameCarrier = new Partner(other.httpBaseUrl(), "edi-test-carrier", SECRETS.get("WAYBILL_SECRET_EDI_TEST_CARRIER"));
            Answer resent = Partner.send(sameCarrier.signed(body, Instant.now().plusSeconds(1), X12).build());

            assertThat(resent.status()).as(resent.body().toString()).isEqualTo(200);
            assertThat(resent.body().path("interchanges").path(0).path("status").asText()).isEqualTo("duplicate");
            assertThat(Long.parseLong(resent.body().path("acknowledgments").path(0).path("controlNumber").asText()))
                    .as("acknowledgment numbers never repeat across instances")
                    .isGreaterThan(Long.parseLong(first.body().path("acknowledgments").path(0).path("controlNumber").asText()));
        }
        assertThat(events(shipment)).hasSize(1);
    }

    @Test
    void an_interchange_refused_in_part_is_read_again_when_resent_and_its_events_keep_their_ids() {
        String control = control();
        String shipment = "SH-EDI-" + run + "-4";
        byte[] body = x12("02", "ACMF", control, status214("0001", shipment, "X3"), status214("0002", shipment, "ZZ"))
                .getBytes(StandardCharsets.US_ASCII);
        Answer first = Partner.send(strict.signed(body, Instant.now(), X12).build());
        Answer resent = Partner.send(strict.signed(body, Instant.now().plusSeconds(1), X12).build());

        assertThat(first.status()).as(first.body().toString()).isEqualTo(207);
        assertThat(first.item(0).path("status").asText()).isEqualTo("accepted");
        assertThat(first.item(1).path("status").asText()).isEqualTo("rejected");
        assertThat(first.item(1).path("reason").asText()).contains("'ZZ' is not in table 'status'");
        assertThat(first.body().path("acknowledgments").path(0).path("content").asText())
                .as("the EDI itself was fine").contains("AK9*A*2*2*2");
        assertThat(resent.status()).isEqualTo(207);
        assertThat(resent.body().path("interchanges").path(0).path("status").asText()).isEqualTo("accepted");
        assertThat(resent.item(0).path("status").asText()).isEqualTo("duplicate");
        assertThat(resent.item(0).path("events").path(0).path("id"))
                .isEqualTo(first.item(0).path("events").path(0).path("id"));
        assertThat(events(shipment)).hasSize(1);
    }

    @Test
    void a_wrong_group_count_rejects_the_group_under_reject_and_is_only_reported_under_accept_and_report() {
        String strictControl = control();
        String lenientControl = control();
        String strictShipment = "SH-EDI-" + run + "-5S";
        String lenientShipment = "SH-EDI-" + run + "-5L";

        Answer rejected = push(strict, x12("02", "ACMF", strictControl, 4, status214("0001", strictShipment, "X3")), X12);
        Answer reported = push(lenient, x12("02", "LENIENT", lenientControl, 4, status214("0001", lenientShipment, "X3")), X12);

        assertThat(rejected.status()).as(rejected.body().toString()).isEqualTo(422);
        assertThat(rejected.body().path("interchanges").path(0).path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.body().path("interchanges").path(0).path("reason").asText()).contains("GE01");
        assertThat(rejected.body().path("acknowledgments").path(0).path("content").asText()).contains("AK9*R*4*1*0");
        assertThat(events(strictShipment)).isEmpty();
        assertThat(deadLetters("edi-test-carrier", "X12/02/ACMF/" + strictControl)).singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry("waybill.error.stage", "envelope"));

        assertThat(reported.status()).as(reported.body().toString()).isEqualTo(200);
        assertThat(reported.body().path("interchanges").path(0).path("status").asText()).isEqualTo("accepted_with_errors");
        assertThat(reported.body().path("acknowledgments").path(0).path("content").asText()).contains("AK9*E*4*1*1");
        assertThat(events(lenientShipment)).hasSize(1);
    }

    @Test
    void an_interchange_from_a_sender_the_partner_does_not_declare_is_refused_as_spoofed() {
        String control = control();
        String shipment = "SH-EDI-" + run + "-6";

        Answer answer = push(strict, x12("ZZ", "IMPOSTOR", control, status214("0001", shipment, "X3")), X12);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
        JsonNode interchange = answer.body().path("interchanges").path(0);
        assertThat(interchange.path("status").asText()).isEqualTo("rejected");
        assertThat(interchange.path("reason").asText()).contains("sender ZZ:IMPOSTOR", "spoofed");
        assertThat(answer.body().path("acknowledgments").path(0).path("content").asText())
                .contains("TA1*" + control + "*240301*1204*R*006").doesNotContain("AK1");
        assertThat(events(shipment)).isEmpty();
        assertThat(deadLetters("edi-test-carrier", "X12/ZZ/IMPOSTOR/" + control)).singleElement().satisfies(r -> {
            assertThat(r.headers().get("waybill.error.reason")).contains("spoofed");
            assertThat(r.value()).contains("IMPOSTOR").contains(shipment);
        });
    }

    @Test
    void an_edifact_iftsta_is_mapped_and_acknowledged_with_a_contrl() throws Exception {
        String reference = "IF" + control();
        String bl = "BL-EDI-" + run;

        Answer answer = push(strict, iftsta("CARRIER1", reference, bl), "application/edifact");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode ack = answer.body().path("acknowledgments").path(0);
        assertThat(ack.path("kind").asText()).isEqualTo("CONTRL");
        assertThat(ack.path("standard").asText()).isEqualTo("EDIFACT");
        assertThat(ack.path("content").asText()).contains("UNH+1+CONTRL:D:3:UN", "UCI+" + reference + "+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+7");
        assertThat(events(bl)).singleElement().satisfies(r ->
                assertThat(JSON.readTree(r.value()).path("data").path("status").asText()).isEqualTo("LOADED"));
        assertThat(ackOnArtemis("edi-test-carrier", "EDIFACT/ZZZ/CARRIER1/" + reference, false).getStringProperty("waybill_standard"))
                .isEqualTo("EDIFACT");
    }

    @Test
    void a_truncated_interchange_gets_a_rejecting_acknowledgment_and_the_dlq_and_the_next_push_still_works() {
        String control = control();
        String whole = x12("02", "ACMF", control, status214("0001", "SH-EDI-" + run + "-7", "X3"),
                status214("0002", "SH-EDI-" + run + "-7", "X6"));
        String truncated = whole.substring(0, whole.indexOf("ST*214*0002") + 20);

        Answer answer = push(strict, truncated, X12);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
        assertThat(answer.body().path("interchanges").path(0).path("status").asText()).isEqualTo("rejected");
        assertThat(answer.body().path("failure").path("kind").asText()).isEqualTo("truncated");
        assertThat(answer.body().path("acknowledgments").path(0).path("content").asText())
                .contains("TA1*" + control + "*240301*1204*R*023");
        assertThat(events("SH-EDI-" + run + "-7")).isEmpty();
        assertThat(deadLetters("edi-test-carrier", "X12/02/ACMF/" + control)).singleElement().satisfies(r -> {
            assertThat(r.headers()).containsEntry("waybill.error.stage", "parse")
                    .containsEntry("waybill.error.source", answer.body().path("rawRef").asText());
            assertThat(r.value()).isEqualTo(truncated);
        });

        String next = "SH-EDI-" + run + "-7N";
        assertThat(push(strict, x12("02", "ACMF", control(), status214("0001", next, "X3")), X12).status()).isEqualTo(200);
        assertThat(events(next)).hasSize(1);
    }

    @Test
    void bad_input_is_answered_clearly_and_dead_lettered_and_the_route_keeps_serving() {
        String noIeaControl = control();
        String noIea = x12("02", "ACMF", noIeaControl, status214("0001", "SH-BAD-" + run, "X3"));
        noIea = noIea.substring(0, noIea.indexOf("IEA*"));
        String wrongIsaLength = x12("02", "ACMF", control(), status214("0001", "SH-BAD-" + run, "X3"))
                .replaceFirst("\\*ACMF {11}\\*", "*ACMF*");
        String badDateControl = control();
        String invalidDate = x12("02", "ACMF", badDateControl, status214("0001", "SH-BAD-" + run, "X3"))
                .replace("*240301*", "*241341*");
        StringBuilder bomb = new StringBuilder("ST*214*0001~B10*P*SH-BOMB*ACMF~LX*1~AT7*X3*NS***20240301*0815~");
        bomb.append("K1*A~".repeat(100_001)).append("SE*100005*0001~");
        String bombControl = control();
        String repetitionBomb = x12("02", "ACMF", bombControl, bomb.toString());
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        noise[0] = (byte) 0x89;

        assertRefused(push(strict, noIea, X12), 422, "IEA is missing");
        assertRefused(push(strict, wrongIsaLength, X12), 400, "106 characters");
        assertRefused(push(strict, invalidDate, X12), 422, "ISA09 '241341' is not a valid date");
        assertRefused(push(strict, repetitionBomb, X12), 422, "more than 100000 segments");
        Answer binary = Partner.send(strict.signed(noise, Instant.now(), X12).build());
        assertRefused(binary, 400, "not a readable X12 interchange");
        byte[] huge = ("ISA" + " ".repeat(5 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        assertThat(Partner.send(strict.signed(huge, Instant.now(), X12).build()).status()).isEqualTo(413);

        assertThat(deadLetters("edi-test-carrier", "X12/02/ACMF/" + noIeaControl + " rejected: IEA is missing")).hasSize(1);
        assertThat(deadLetters("edi-test-carrier", "not a readable X12 interchange")).as("wrong ISA length, binary noise")
                .hasSize(2).allSatisfy(r -> assertThat(r.headers()).containsEntry("waybill.error.stage", "parse"));
        assertThat(deadLetters("edi-test-carrier", "X12/02/ACMF/" + badDateControl + " rejected: element ISA09")).hasSize(1);
        assertThat(deadLetters("edi-test-carrier", "X12/02/ACMF/" + bombControl)).singleElement().satisfies(r -> {
            assertThat(r.headers().get("waybill.error.reason")).contains("more than 100000 segments");
            assertThat(r.value()).isEqualTo(repetitionBomb);
        });
        String next = "SH-EDI-" + run + "-8N";
        assertThat(push(strict, x12("02", "ACMF", control(), status214("0001", next, "X3")), X12).status()).isEqualTo(200);
        assertThat(events(next)).hasSize(1);
    }

    private static void assertRefused(Answer answer, int status, String reason) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().toString()).contains(reason);
        if (status == 422) {
            assertThat(answer.body().path("acknowledgments").path(0).path("status").asText()).isEqualTo("rejected");
        }
    }

    @Test
    void an_accept_header_for_edi_gets_the_acknowledgment_itself() {
        String control = control();
        byte[] body = x12("02", "ACMF", control, status214("0001", "SH-EDI-" + run + "-9", "X3")).getBytes(StandardCharsets.US_ASCII);

        Answer answer = Partner.send(strict.signed(body, Instant.now(), X12).header("Accept", X12).build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(X12));
        assertThat(answer.response().body()).startsWith("ISA*00*").contains("TA1*" + control + "*240301*1204*A*000", "ST*997");
    }

    @Test
    void an_edi_format_the_partner_does_not_declare_is_refused_with_415() {
        Partner jsonOnly = new Partner(hub.httpBaseUrl(), "json-only-carrier", SECRETS.get("WAYBILL_SECRET_JSON_ONLY_CARRIER"));

        Answer answer = push(jsonOnly, x12("02", "ACMF", control(), status214("0001", "SH-415", "X3")), X12);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body().path("reason").asText()).contains("does not declare x12", "application/json");
    }

    @Test
    void metrics_count_interchanges_and_acknowledgments_per_partner() {
        push(strict, x12("02", "ACMF", control(), status214("0001", "SH-EDI-" + run + "-M", "X3")), X12);
        push(strict, x12("ZZ", "IMPOSTOR", control(), status214("0001", "SH-EDI-" + run + "-M", "X3")), X12);

        String metrics = Partner.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/metrics")).build())
                .response().body();
        for (String counter : List.of("waybill_edi_interchanges_received_total", "waybill_edi_interchanges_accepted_total",
                "waybill_edi_interchanges_rejected_total", "waybill_edi_acks_sent_total")) {
            assertThat(metrics).containsPattern(counter + "\\{[^}]*partner=\"edi-test-carrier\"[^}]*\\} [1-9]");
        }
        assertThat(metrics).contains("waybill_edi_interchanges_duplicates_total");
    }

    private static Message ackOnArtemis(String partner, String interchange, boolean duplicate) throws JMSException {
        return EdiAcks.onArtemis(hub.artemisUrl(), partner, interchange, duplicate);
    }
}
