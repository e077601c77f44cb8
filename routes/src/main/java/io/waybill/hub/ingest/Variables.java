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
    /**
     * How many items the normalizer took in (metrics). Counted here rather than with {@code ${body.size}}
     * in a route: Camel evaluates that through its bean cache, which hashes and keeps the whole body.
     */
    public static final String RECEIVED_COUNT = "receivedCount";
    /** The push's items that could not be normalized ({@code List<RejectedItem>}), for the DLQ. */
    public static final String REJECTED_ITEMS = "rejectedItems";
    /** The push's answer per item ({@code List<ItemResult>}), complete once the push is published. */
    public static final String RESULTS = "results";
    /** Ids of the events this push publishes, to record in the idempotent repository once published. */
    public static final String NEW_EVENT_IDS = "newEventIds";
    /** The records marking those ids as published, for the idempotent repository's topic. */
    public static final String ID_RECORDS = "idRecords";
    /** How many events this push publishes (metrics). */
    public static final String PUBLISHED_COUNT = "publishedCount";
    /** How many new reads this push holds for smoothing across batches (metrics). */
    public static final String HELD_COUNT = "heldCount";
    /** Set on an exchange whose events are smoothed observations whose windows closed: published as they are. */
    public static final String SMOOTHED_WINDOWS = "smoothedWindows";
    /** How many of this push's events were duplicates (metrics). */
    public static final String DUPLICATE_COUNT = "duplicateCount";
    /** The channel a pushed request came by: {@code rest} (when unset) or {@code webhook}. */
    public static final String CHANNEL = "channel";
    /** The push's wire format: {@code json}, {@code x12} or {@code edifact} (from its Content-Type). */
    public static final String FORMAT = "format";
    /** The request's Accept header, or null: an EDI media type asks for the acknowledgments as the answer. */
    public static final String ACCEPT = "accept";
    /** EDI push: the {@code io.waybill.hub.edi.EdiReceipt}, a verdict per interchange and the transactions to map. */
    public static final String EDI_RECEIPT = "ediReceipt";
    /** EDI push: the receipt's {@code io.waybill.hub.edi.EdiReceipt.Counts}, what the routes read of it. */
    public static final String EDI_COUNTS = "ediCounts";
    /** EDI push: the partner's {@code edi} declaration as it was when the push was read. */
    public static final String EDI_DECLARATION = "ediDeclaration";
    /** EDI push: the acknowledgments sent ({@code List<Acknowledgment>}), one per readable interchange. */
    public static final String EDI_ACKS = "ediAcks";
    /** EDI push: keys of the interchanges accepted whole, to record as seen once the acknowledgments are sent. */
    public static final String EDI_SEEN_KEYS = "ediSeenKeys";
    /** EDI push: how many interchanges are recorded as seen ({@link #EDI_SEEN_KEYS}' size). */
    public static final String EDI_SEEN_COUNT = "ediSeenCount";

    /** The channel of the request being handled: {@link #CHANNEL}, {@code rest} when unset. */
    public static String channel(org.apache.camel.Exchange exchange) {
        String channel = exchange.getVariable(CHANNEL, String.class);
        return channel == null ? RawArchive.CHANNEL_REST : channel;
    }

    private Variables() {
    }
}
