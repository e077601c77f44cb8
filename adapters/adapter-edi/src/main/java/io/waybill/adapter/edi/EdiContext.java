package io.waybill.adapter.edi;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the reader needs to know about one received file or body besides its bytes.
 *
 * @param partner        the partner id, as declared in {@code mappings/<partner>/partner.yaml}
 * @param channel        how it arrived: {@code rest}, {@code file}, {@code sftp}
 * @param receivedAt     when the hub received it
 * @param rawRef         where the bytes are archived ({@code raw.v1/<partition>/<offset>}), or null
 * @param traceparent    W3C trace context of the ingest, or null
 * @param policy         what envelope findings do (the partner's setting)
 * @param duplicateCheck tells whether an interchange was seen before; a seen interchange is read and
 *                       summarized (so a duplicate acknowledgment can be built) but none of its
 *                       transactions is delivered. The hub keeps the set; {@code id -> false} by default.
 */
public record EdiContext(String partner, String channel, Instant receivedAt, String rawRef, String traceparent,
                         EnvelopePolicy policy, Predicate<InterchangeId> duplicateCheck) {

    public EdiContext {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(duplicateCheck, "duplicateCheck");
    }

    /** A context with policy {@link EnvelopePolicy#REJECT} and no duplicate check. */
    public static EdiContext of(String partner, String channel, Instant receivedAt) {
        return new EdiContext(partner, channel, receivedAt, null, null, EnvelopePolicy.REJECT, id -> false);
    }

    public EdiContext withPolicy(EnvelopePolicy value) {
        return new EdiContext(partner, channel, receivedAt, rawRef, traceparent, value, duplicateCheck);
    }

    public EdiContext withDuplicateCheck(Predicate<InterchangeId> value) {
        return new EdiContext(partner, channel, receivedAt, rawRef, traceparent, policy, value);
    }

    public EdiContext withRawRef(String value) {
        return new EdiContext(partner, channel, receivedAt, value, traceparent, policy, duplicateCheck);
    }

    public EdiContext withTraceparent(String value) {
        return new EdiContext(partner, channel, receivedAt, rawRef, value, policy, duplicateCheck);
    }
}
