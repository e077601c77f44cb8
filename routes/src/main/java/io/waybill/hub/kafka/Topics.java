package io.waybill.hub.kafka;

import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;

import java.util.ArrayList;
import java.util.List;

/** The topics the hub writes, named once. Canonical topics derive from {@link SchemaRef#topic()}. */
public final class Topics {

    /** Every received message, bytes as received, keyed by partner: the provenance log replay starts from. */
    public static final String RAW = "raw.v1";
    /** What could not be processed: raw bytes plus {@code waybill.error.*} headers, keyed by partner. */
    public static final String DLQ = "dlq.v1";
    /** Compacted topic behind the shared idempotent repository, keyed by event id. */
    public static final String IDEMPOTENCY = "waybill.idempotency";
    /**
     * Internal: new reads of mappings that declare smoothing, aggregated per batch and keyed by the id
     * of their window, waiting for the window to close ({@code ObservationSmoother}).
     */
    public static final String SMOOTHING = "waybill.smoothing";
    /** Compacted topic of polled carriers' cursors, keyed by partner: where each carrier's next poll starts. */
    public static final String POLL_CURSORS = "waybill.poll.cursors";

    private Topics() {
    }

    /** The canonical topics of every type at major version 1. */
    public static List<String> canonicalV1() {
        List<String> topics = new ArrayList<>();
        for (EventType type : EventType.values()) {
            topics.add(new SchemaRef(type, 1).topic());
        }
        return topics;
    }
}
