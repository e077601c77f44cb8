package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.schema.SchemaValidator.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator VALIDATOR = SchemaValidator.load();
    private static final SchemaRef SHIPMENT_STATUS_V1 = new SchemaRef(EventType.SHIPMENT_STATUS, 1);

    @Test
    void knows_v1_of_every_type() {
        assertThat(VALIDATOR.knownRefs()).containsExactlyInAnyOrderElementsOf(
                Stream.of(EventType.values()).map(type -> new SchemaRef(type, 1)).toList());
    }

    @Test
    void load_returns_one_shared_instance() {
        assertThat(SchemaValidator.load()).isSameAs(VALIDATOR);
    }

    @Test
    void event_without_id_is_reported_at_id() {
        ObjectNode event = validEvent();
        event.remove(Envelope.ID);

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).containsExactly("/id");
    }

    @Test
    void event_with_foreign_type_is_reported_at_type() {
        ObjectNode event = validEvent();
        event.put(Envelope.TYPE, "com.acme.status");

        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).containsOnly("/type");
    }

    @Test
    void unknown_extension_attribute_is_reported_by_name() {
        ObjectNode event = validEvent();
        event.put("tenant", "eu-1");

        List<Violation> violations = VALIDATOR.validate(event);

        assertThat(violations).extracting(Violation::path).containsExactly("/tenant");
        assertThat(violations.get(0).message()).contains("tenant");
    }

    @Test
    void data_violations_are_reported_under_data_with_a_readable_message() {
        ObjectNode event = validEvent();
        ((ObjectNode) event.get(Envelope.DATA)).put("status", "PICKEDUP");

        List<Violation> violations = VALIDATOR.validate(event);

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).path()).isEqualTo("/data/status");
        assertThat(violations.get(0).toString()).startsWith("/data/status: ").contains("BOOKED", "DELIVERED");
    }

    @Test
    void impossible_date_is_rejected_although_format_is_only_an_annotation_in_2020_12() {
        ObjectNode data = pickedUp();
        data.put("eventTime", "2026-13-45T10:00:00Z");

        assertThat(VALIDATOR.validateData(SHIPMENT_STATUS_V1, data)).extracting(Violation::path)
                .containsExactly("/eventTime");
    }

    @Test
    void unknown_schemaversion_is_a_violation_not_an_exception() {
        ObjectNode event = validEvent();
        event.put(Envelope.SCHEMA_VERSION, "shipment-status/v7");

        List<Violation> violations = VALIDATOR.validate(event);

        assertThat(violations).extracting(Violation::path).containsExactly("/schemaversion");
        assertThat(violations.get(0).message()).contains("shipment-status/v7", "shipment-status/v1");
    }

    @Test
    void a_document_that_is_not_an_object_is_one_violation_at_the_root() {
        List<Violation> violations = VALIDATOR.validate(JSON.createArrayNode());

        assertThat(violations).extracting(Violation::path).containsExactly("");
    }

    @Test
    void validate_data_reports_paths_relative_to_the_data() {
        ObjectNode data = pickedUp();
        data.putObject("location").putObject("geo").put("lat", 91).put("lon", 4.05);

        assertThat(VALIDATOR.validateData(SHIPMENT_STATUS_V1, data)).extracting(Violation::path)
                .containsExactly("/location/geo/lat");
    }

    @Test
    void validate_data_refuses_a_type_version_without_schema() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> VALIDATOR.validateData(new SchemaRef(EventType.ETA, 2), pickedUp()))
                .withMessageContaining("eta/v2");
    }

    @Test
    void property_names_with_pointer_characters_are_escaped() {
        ObjectNode data = pickedUp();
        data.put("a/b~c", 1);

        assertThat(VALIDATOR.validateData(SHIPMENT_STATUS_V1, data)).extracting(Violation::path)
                .containsExactly("/a~1b~0c");
    }

    @Test
    void gives_the_same_answers_from_many_threads() {
        ObjectNode bad = validEvent();
        ((ObjectNode) bad.get(Envelope.DATA)).put("status", "PICKEDUP");
        JsonNode good = validEvent();

        List<Integer> counts = IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> VALIDATOR.validate(i % 2 == 0 ? good : bad).size())
                .toList();

        assertThat(counts).containsOnly(0, 1);
        assertThat(counts.stream().filter(count -> count == 1)).hasSize(1_000);
    }

    private static ObjectNode validEvent() {
        var lineage = new CanonicalEvent.Lineage("acme-freight", "rest", "acme-freight.status", 3,
                Instant.parse("2026-03-02T13:40:02Z"), null, null);
        return CanonicalEvent.build(SHIPMENT_STATUS_V1, EventIds.deterministic("acme-freight", "MSG-1", 0),
                pickedUp(), lineage);
    }

    private static ObjectNode pickedUp() {
        ObjectNode data = JSON.createObjectNode();
        data.put("shipmentId", "SHP-2026-000481");
        data.put("status", "PICKED_UP");
        data.put("eventTime", "2026-03-02T13:40:00Z");
        data.put("eventTimeOffset", "-05:00");
        return data;
    }
}
