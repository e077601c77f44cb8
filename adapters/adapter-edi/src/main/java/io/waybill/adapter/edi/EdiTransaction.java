package io.waybill.adapter.edi;

import io.waybill.adapter.support.RawDocument;

import java.util.List;
import java.util.Objects;

/**
 * One transaction (X12 transaction set, EDIFACT message) as delivered to the consumer, as soon as
 * its trailer has been read and checked.
 *
 * @param document      the raw document: body as described in {@code docs/edi-raw-document.md}
 *                      (envelope block with all control numbers + the segments with their loops);
 *                      raw = the transaction's segments, header through trailer, written back with the
 *                      interchange's delimiters; provenance format {@code x12} or {@code edifact} and
 *                      item index = position of the transaction in the read (0-based)
 * @param interchange   the identity of the interchange it came in
 * @param groupControlNumber GS06 / UNG 0048, or null when the message is not in a group
 * @param type          ST01 / UNH S009 0065, e.g. {@code 214}, {@code IFTSTA}
 * @param controlNumber ST02 / UNH 0062
 * @param status        {@link EdiStatus#ACCEPTED} or {@link EdiStatus#ACCEPTED_WITH_ERRORS}
 * @param findings      transaction, segment and element findings for it
 */
public record EdiTransaction(RawDocument document, InterchangeId interchange, String groupControlNumber, String type,
                             String controlNumber, EdiStatus status, List<EdiFinding> findings) {

    public EdiTransaction {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(interchange, "interchange");
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
    }
}
