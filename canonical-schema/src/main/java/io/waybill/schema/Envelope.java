package io.waybill.schema;

/**
 * The canonical envelope: CloudEvents 1.0, structured JSON mode, with Waybill's extension
 * attributes. These names are the contract with downstream teams; the envelope schema
 * ({@code schemas/envelope/v1.schema.json}) is their formal definition.
 */
public final class Envelope {

    /** Always {@value}. */
    public static final String SPEC_VERSION_VALUE = "1.0";
    /** Always {@value}: {@link #DATA} is JSON. */
    public static final String DATA_CONTENT_TYPE_VALUE = "application/json";
    /** Media type of a structured-mode CloudEvent, used as the Kafka record's content-type header. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    // CloudEvents 1.0 context attributes.
    /** {@value}: always "1.0". */
    public static final String SPECVERSION = "specversion";
    /** {@value}: deterministic UUID (name-based, SHA-1) of partner + partner message identity + position. */
    public static final String ID = "id";
    /** {@value}: {@code /waybill/partners/<partner>/<channel>}. */
    public static final String SOURCE = "source";
    /** {@value}: {@code io.waybill.<type>.v<major>}. */
    public static final String TYPE = "type";
    /** {@value}: the entity the event is about (shipment, asset or location id); also the Kafka key. */
    public static final String SUBJECT = "subject";
    /** {@value}: when the event happened (UTC, RFC 3339). */
    public static final String TIME = "time";
    /** {@value}: always application/json. */
    public static final String DATACONTENTTYPE = "datacontenttype";
    /** {@value}: URI of the data's JSON Schema. */
    public static final String DATASCHEMA = "dataschema";
    /** {@value}: the canonical payload. */
    public static final String DATA = "data";

    // Waybill extension attributes (CloudEvents: lower-case letters and digits only).
    /** {@value}: the partner id the message came from. */
    public static final String PARTNER = "partner";
    /** {@value}: id of the mapping that produced the event. */
    public static final String MAPPING_ID = "mappingid";
    /** {@value}: version of that mapping. */
    public static final String MAPPING_VERSION = "mappingversion";
    /** {@value}: the data schema reference, {@code shipment-status/v1}. */
    public static final String SCHEMA_VERSION = "schemaversion";
    /** {@value}: when Waybill received the raw message (UTC, RFC 3339). */
    public static final String INGEST_TIME = "ingesttime";
    /** {@value}: W3C trace context of the ingest, CloudEvents distributed-tracing extension. */
    public static final String TRACEPARENT = "traceparent";
    /** {@value}: where the raw message is archived, {@code raw.v1/<partition>/<offset>}; absent when not archived. */
    public static final String RAW_REF = "rawref";

    private Envelope() {
    }
}
