package io.waybill.hub.ingest;

/**
 * Exchange variables the ingest routes share. Internal state lives here rather than in headers,
 * so nothing internal leaks onto Kafka records or HTTP answers.
 */
public final class Variables {

    /** The {@link PushRequest} being handled. */
    public static final String PUSH = "push";
    /** The declared partner id, once the URL's partner is found declared (metrics tag on it). */
    public static final String PARTNER = "partner";
    /** {@link #PARTNER} of a push whose URL names no declared partner: keeps metric series bounded. */
    public static final String UNKNOWN_PARTNER = "unknown";
    /** The partner-qualified signature, forgotten again if the hub fails the push. */
    public static final String SIGNATURE_KEY = "signatureKey";
    /** Where the raw message was archived, {@code raw.v1/<partition>/<offset>}. */
    public static final String RAW_REF = "rawRef";
    /** The {@link io.waybill.adapter.support.RawDocument} an item sub-route works on. */
    public static final String DOCUMENT = "document";
    /** The mapping chosen for the document ({@code id vN}). */
    public static final String MAPPING = "mapping";
    /** The id of the canonical event being published. */
    public static final String EVENT_ID = "eventId";
    /** The CloudEvents type of the canonical event being published. */
    public static final String EVENT_TYPE = "eventType";

    private Variables() {
    }
}
