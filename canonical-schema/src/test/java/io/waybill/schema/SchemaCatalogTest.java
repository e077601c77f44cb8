package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema files are the contract downstream teams read: they must be complete and consistent. */
class SchemaCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_type_has_a_v1_schema_whose_id_is_its_dataschema_uri(EventType type) {
        SchemaRef ref = new SchemaRef(type, 1);

        JsonNode schema = read(ref.schemaResource());

        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(ref.dataSchemaUri());
        assertThat(SchemaValidator.load().knownRefs()).contains(ref);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void every_data_schema_requires_its_key_and_the_event_time_with_its_offset(EventType type) {
        JsonNode schema = read(new SchemaRef(type, 1).schemaResource());

        assertThat(schema.path("required")).extracting(JsonNode::asText)
                .contains(type.keyField(), CanonicalEvent.EVENT_TIME, "eventTimeOffset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"envelope", "common", "shipment-status", "eta", "telemetry", "observation", "shipment-notice"})
    void every_property_is_described(String name) {
        List<String> undescribed = new ArrayList<>();
        walk(read(resource(name)), "", (pointer, node) -> node.path("properties").properties().forEach(p -> {
            if (!p.getValue().hasNonNull("description")) {
                undescribed.add(pointer + "/properties/" + p.getKey());
            }
        }));
        assertThat(undescribed).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"envelope", "common", "shipment-status", "eta", "telemetry", "observation", "shipment-notice"})
    void every_object_is_closed(String name) {
        List<String> open = new ArrayList<>();
        walk(read(resource(name)), "", (pointer, node) -> {
            JsonNode additional = node.path("additionalProperties");
            if (node.has("properties") && !(additional.isBoolean() && !additional.booleanValue())) {
                open.add(pointer);
            }
        });
        assertThat(open).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"common", "shipment-status", "eta", "telemetry", "observation", "shipment-notice"})
    void every_enum_value_is_described_and_every_description_is_a_value(String name) {
        List<String> mismatched = new ArrayList<>();
        walk(read(resource(name)), "", (pointer, node) -> {
            if (node.has("enum")) {
                Set<String> values = new HashSet<>();
                node.get("enum").forEach(value -> values.add(value.asText()));
                Set<String> described = new HashSet<>();
                node.path(SchemaValidator.ENUM_DESCRIPTIONS_KEYWORD).fieldNames().forEachRemaining(described::add);
                if (!values.equals(described)) {
                    mismatched.add(pointer + ": enum " + values + " vs described " + described);
                }
            }
        });
        assertThat(mismatched).isEmpty();
    }

    @Test
    void status_vocabulary_is_the_documented_one() {
        JsonNode status = read(resource("shipment-status")).at("/properties/status/enum");

        assertThat(status).extracting(JsonNode::asText).containsExactly(
                "BOOKED", "PICKUP_SCHEDULED", "PICKED_UP", "DEPARTED", "IN_TRANSIT", "ARRIVED", "GATE_IN", "GATE_OUT",
                "LOADED", "DISCHARGED", "TRANSSHIPPED", "CUSTOMS_HOLD", "CUSTOMS_RELEASED", "OUT_FOR_DELIVERY",
                "DELIVERY_ATTEMPTED", "DELIVERED", "DELAYED", "EXCEPTION", "RETURNED", "CANCELLED");
    }

    @Test
    void envelope_schema_lists_exactly_the_envelope_attributes() {
        JsonNode envelope = read(resource("envelope"));
        Set<String> declared = new HashSet<>();
        envelope.path("properties").fieldNames().forEachRemaining(declared::add);

        assertThat(envelope.path("$id").asText()).isEqualTo(SchemaValidator.ENVELOPE_SCHEMA_URI);
        assertThat(declared).containsExactlyInAnyOrder(
                Envelope.SPECVERSION, Envelope.ID, Envelope.SOURCE, Envelope.TYPE, Envelope.SUBJECT, Envelope.TIME,
                Envelope.DATACONTENTTYPE, Envelope.DATASCHEMA, Envelope.DATA, Envelope.PARTNER, Envelope.MAPPING_ID,
                Envelope.MAPPING_VERSION, Envelope.SCHEMA_VERSION, Envelope.INGEST_TIME, Envelope.TRACEPARENT,
                Envelope.RAW_REF);
    }

    private interface Visitor {
        void visit(String pointer, JsonNode schema);
    }

    /** Visits every object in the schema document, subschemas included. */
    private static void walk(JsonNode node, String pointer, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(pointer, node);
            node.properties().forEach(field -> walk(field.getValue(), pointer + "/" + field.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }

    private static String resource(String name) {
        return "schemas/" + name + "/v1.schema.json";
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SchemaCatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s", resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
