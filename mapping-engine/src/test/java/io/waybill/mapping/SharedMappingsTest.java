package io.waybill.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One document, events of several types: mappings that declare {@code accepts.shared: true} all
 * take a document they accept (an EPCIS document gives observations and telemetry), while the
 * one-mapping rule still holds for every other mapping.
 */
class SharedMappingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path mappings;

    private PartnerFolder epcis;

    @BeforeEach
    void anEpcisPartnerWithAnObservationAndATelemetryMapping() {
        epcis = PartnerFolder.in(mappings, "cold-chain");
        epcis.write("observations.mapping.yaml", """
                id: cold-chain.observations
                version: 1
                accepts: {when: '.type == "EPCISDocument"', shared: true}
                produces: observation/v1
                identity: .id
                transform: observations.jslt
                """);
        epcis.write("observations.jslt", """
                [for (.events) {"locationId": .where, "epcList": [.epc], "action": "OBSERVE",
                  "eventTime": .time, "eventTimeOffset": "+00:00"}]
                """);
        epcis.write("sensors.mapping.yaml", """
                id: cold-chain.sensors
                version: 1
                accepts: {when: '.type == "EPCISDocument"', shared: true}
                produces: telemetry/v1
                identity: '.id + "/telemetry"'
                transform: sensors.jslt
                """);
        epcis.write("sensors.jslt", """
                [for (.events) if (.temp) {"assetId": .epc, "eventTime": .time, "eventTimeOffset": "+00:00",
                  "readings": {"temperatureC": .temp}}]
                """);
    }

    @Test
    void every_shared_mapping_that_accepts_a_document_maps_it_in_catalog_order() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        RawDocument document = document("""
                {"type": "EPCISDocument", "id": "doc-1", "events": [
                  {"where": "DC-1", "epc": "urn:epc:id:sscc:0614141.1234567890", "time": "2026-11-27T09:00:00Z", "temp": 4.5}]}""");

        List<Mapping> selected = catalog.selectAll(document);
        List<ObjectNode> events = MappingEngine.applyAll(selected, document, NOW);

        assertThat(selected).extracting(Mapping::id).containsExactly("cold-chain.observations", "cold-chain.sensors");
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("io.waybill.observation.v1", "io.waybill.telemetry.v1");
        assertThat(events.get(0).get("id")).isNotEqualTo(events.get(1).get("id"));
    }

    @Test
    void shared_mappings_with_one_identity_are_refused_as_their_ids_would_clash() {
        epcis.write("sensors.mapping.yaml", """
                id: cold-chain.sensors
                version: 1
                accepts: {when: '.type == "EPCISDocument"', shared: true}
                produces: telemetry/v1
                identity: .id
                transform: sensors.jslt
                """);
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        RawDocument document = document("{\"type\": \"EPCISDocument\", \"id\": \"doc-1\", \"events\": []}");

        assertThatThrownBy(() -> MappingEngine.applyAll(catalog.selectAll(document), document, NOW))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("shared mappings cold-chain.observations and cold-chain.sensors give this document"
                        + " the same identity 'doc-1'");
    }

    @Test
    void a_shared_mapping_next_to_an_unshared_one_is_still_an_ambiguity() {
        epcis.write("sensors.mapping.yaml", """
                id: cold-chain.sensors
                version: 1
                accepts: {when: '.type == "EPCISDocument"'}
                produces: telemetry/v1
                identity: '.id + "/telemetry"'
                transform: sensors.jslt
                """);
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        assertThatThrownBy(() -> catalog.selectAll(document("{\"type\": \"EPCISDocument\", \"id\": \"doc-1\"}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("more than one mapping of partner cold-chain accepts this document")
                .hasMessageContaining("declare 'accepts.shared: true' on cold-chain.sensors too");
    }

    @Test
    void select_keeps_the_one_mapping_rule_for_callers_that_map_with_one_mapping() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        assertThatThrownBy(() -> catalog.select(document("{\"type\": \"EPCISDocument\", \"id\": \"d\"}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("shared mappings cold-chain.observations, cold-chain.sensors of partner cold-chain all accept");
        assertThatThrownBy(() -> catalog.selectAll(document("{\"type\": \"EPCISQueryDocument\", \"id\": \"q\"}")))
                .hasMessageContaining("no mapping of partner cold-chain accepts");
    }

    private static RawDocument document(String json) {
        try {
            byte[] raw = json.getBytes(StandardCharsets.UTF_8);
            return new RawDocument(JSON.readTree(raw), raw, new Provenance("cold-chain", "rest", "json", NOW, null, 0, null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
