package io.waybill.contract;

import io.waybill.contract.Partner.Answer;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second hub for the file channel tests, on the shared test brokers, with its own throw-away
 * mappings, golden cases, inbox and data folders under one root. Its partners send status messages
 * in the test format {@link PipeStatusReader#FORMAT}.
 */
final class FileHub implements AutoCloseable {

    /** Files are read once unchanged this long: short, so the tests are quick. */
    static final int QUIET_MS = 500;
    /** Largest file the test hub reads. */
    static final long MAX_BYTES = 2L * 1024 * 1024;

    final Path root;
    final Path inbox;
    final WaybillHub hub;

    private FileHub(Path root, WaybillHub hub) {
        this.root = root;
        this.inbox = root.resolve("inbox");
        this.hub = hub;
    }

    /** A fresh root for {@link #start}; declare partners in it first with {@link #declare}. */
    static Path newRoot() throws IOException {
        Path root = Files.createTempDirectory("waybill-files");
        Files.createDirectories(root.resolve("inbox"));
        return root;
    }

    static FileHub start(Path root, Map<String, String> environment) {
        return start(root, environment, Map.of());
    }

    /** With {@code settings} (name to value) on top of the test hub's. */
    static FileHub start(Path root, Map<String, String> environment, Map<String, String> settings) {
        WaybillHub shared = SharedHub.hub();
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), root.resolve("data").toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), root.resolve("mappings").toString());
        properties.setProperty(HubSettings.MAPPINGS_QUIET_MS.name(), "200");
        properties.setProperty(HubSettings.INBOX_DIR.name(), root.resolve("inbox").toString());
        properties.setProperty(HubSettings.FILES_QUIET_MS.name(), Integer.toString(QUIET_MS));
        properties.setProperty(HubSettings.FILES_MAX_BYTES.name(), Long.toString(MAX_BYTES));
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_BOOTSTRAP.name(), shared.bootstrapServers());
        properties.setProperty(HubSettings.ARTEMIS_URL.name(), shared.artemisUrl());
        properties.setProperty(HubSettings.KAFKA_PARTITIONS.name(), "1");
        properties.putAll(settings);
        return new FileHub(root, WaybillHub.start(HubSettings.resolve(Map.of(), properties), environment));
    }

    /**
     * Declares a partner with the given {@code channels:} block (YAML, indented by two), its status
     * mapping for {@code pipes} files, and the golden case a reload needs.
     */
    static void declare(Path root, String partner, String channels) throws IOException {
        Path folder = Files.createDirectories(root.resolve("mappings").resolve(partner));
        Files.writeString(folder.resolve("codes.csv"), "code,value\nPU,PICKED_UP\nDL,DELIVERED\n");
        Files.writeString(folder.resolve("status.jslt"), """
                {"shipmentId": .shipment, "status": code-lookup("codes", .code), "eventTime": utc-instant(.time),
                 "eventTimeOffset": utc-offset(.time), "partnerStatus": {"code": .code}, "remarks": .note}
                """);
        Files.writeString(folder.resolve("status.mapping.yaml"), """
                id: %s.status
                version: 1
                accepts: {format: pipes}
                produces: shipment-status/v1
                identity: .msg_id
                transform: status.jslt
                tables:
                  codes: codes.csv
                """.formatted(partner));
        Path goldenCase = Files.createDirectories(root.resolve("contract-tests/partners").resolve(partner).resolve("unknown-code"));
        Files.writeString(goldenCase.resolve("input.pipes"), "M-1|S-1|XX|2026-11-27T10:00:00Z\n");
        Files.writeString(goldenCase.resolve("expected-error.json"), """
                {"stage": "map", "field": "/data/status", "contains": "'XX' is not in table"}
                """);
        // Written last: a running hub reloads the partner once its declaration is there.
        Files.writeString(folder.resolve("partner.yaml"), """
                id: %s
                name: %s (test partner)
                owner: ops@%s.example
                channels:
                %s""".formatted(partner, partner, partner, channels.indent(2)));
    }

    /**
     * Declares a partner sending X12 214s from {@code sender} ({@code QUALIFIER:ID}) on the given
     * {@code channels:} block, with a mapping that makes one event per status (LX loop).
     */
    static void declareX12(Path root, String partner, String channels, String sender) throws IOException {
        Path folder = Files.createDirectories(root.resolve("mappings").resolve(partner));
        Files.writeString(folder.resolve("codes.csv"), "code,value\nX3,PICKED_UP\nX6,IN_TRANSIT\nD1,DELIVERED\n");
        Files.writeString(folder.resolve("status.jslt"), """
                let shipment = (.B10[0].B1002)
                [for (.LX) {
                  "shipmentId": $shipment,
                  "status": code-lookup("codes", .AT7[0].AT701),
                  "eventTime": utc-instant(.AT7[0].AT705 + .AT7[0].AT706, "yyyyMMddHHmm", "UTC"),
                  "eventTimeOffset": utc-offset(.AT7[0].AT705 + .AT7[0].AT706, "yyyyMMddHHmm", "UTC"),
                  "partnerStatus": {"code": .AT7[0].AT701}
                }]
                """);
        Files.writeString(folder.resolve("status.mapping.yaml"), """
                id: %s.status
                version: 1
                accepts: {format: x12, when: '.envelope.type == "214"'}
                produces: shipment-status/v1
                identity: .envelope.interchange.sender + "/" + .envelope.interchange.controlNumber + "/" + .envelope.controlNumber
                transform: status.jslt
                tables:
                  codes: codes.csv
                """.formatted(partner));
        Files.writeString(folder.resolve("partner.yaml"), """
                id: %s
                name: %s (test partner)
                owner: ops@%s.example
                channels:
                %s
                edi:
                  senders: ["%s"]
                """.formatted(partner, partner, partner, channels.indent(2).stripTrailing(), sender));
    }

    /** One line of the test format. */
    static String line(String msgId, String shipment, String code) {
        return msgId + "|" + shipment + "|" + code + "|2026-11-27T10:00:00-05:00\n";
    }

    String bootstrap() {
        return hub.bootstrapServers();
    }

    String metrics() {
        return Partner.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/metrics")).build()).response().body();
    }

    Answer get(String path) {
        Answer answer = Partner.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + path)).build());
        assertThat(answer.status()).as(path).isLessThan(500);
        return answer;
    }

    @Override
    public void close() throws IOException {
        hub.close();
        SharedHub.deleteTree(root);
    }
}
