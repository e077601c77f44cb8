package io.waybill.adapter.edi;

import java.util.Objects;

/**
 * The identity of an interchange for duplicate detection: a resent interchange carries the same
 * sender and control number. The hub keeps the set of identities it has seen; the adapter only
 * exposes them (and consults {@link EdiContext#duplicateCheck()} when one is given).
 *
 * @param standard        {@code X12} or {@code EDIFACT}
 * @param senderQualifier ISA05 / UNB S002 0007 (may be empty for EDIFACT)
 * @param sender          ISA06 / UNB S002 0004, trimmed
 * @param controlNumber   ISA13 / UNB 0020, as received
 */
public record InterchangeId(String standard, String senderQualifier, String sender, String controlNumber) {

    public InterchangeId {
        Objects.requireNonNull(standard, "standard");
        senderQualifier = senderQualifier == null ? "" : senderQualifier;
        sender = sender == null ? "" : sender;
        controlNumber = controlNumber == null ? "" : controlNumber;
    }

    /** One string for a seen-set or an idempotency key: {@code X12/ZZ/ACMEFRT/000000905}. */
    public String key() {
        return standard + "/" + senderQualifier + "/" + sender + "/" + controlNumber;
    }

    @Override
    public String toString() {
        return key();
    }
}
