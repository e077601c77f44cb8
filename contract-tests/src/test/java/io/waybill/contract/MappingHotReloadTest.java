package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.Partner.Answer;
import io.waybill.contract.TopicReader.Record;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hot reload, gated by golden cases, on a running hub: a second hub (Camel only, on the shared
 * test brokers) serves a copy of the ACME Freight folder, which the test edits as an integration
 * engineer would. The steps build on each other, so they run in order.
 */
@ExtendWith(SharedHub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MappingHotReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME_SECRET = "reload-secret-acme";
    private static final String NEW_SECRET = "reload-secret-cold-chain";

    private static Path root;
    private static Path acmeFolder;
    private static WaybillHub hub;
    private static Partner acme;
    private static String run;

    @BeforeAll
    static void startHubOnACopyOfTheMappings() throws IOException {
        root = Files.createTempDirectory("waybill-reload");
        acmeFolder = root.resolve("mappings/acme-freight");
        copyTree(SharedHub.repoRoot().resolve("mappings/acme-freight"), acmeFolder);
        copyTree(SharedHub.repoRoot().resolve("contract-tests/partners/acme-freight"),
                root.resolve("contract-tests/partners/acme-freight"));
        Files.createDirectories(root.resolve("secrets"));

        WaybillHub shared = SharedHub.hub();
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), root.resolve("data").toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), root.resolve("mappings").toString());
        properties.setProperty(HubSettings.SECRETS_DIR.name(), root.resolve("secrets").toString());
        properties.setProperty(HubSettings.MAPPINGS_QUIET_MS.name(), "200");
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_BOOTSTRAP.name(), shared.bootstrapServers());
        properties.setProperty(HubSettings.ARTEMIS_URL.name(), shared.artemisUrl());
        properties.setProperty(HubSettings.KAFKA_PARTITIONS.name(), "1");
        hub = WaybillHub.start(HubSettings.resolve(Map.of(), properties), Map.of("WAYBILL_SECRET_ACME_FREIGHT", ACME_SECRET));
        acme = new Partner(hub.httpBaseUrl(), "acme-freight", ACME_SECRET);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
        SharedHub.deleteTree(root);
    }

    @Test
    @Order(1)
    void the_report_lists_every_mapping_with_its_active_version() {
        JsonNode status = statusMapping(report());
        assertThat(status.path("activeVersion").asInt()).isEqualTo(1);
        assertThat(status.path("file").asText()).isEqualTo("mappings/acme-freight/status.mapping.yaml");
        assertThat(status.path("produces").asText()).isEqualTo("shipment-status/v1");
        assertThat(status.path("lastLoad").path("result").asText()).isEqualTo("loaded");
        assertThat(lineageOfPushedStatus("v1").path("mappingversion").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void a_new_version_that_passes_the_golden_cases_goes_live_and_its_events_carry_it() throws IOException {
        edit("status.mapping.yaml", "version: 1", "version: 2");
        edit("status.jslt", "// ACME status message -> shipment-status data.", "// ACME status message -> shipment-status data (v2).");

        awaitActiveVersion(2, "activated");
        assertThat(lineageOfPushedStatus("v2").path("mappingversion").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void a_version_that_does_not_compile_is_refused_and_the_previous_one_keeps_serving() throws IOException {
        edit("status.mapping.yaml", "version: 2", "version: 3");
        edit("status.jslt", "\"status\": code-lookup(\"status\", .code),", "\"status\": code-lookup(\"status\", .code,");

        JsonNode status = awaitLastLoad("refused");
        assertThat(status.path("activeVersion").asInt()).isEqualTo(2);
        assertThat(status.path("lastLoad").path("reason").asText()).contains("status.jslt");
        assertThat(lineageOfPushedStatus("v3-broken").path("mappingversion").asInt()).isEqualTo(2);
        assertThat(metrics()).containsPattern(
                "waybill_mappings_reloads_total\\{[^}]*partner=\"acme-freight\"[^}]*result=\"refused\"[^}]*\\} [1-9]");
    }

    @Test
    @Order(4)
    void a_version_that_breaks_a_golden_case_is_refused_naming_the_case_and_field() throws IOException {
        edit("status.jslt", "\"status\": code-lookup(\"status\", .code,", "\"status\": code-lookup(\"status\", .code),");
        edit("status.jslt", "\"shipmentId\": .shipment_ref,", "\"shipmentId\": .pro,");
        edit("status.mapping.yaml", "version: 3", "version: 4");

        JsonNode status = awaitLastLoad("refused", "golden cases failed");
        assertThat(status.path("activeVersion").asInt()).isEqualTo(2);
        assertThat(status.path("triedVersion").asInt()).isEqualTo(4);
        assertThat(status.path("lastLoad").path("reason").asText())
                .contains("acme-freight/status-picked-up").contains("/data/shipmentId");
        assertThat(lineageOfPushedStatus("v4-wrong").path("mappingversion").asInt()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void changed_content_under_the_active_version_number_is_refused() throws IOException {
        edit("status.jslt", "\"shipmentId\": .pro,", "\"shipmentId\": .shipment_ref,");
        edit("status.jslt", "shipment-status data (v2).", "shipment-status data (v5).");
        edit("status.mapping.yaml", "version: 4", "version: 2");

        JsonNode status = awaitLastLoad("refused", "raise 'version'");
        assertThat(status.path("activeVersion").asInt()).isEqualTo(2);

        edit("status.mapping.yaml", "version: 2", "version: 5");
        awaitActiveVersion(5, "activated");
        assertThat(lineageOfPushedStatus("v5").path("mappingversion").asInt()).isEqualTo(5);
    }

    @Test
    @Order(6)
    void a_new_partner_is_onboarded_with_files_alone() throws IOException {
        Path folder = root.resolve("mappings/cold-chain-co");
        Path cases = root.resolve("contract-tests/partners/cold-chain-co/unknown-state");
        Files.createDirectories(cases);
        Files.writeString(root.resolve("secrets/WAYBILL_SECRET_COLD_CHAIN_CO"), NEW_SECRET);
        Files.writeString(cases.resolve("expected-error.json"), """
                {"stage": "map", "field": "/data/status", "contains": "'SOLD' is not in table"}
                """);
        Files.writeString(cases.resolve("input.json"), """
                {"id": "CC-1", "ref": "CC-SHIP-1", "state": "SOLD", "at": "2026-11-27T10:00:00Z"}
                """);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("codes.csv"), "code,value\nDEPARTED,DEPARTED\n");
        Files.writeString(folder.resolve("status.jslt"), """
                {"shipmentId": .ref, "status": code-lookup("codes", .state), "eventTime": utc-instant(.at),
                 "eventTimeOffset": utc-offset(.at), "partnerStatus": {"code": .state}}
                """);
        Files.writeString(folder.resolve("status.mapping.yaml"), """
                id: cold-chain-co.status
                version: 1
                accepts: {channel: rest, format: json}
                produces: shipment-status/v1
                identity: .id
                transform: status.jslt
                tables:
                  codes: codes.csv
                """);
        Files.writeString(folder.resolve("partner.yaml"), """
                id: cold-chain-co
                name: Cold Chain Co (test partner)
                owner: ops@cold-chain.example
                channels:
                  rest:
                    formats: [json]
                """);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(report().path("partners").path("cold-chain-co").path("result").asText()).isEqualTo("activated"));
        Partner coldChain = new Partner(hub.httpBaseUrl(), "cold-chain-co", NEW_SECRET);
        String shipment = "CC-" + run;
        Answer answer = coldChain.push("""
                {"id": "CC-%s", "ref": "%s", "state": "DEPARTED", "at": "2026-11-27T10:00:00-05:00"}
                """.formatted(run, shipment));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode event = JSON.readTree(TopicReader.readAll(hub.bootstrapServers(), "canonical.shipment-status.v1",
                r -> shipment.equals(r.key())).get(0).value());
        assertThat(event.path("mappingid").asText()).isEqualTo("cold-chain-co.status");
        assertThat(event.path("data").path("eventTime").asText()).isEqualTo("2026-11-27T15:00:00Z");
    }

    private static JsonNode lineageOfPushedStatus(String step) {
        String shipment = "SH-RELOAD-" + step + "-" + run;
        Answer answer = acme.push("""
                {"type":"status","msg_id":"AF-RELOAD-%s-%s","shipment_ref":"%s","scac":"ACMF","code":"PU",
                 "ts":"2026-11-27T08:15:00-05:00","city":"Chicago","country":"US","unlocode":"USCHI"}
                """.formatted(step, run, shipment));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<Record> events = TopicReader.readAll(hub.bootstrapServers(), "canonical.shipment-status.v1",
                r -> shipment.equals(r.key()));
        assertThat(events).hasSize(1);
        try {
            return JSON.readTree(events.get(0).value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitActiveVersion(int version, String result) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = statusMapping(report());
            assertThat(status.path("lastLoad").path("result").asText()).as(status.toString()).isEqualTo(result);
            assertThat(status.path("activeVersion").asInt()).isEqualTo(version);
        });
    }

    private static JsonNode awaitLastLoad(String result, String... reasonParts) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            seen[0] = statusMapping(report());
            JsonNode lastLoad = seen[0].path("lastLoad");
            assertThat(lastLoad.path("result").asText()).as(seen[0].toString()).isEqualTo(result);
            for (String part : reasonParts) {
                assertThat(lastLoad.path("reason").asText()).contains(part);
            }
        });
        return seen[0];
    }

    private static JsonNode statusMapping(JsonNode report) {
        for (JsonNode mapping : report.path("mappings")) {
            if (mapping.path("id").asText().equals("acme-freight.status")) {
                return mapping;
            }
        }
        throw new AssertionError("acme-freight.status is not in " + report);
    }

    private static JsonNode report() {
        Answer answer = Partner.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/api/v1/mappings")).build());
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static String metrics() {
        return Partner.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/metrics")).build())
                .response().body();
    }

    /** Replaces text in a file of the ACME folder, failing if the text is not there (the test would prove nothing). */
    private static void edit(String file, String from, String to) throws IOException {
        Path path = acmeFolder.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as(file).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
