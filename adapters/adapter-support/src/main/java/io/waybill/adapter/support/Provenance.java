package io.waybill.adapter.support;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a raw document came from. Travels with the document through mapping so that every
 * canonical event, and every DLQ record, can be traced back to the bytes the partner sent.
 *
 * @param partner     the partner id, as declared in {@code mappings/<partner>/partner.yaml}
 * @param channel     how it arrived: {@code rest}, {@code mqtt}, {@code file}, {@code sftp}, {@code poll}
 * @param format      the wire format: {@code json}, {@code x12}, {@code edifact}, {@code csv}
 * @param receivedAt  when the hub received the message
 * @param rawRef      where the bytes are archived ({@code raw.v1/<partition>/<offset>}), or null before archiving
 * @param itemIndex   position of this document in its message (0 for a single document)
 * @param traceparent W3C trace context of the ingest, or null
 */
public record Provenance(String partner, String channel, String format, Instant receivedAt, String rawRef,
                         int itemIndex, String traceparent) {

    public Provenance {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The same provenance for the document at {@code index} of a batch. */
    public Provenance item(int index) {
        return new Provenance(partner, channel, format, receivedAt, rawRef, index, traceparent);
    }

    /** The same provenance once the raw bytes are archived at {@code ref}. */
    public Provenance archivedAt(String ref) {
        return new Provenance(partner, channel, format, receivedAt, ref, itemIndex, traceparent);
    }
}
