package io.waybill.hub.edi;

import io.waybill.adapter.edi.InterchangeSummary;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One interchange of a received EDI body, as the hub judges it: the adapter's summary (for a
 * spoofed sender, the summary rejected by the hub, so that the acknowledgment rejects it) and the
 * hub's verdict.
 *
 * @param summary     what the acknowledgment is built from
 * @param verdict     what happened to the interchange
 * @param reason      for {@link Verdict#REJECTED}, {@link Verdict#PARTIALLY_ACCEPTED} and {@link Verdict#DUPLICATE}:
 *                    one sentence for the partner and the DLQ; otherwise null
 * @param findings    what the acknowledgment reports, one line each (the hub's refusal first), at most
 *                    {@link #MAX_FINDINGS}
 * @param itemIndexes the positions (raw document item indexes) of its transactions that were handed to mapping
 */
public record ReceivedInterchange(InterchangeSummary summary, Verdict verdict, String reason, List<String> findings,
                                  List<Integer> itemIndexes) {

    /** Findings listed per interchange in answers and reports; the acknowledgment has them all. */
    public static final int MAX_FINDINGS = 20;

    public ReceivedInterchange {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        itemIndexes = List.copyOf(itemIndexes);
    }

    /** {@code X12/ZZ/ACMF/000000905}: the interchange as partners, the DLQ and the seen set name it. */
    public String key() {
        return summary.id().key();
    }

    /** The header was read: there is someone to acknowledge. */
    public boolean answerable() {
        return summary.headerRead();
    }

    /** Some of it was refused by the envelope checks or the hub: it goes to the DLQ. */
    public boolean refused() {
        return verdict == Verdict.REJECTED || verdict == Verdict.PARTIALLY_ACCEPTED;
    }

    /** The hub's verdict on an interchange. */
    public enum Verdict {
        /** Every group and transaction passed the envelope checks. */
        ACCEPTED,
        /** Accepted, with findings the acknowledgment reports (or envelope errors tolerated by the partner's policy). */
        ACCEPTED_WITH_ERRORS,
        /** Some groups or transactions were rejected by the envelope checks; the others were delivered. */
        PARTIALLY_ACCEPTED,
        /**
         * Nothing of it was delivered: envelope errors (of the interchange, or of every group), unreadable, or a
         * sender the partner does not declare.
         */
        REJECTED,
        /** Received and accepted before (same sender and control number): acknowledged as a duplicate, nothing delivered. */
        DUPLICATE;

        /** As answers, metrics and headers spell it: {@code accepted_with_errors}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
