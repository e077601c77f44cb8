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
        return envelopes(ref, lineage).wrap(id, data);
    }

    /** Builds the envelopes of several events of one type and lineage, as {@link #build} does. */
    public static Envelopes envelopes(SchemaRef ref, Lineage lineage) {
        return new Envelopes(ref, lineage);
    }

    /**
     * Envelopes for the events of one message: the attributes they share (source, type, dataschema,
     * lineage) are written once, {@code ingesttime} formatted once, and copied into each event.
     */
    public static final class Envelopes {

        private final SchemaRef ref;
        private final ObjectNode shared;

        private Envelopes(SchemaRef ref, Lineage lineage) {
            this.ref = Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(lineage, "lineage");
            shared = JsonNodeFactory.instance.objectNode();
            shared.put(Envelope.SPECVERSION, Envelope.SPEC_VERSION_VALUE);
            // Nulls hold the place of each event's own attributes, so that every event lists them in this order.
            shared.putNull(Envelope.ID);
            shared.put(Envelope.SOURCE, lineage.source());
            shared.put(Envelope.TYPE, ref.ceType());
            shared.putNull(Envelope.SUBJECT);
            shared.putNull(Envelope.TIME);
            shared.put(Envelope.DATACONTENTTYPE, Envelope.DATA_CONTENT_TYPE_VALUE);
            shared.put(Envelope.DATASCHEMA, ref.dataSchemaUri());
            shared.put(Envelope.PARTNER, lineage.partner());
            shared.put(Envelope.MAPPING_ID, lineage.mappingId());
            shared.put(Envelope.MAPPING_VERSION, lineage.mappingVersion());
            shared.put(Envelope.SCHEMA_VERSION, ref.toString());
            shared.put(Envelope.INGEST_TIME, lineage.ingestTime().toString());
            if (lineage.traceparent() != null) {
                shared.put(Envelope.TRACEPARENT, lineage.traceparent());
            }
            if (lineage.rawRef() != null) {
                shared.put(Envelope.RAW_REF, lineage.rawRef());
            }
        }

        /** The envelope around {@code data}, as {@link CanonicalEvent#build} describes it. */
        public ObjectNode wrap(String id, JsonNode data) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(data, "data");
            ObjectNode event = shared.deepCopy(); // the values are immutable text and numbers
            event.put(Envelope.ID, id);
            putScalarOrRemove(event, Envelope.SUBJECT, data.get(ref.type().keyField()));
            putScalarOrRemove(event, Envelope.TIME, data.get(EVENT_TIME));
            event.set(Envelope.DATA, data);
            return event;
        }
    }

    /** The event's subject, which is also its Kafka key. */
    public static String subject(JsonNode event) {
        return requiredText(event, Envelope.SUBJECT);
    }

    /** The event's data type and major version, from {@code schemaversion}. */
    public static SchemaRef schemaRef(JsonNode event) {
        return SchemaRef.parse(requiredText(event, Envelope.SCHEMA_VERSION));
    }

    private static void putScalarOrRemove(ObjectNode event, String attribute, JsonNode value) {
        if (value != null && value.isValueNode() && !value.isNull()) {
            event.put(attribute, value.asText());
        } else {
            event.remove(attribute);
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
