package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRef SHIPMENT_STATUS_V1 = new SchemaRef(EventType.SHIPMENT_STATUS, 1);
    private static final String ID = EventIds.deterministic("acme-freight", "MSG-000123", 0);
    private static final CanonicalEvent.Lineage LINEAGE = new CanonicalEvent.Lineage("acme-freight", "rest",
            "acme-freight.status", 3, Instant.parse("2026-03-02T13:40:02.118Z"),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "raw.v1/3/118822");

    @Test
    void builds_the_full_envelope_from_data_and_lineage() throws Exception {
        ObjectNode event = CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, pickedUp(), LINEAGE);

        JsonNode expected = JSON.readTree(getClass().getResource("/examples/envelope/valid/shipment-status-full-lineage.json"));
        assertThat(event).isEqualTo(expected);
        assertThat(SchemaValidator.load().validate(event)).isEmpty();
    }

    @Test
    void leaves_out_traceparent_and_rawref_when_unknown() {
        var lineage = new CanonicalEvent.Lineage("acme-freight", "rest", "acme-freight.status", 3,
                Instant.parse("2026-03-02T13:40:02Z"), null, null);

        ObjectNode event = CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, pickedUp(), lineage);

        assertThat(event.has(Envelope.TRACEPARENT)).isFalse();
        assertThat(event.has(Envelope.RAW_REF)).isFalse();
        assertThat(event.get(Envelope.INGEST_TIME).asText()).isEqualTo("2026-03-02T13:40:02Z");
        assertThat(SchemaValidator.load().validate(event)).isEmpty();
    }

    @Test
    void data_without_key_or_event_time_still_gets_an_envelope_that_validation_rejects() {
        ObjectNode data = pickedUp();
        data.remove("shipmentId");
        data.remove(CanonicalEvent.EVENT_TIME);

        ObjectNode event = CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, data, LINEAGE);

        assertThat(event.has(Envelope.SUBJECT)).isFalse();
        assertThat(event.has(Envelope.TIME)).isFalse();
        assertThat(SchemaValidator.load().validate(event)).extracting(SchemaValidator.Violation::path)
                .containsExactlyInAnyOrder("/subject", "/time", "/data/shipmentId", "/data/eventTime");
    }

    @Test
    void envelopes_of_one_message_are_what_build_makes_and_each_its_own() {
        CanonicalEvent.Envelopes envelopes = CanonicalEvent.envelopes(SHIPMENT_STATUS_V1, LINEAGE);
        ObjectNode withoutKey = pickedUp();
        withoutKey.remove("shipmentId");
        String secondId = EventIds.deterministic("acme-freight", "MSG-000123", 1);

        ObjectNode first = envelopes.wrap(ID, pickedUp());
        ObjectNode second = envelopes.wrap(secondId, withoutKey);
        first.put(Envelope.PARTNER, "changed-downstream");

        assertThat(second).isEqualTo(CanonicalEvent.build(SHIPMENT_STATUS_V1, secondId, withoutKey, LINEAGE));
        assertThat(second.has(Envelope.SUBJECT)).isFalse();
        assertThat(envelopes.wrap(ID, pickedUp())).isEqualTo(CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, pickedUp(), LINEAGE));
        assertThat(envelopes.wrap(ID, pickedUp()).fieldNames()).toIterable().containsExactly(
                Envelope.SPECVERSION, Envelope.ID, Envelope.SOURCE, Envelope.TYPE, Envelope.SUBJECT, Envelope.TIME,
                Envelope.DATACONTENTTYPE, Envelope.DATASCHEMA, Envelope.PARTNER, Envelope.MAPPING_ID,
                Envelope.MAPPING_VERSION, Envelope.SCHEMA_VERSION, Envelope.INGEST_TIME, Envelope.TRACEPARENT,
                Envelope.RAW_REF, Envelope.DATA);
    }

    @Test
    void reads_subject_and_schema_ref_back() {
        ObjectNode event = CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, pickedUp(), LINEAGE);

        assertThat(CanonicalEvent.subject(event)).isEqualTo("SHP-2026-000481");
        assertThat(CanonicalEvent.schemaRef(event)).isEqualTo(SHIPMENT_STATUS_V1);
    }

    @Test
    void schema_ref_of_an_event_without_schemaversion_is_refused() {
        ObjectNode event = CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, pickedUp(), LINEAGE);
        event.remove(Envelope.SCHEMA_VERSION);

        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalEvent.schemaRef(event))
                .withMessageContaining(Envelope.SCHEMA_VERSION);
    }

    @Test
    void schema_ref_of_an_unknown_type_is_refused() {
        ObjectNode event = CanonicalEvent.build(SHIPMENT_STATUS_V1, ID, pickedUp(), LINEAGE);
        event.put(Envelope.SCHEMA_VERSION, "invoice/v1");

        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalEvent.schemaRef(event))
                .withMessageContaining("invoice");
    }

    @Test
    void subject_of_an_event_without_one_is_refused() {
        ObjectNode event = JSON.createObjectNode();

        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalEvent.subject(event))
                .withMessageContaining(Envelope.SUBJECT);
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
