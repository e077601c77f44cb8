package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.schema.EventIds;
import io.waybill.schema.SchemaValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-11-27T15:16:00Z");
    private static final Instant INGESTED = Instant.parse("2026-11-27T15:16:01Z");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static final String STATUS_MESSAGE = """
            {"type": "status", "msg_id": "M-000123", "shipment_ref": "SH-1001", "code": "DL",
             "ts": "2026-11-27T10:15:00-05:00"}
            """;

    @TempDir
    Path mappings;

    @Test
    void wraps_the_transform_output_in_a_complete_cloudevent_envelope() throws Exception {
        Mapping mapping = MappingLoader.load(PartnerFolder.acmeStatus(mappings).resolve("status.mapping.yaml"));

        List<ObjectNode> events = MappingEngine.apply(mapping, document(STATUS_MESSAGE), INGESTED);

        assertThat(events).singleElement().isEqualTo(JSON.readTree("""
                {
                  "specversion": "1.0",
                  "id": "%s",
                  "source": "/waybill/partners/acme-freight/rest",
                  "type": "io.waybill.shipment-status.v1",
                  "subject": "SH-1001",
                  "time": "2026-11-27T15:15:00Z",
                  "datacontenttype": "application/json",
                  "dataschema": "https://schemas.waybill.io/shipment-status/v1.schema.json",
                  "partner": "acme-freight",
                  "mappingid": "acme-freight.status",
                  "mappingversion": 3,
                  "schemaversion": "shipment-status/v1",
                  "ingesttime": "2026-11-27T15:16:01Z",
                  "traceparent": "%s",
                  "rawref": "raw.v1/2/4711",
                  "data": {
                    "shipmentId": "SH-1001",
                    "status": "DELIVERED",
                    "eventTime": "2026-11-27T15:15:00Z",
                    "eventTimeOffset": "-05:00"
                  }
                }
                """.formatted(EventIds.deterministic("acme-freight", "M-000123", 0), TRACEPARENT)));
    }

    @Test
    void the_shipped_acme_status_mapping_produces_a_valid_canonical_event() {
        Mapping mapping = MappingLoader.load(Path.of("..", "mappings", "acme-freight", "status.mapping.yaml"));
        RawDocument message = document("""
                {"type": "status", "msg_id": "M-000124", "shipment_ref": "SH-1002", "code": "PU",
                 "ts": "2026-11-27T08:00:00-06:00", "unlocode": "USCHI", "city": "Chicago", "state": "IL",
                 "country": "US", "scac": "ACMF", "pro": "PRO-1"}
                """);

        List<ObjectNode> events = MappingEngine.apply(mapping, message, INGESTED);

        assertThat(events).hasSize(1);
        assertThat(SchemaValidator.load().validate(events.get(0))).isEmpty();
        assertThat(events.get(0).get("data").get("status").asText()).isEqualTo("PICKED_UP");
    }

    @Test
    void an_array_output_gives_one_event_per_element_with_distinct_ids_by_position() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", """
                [for (.stops) {"shipmentId": .ref, "status": code-lookup("status", .code), "eventTime": utc-instant(.ts)}]
                """);
        Mapping mapping = MappingLoader.load(acme.resolve("status.mapping.yaml"));
        RawDocument manifest = document("""
                {"msg_id": "M-7", "stops": [
                  {"ref": "SH-1", "code": "PU", "ts": "2026-11-27T10:00:00Z"},
                  {"ref": "SH-2", "code": "PU", "ts": "2026-11-27T10:05:00Z"},
                  {"ref": "SH-3", "code": "DL", "ts": "2026-11-27T10:10:00Z"}]}
                """);

        List<ObjectNode> events = MappingEngine.apply(mapping, manifest, INGESTED);

        assertThat(events).extracting(e -> e.get("subject").asText()).containsExactly("SH-1", "SH-2", "SH-3");
        assertThat(events).extracting(e -> e.get("id").asText()).containsExactly(
                EventIds.deterministic("acme-freight", "M-7", 0),
                EventIds.deterministic("acme-freight", "M-7", 1),
                EventIds.deterministic("acme-freight", "M-7", 2));
        assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void a_null_output_gives_no_events() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", "if (.code == \"HB\") null else {\"shipmentId\": .shipment_ref}");
        Mapping mapping = MappingLoader.load(acme.resolve("status.mapping.yaml"));

        List<ObjectNode> events = MappingEngine.apply(mapping, document("{\"msg_id\": \"M-8\", \"code\": \"HB\"}"), INGESTED);

        assertThat(events).isEmpty();
    }

    @Test
    void a_message_without_its_identity_is_refused_naming_the_identity() {
        Mapping mapping = MappingLoader.load(PartnerFolder.acmeStatus(mappings).resolve("status.mapping.yaml"));
        RawDocument anonymous = document(STATUS_MESSAGE.replace("\"msg_id\": \"M-000123\",", ""));

        MappingException error = catchThrowableOfType(MappingException.class,
                () -> MappingEngine.apply(mapping, anonymous, INGESTED));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("identity");
        assertThat(error.mappingId()).isEqualTo("acme-freight.status");
        assertThat(error.getMessage()).contains("'.msg_id' gave nothing");
    }

    @Test
    void a_blank_or_structured_identity_is_refused() {
        Mapping mapping = MappingLoader.load(PartnerFolder.acmeStatus(mappings).resolve("status.mapping.yaml"));

        for (String identity : List.of("\"  \"", "{\"id\": 1}", "[\"M-1\"]")) {
            RawDocument message = document(STATUS_MESSAGE.replace("\"M-000123\"", identity));
            MappingException error = catchThrowableOfType(MappingException.class,
                    () -> MappingEngine.apply(mapping, message, INGESTED));
            assertThat(error).as("identity %s", identity).isNotNull();
            assertThat(error.field()).isEqualTo("identity");
        }
    }

    @Test
    void an_output_element_that_is_not_an_object_is_refused_naming_its_position() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", "[{\"shipmentId\": .shipment_ref}, .code]");
        Mapping mapping = MappingLoader.load(acme.resolve("status.mapping.yaml"));

        MappingException error = catchThrowableOfType(MappingException.class,
                () -> MappingEngine.apply(mapping, document(STATUS_MESSAGE), INGESTED));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains("output [1] must be a JSON object").contains("was string");
    }

    @Test
    void a_scalar_output_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", ".code");
        Mapping mapping = MappingLoader.load(acme.resolve("status.mapping.yaml"));

        MappingException error = catchThrowableOfType(MappingException.class,
                () -> MappingEngine.apply(mapping, document(STATUS_MESSAGE), INGESTED));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("output must be a JSON object").contains("was string");
    }

    @Test
    void a_failing_function_is_reported_with_the_field_the_transform_line_and_the_input_path() {
        Mapping mapping = MappingLoader.load(PartnerFolder.acmeStatus(mappings).resolve("status.mapping.yaml"));
        RawDocument unknownCode = document(STATUS_MESSAGE.replace("\"DL\"", "\"ZZ\""));

        MappingException error = catchThrowableOfType(MappingException.class,
                () -> MappingEngine.apply(mapping, unknownCode, INGESTED));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("/data/status");
        assertThat(error.getMessage()).startsWith("mapping acme-freight.status: /data/status: status.jslt:")
                .contains(", input /code: code-lookup: code 'ZZ' is not in table 'status'");
    }

    @Test
    void the_same_message_mapped_twice_gives_the_same_ids() {
        Mapping mapping = MappingLoader.load(PartnerFolder.acmeStatus(mappings).resolve("status.mapping.yaml"));

        List<ObjectNode> first = MappingEngine.apply(mapping, document(STATUS_MESSAGE), INGESTED);
        List<ObjectNode> replayed = MappingEngine.apply(mapping, document(STATUS_MESSAGE), INGESTED.plusSeconds(86_400));

        assertThat(replayed).extracting(e -> e.get("id")).isEqualTo(first.stream().map(e -> e.get("id")).toList());
        assertThat(withoutIngestTime(replayed.get(0))).isEqualTo(withoutIngestTime(first.get(0)));
    }

    @Test
    void transforms_can_read_the_partner_channel_and_receipt_time() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", "{\"shipmentId\": .shipment_ref, \"seen\": $partner + \"/\" + $channel + \"@\" + $received_at}");
        Mapping mapping = MappingLoader.load(acme.resolve("status.mapping.yaml"));

        List<ObjectNode> events = MappingEngine.apply(mapping, document(STATUS_MESSAGE), INGESTED);

        assertThat(events.get(0).get("data").get("seen").asText()).isEqualTo("acme-freight/rest@2026-11-27T15:16:00Z");
    }

    private static JsonNode withoutIngestTime(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove("ingesttime");
        return copy;
    }

    private static RawDocument document(String json) {
        try {
            JsonNode body = JSON.readTree(json);
            Provenance provenance = new Provenance("acme-freight", "rest", "json", RECEIVED, null, 0, TRACEPARENT)
                    .archivedAt("raw.v1/2/4711");
            return new RawDocument(body, json.getBytes(StandardCharsets.UTF_8), provenance);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
