package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path mappings;

    private PartnerFolder acme;

    @BeforeEach
    void acmeHasAStatusAndAnEtaMapping() {
        acme = PartnerFolder.acmeStatus(mappings);
        acme.write("eta.mapping.yaml", """
                id: acme-freight.eta
                version: 1
                accepts:
                  channel: rest
                  format: json
                  when: '.type == "eta"'
                produces: eta/v1
                identity: .msg_id
                transform: eta.jslt
                """);
        acme.write("eta.jslt", "{\"shipmentId\": .shipment_ref}");
    }

    @Test
    void chooses_the_one_mapping_that_accepts_the_document() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        assertThat(catalog.select(document("{\"type\": \"status\", \"msg_id\": \"M-1\"}")).id()).isEqualTo("acme-freight.status");
        assertThat(catalog.select(document("{\"type\": \"eta\", \"msg_id\": \"M-2\"}")).id()).isEqualTo("acme-freight.eta");
    }

    @Test
    void a_document_no_mapping_accepts_is_refused_listing_every_candidate_and_why() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        MappingException error = selectFails(catalog, document("{\"type\": \"invoice\"}"));

        assertThat(error.field()).isEqualTo("accepts");
        assertThat(error.getMessage())
                .contains("no mapping of partner acme-freight accepts this document")
                .contains("acme-freight.eta ('when: .type == \"eta\"' is false)")
                .contains("acme-freight.status ('when: .type == \"status\"' is false)");
    }

    @Test
    void a_document_two_mappings_accept_is_refused_naming_both() {
        acme.write("eta.mapping.yaml", """
                id: acme-freight.eta
                version: 1
                accepts: {channel: rest}
                produces: eta/v1
                identity: .msg_id
                transform: eta.jslt
                """);
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        MappingException error = selectFails(catalog, document("{\"type\": \"status\"}"));

        assertThat(error.getMessage())
                .contains("more than one mapping of partner acme-freight accepts this document")
                .contains("acme-freight.eta").contains("acme-freight.status")
                .contains("make their 'accepts.when' exclusive");
    }

    @Test
    void a_document_that_is_not_an_object_is_refused_saying_so() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        MappingException error = selectFails(catalog, document("[1, 2]"));

        assertThat(error.getMessage()).contains("the document is a JSON array, not an object");
        assertThat(selectFails(catalog, document("42")).getMessage()).contains("JSON number, not an object");
    }

    @Test
    void a_document_on_another_channel_is_refused_naming_the_channels() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        RawDocument overMqtt = document("{\"type\": \"status\"}", "mqtt", "json");

        MappingException error = selectFails(catalog, overMqtt);

        assertThat(error.getMessage()).contains("acme-freight.status (channel is mqtt, mapping accepts rest)");
    }

    @Test
    void a_document_in_another_format_is_refused_naming_the_formats() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        RawDocument edi = document("{\"type\": \"status\"}", "rest", "x12");

        MappingException error = selectFails(catalog, edi);

        assertThat(error.getMessage()).contains("acme-freight.status (format is x12, mapping accepts json)");
    }

    @Test
    void a_when_predicate_that_fails_is_a_reason_not_a_crash() {
        acme.write("eta.mapping.yaml", """
                id: acme-freight.eta
                version: 1
                accepts:
                  when: 'utc-instant(.ts) != null'
                produces: eta/v1
                identity: .msg_id
                transform: eta.jslt
                """);
        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        MappingException error = selectFails(catalog, document("{\"type\": \"invoice\", \"ts\": \"yesterday\"}"));

        assertThat(error.getMessage()).contains("acme-freight.eta ('when' failed: ").contains("yesterday");
    }

    @Test
    void a_partner_without_mappings_is_refused_naming_the_partner() {
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        RawDocument fromGlobex = new RawDocument(body("{}"), new byte[0],
                new Provenance("globex", "rest", "json", Instant.EPOCH, null, 0, null));

        assertThat(selectFails(catalog, fromGlobex).getMessage()).contains("partner globex has no mappings");
    }

    private static MappingException selectFails(MappingCatalog catalog, RawDocument document) {
        MappingException error = catchThrowableOfType(MappingException.class, () -> catalog.select(document));
        assertThat(error).as("selecting a mapping for %s should fail", document.body()).isNotNull();
        return error;
    }

    private static RawDocument document(String json) {
        return document(json, "rest", "json");
    }

    private static RawDocument document(String json, String channel, String format) {
        return new RawDocument(body(json), json.getBytes(StandardCharsets.UTF_8),
                new Provenance("acme-freight", channel, format, Instant.parse("2026-01-01T00:00:00Z"), null, 0, null));
    }

    private static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
