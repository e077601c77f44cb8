package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * Wraps canonical data in the envelope ({@link Envelope}) and reads envelope attributes back. The
 * envelope is derived from the data and its lineage only, so the same input always gives the same
 * event apart from {@code ingesttime} and {@code traceparent}.
 */
public final class CanonicalEvent {

    /** The data field every canonical type carries for the moment of the event; becomes {@code time}. */
    public static final String EVENT_TIME = "eventTime";

    private CanonicalEvent() {
    }

    /**
     * Where an event came from. {@code traceparent} and {@code rawRef} may be null: their
     * attributes are then left out.
     */
    public record Lineage(String partner, String channel, String mappingId, int mappingVersion,
                          Instant ingestTime, String traceparent, String rawRef) {

        public Lineage {
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(mappingId, "mappingId");
            Objects.requireNonNull(ingestTime, "ingestTime");
        }

        /** {@code /waybill/partners/<partner>/<channel>} */
        public String source() {
            return "/waybill/partners/" + partner + "/" + channel;
        }
    }

    /**
     * Builds the envelope around {@code data}, which is attached, not copied. A data object missing
     * its key field or {@code eventTime} still gets an envelope, without {@code subject} or
     * {@code time}, so that validation can say what is wrong instead of this method throwing.
     */
    public static ObjectNode build(SchemaRef ref, String id, JsonNode data, Lineage lineage) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lineage, "lineage");

        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put(Envelope.SPECVERSION, Envelope.SPEC_VERSION_VALUE);
        event.put(Envelope.ID, id);
        event.put(Envelope.SOURCE, lineage.source());
        event.put(Envelope.TYPE, ref.ceType());
        putScalar(event, Envelope.SUBJECT, data.get(ref.type().keyField()));
        putScalar(event, Envelope.TIME, data.get(EVENT_TIME));
        event.put(Envelope.DATACONTENTTYPE, Envelope.DATA_CONTENT_TYPE_VALUE);
        event.put(Envelope.DATASCHEMA, ref.dataSchemaUri());
        event.put(Envelope.PARTNER, lineage.partner());
        event.put(Envelope.MAPPING_ID, lineage.mappingId());
        event.put(Envelope.MAPPING_VERSION, lineage.mappingVersion());
        event.put(Envelope.SCHEMA_VERSION, ref.toString());
        event.put(Envelope.INGEST_TIME, lineage.ingestTime().toString());
        if (lineage.traceparent() != null) {
            event.put(Envelope.TRACEPARENT, lineage.traceparent());
        }
        if (lineage.rawRef() != null) {
            event.put(Envelope.RAW_REF, lineage.rawRef());
        }
        event.set(Envelope.DATA, data);
        return event;
    }

    /** The event's subject, which is also its Kafka key. */
    public static String subject(JsonNode event) {
        return requiredText(event, Envelope.SUBJECT);
    }

    /** The event's data type and major version, from {@code schemaversion}. */
    public static SchemaRef schemaRef(JsonNode event) {
        return SchemaRef.parse(requiredText(event, Envelope.SCHEMA_VERSION));
    }

    private static void putScalar(ObjectNode event, String attribute, JsonNode value) {
        if (value != null && value.isValueNode() && !value.isNull()) {
            event.put(attribute, value.asText());
        }
    }

    private static String requiredText(JsonNode event, String attribute) {
        JsonNode value = event == null ? null : event.get(attribute);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("event has no '" + attribute + "' attribute");
        }
        return value.asText();
    }
}
