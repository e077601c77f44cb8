package io.waybill.hub.edi;

import io.waybill.adapter.edi.EdiReadResult;
import io.waybill.adapter.support.RawDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hub made of one EDI body: a verdict per interchange, the read failure if the body could
 * not be read to its end, and the transactions to map.
 *
 * @param interchanges every interchange met, in order
 * @param failure      why the read stopped early, or null
 * @param documents    the transactions to map: delivered by the reader, not withdrawn by a later trailer
 *                     (policy reject), not from a refused sender; in order
 */
public record EdiReceipt(List<ReceivedInterchange> interchanges, EdiReadResult.Failure failure, List<RawDocument> documents) {

    public EdiReceipt {
        interchanges = List.copyOf(interchanges);
        documents = List.copyOf(documents);
    }

    /**
     * The read failure when no interchange's verdict accounts for it: anything but an input that
     * simply ends inside an interchange (that interchange's acknowledgment reports what was read).
     * Something was left unread: it counts as refused.
     */
    public EdiReadResult.Failure uncoveredFailure() {
        if (failure == null) {
            return null;
        }
        boolean covered = failure.kind() == EdiReadResult.Failure.Kind.TRUNCATED && failure.interchange() != null
                && interchanges.stream().anyMatch(i -> i.summary().id().equals(failure.interchange()));
        return covered ? null : failure;
    }

    /** Something was refused (an interchange or part of one, or input left unread): it goes to the DLQ. */
    public boolean anyRefused() {
        return uncoveredFailure() != null || interchanges.stream().anyMatch(ReceivedInterchange::refused);
    }

    /** Nothing of the body could be read as an interchange: there is nothing to acknowledge. */
    public boolean unreadable() {
        return interchanges.isEmpty();
    }

    public int interchangeCount() {
        return interchanges.size();
    }

    /** Interchanges accepted in whole or in part. */
    public long acceptedCount() {
        return interchanges.stream().filter(i -> i.verdict() == ReceivedInterchange.Verdict.ACCEPTED
                || i.verdict() == ReceivedInterchange.Verdict.ACCEPTED_WITH_ERRORS
                || i.verdict() == ReceivedInterchange.Verdict.PARTIALLY_ACCEPTED).count();
    }

    public long rejectedCount() {
        return interchanges.stream().filter(i -> i.verdict() == ReceivedInterchange.Verdict.REJECTED).count();
    }

    public long duplicateCount() {
        return interchanges.stream().filter(i -> i.verdict() == ReceivedInterchange.Verdict.DUPLICATE).count();
    }

    /** What the routes count and decide on, apart from the receipt: see {@link Counts}. */
    public Counts counts() {
        return new Counts(interchangeCount(), answerable().size(), anyRefused(), acceptedCount(), rejectedCount(), duplicateCount());
    }

    /**
     * The receipt's numbers, for the routes' filters and counters. A route reads them from this small
     * value rather than from the receipt: Camel's OGNL ({@code ${variable.x.y}}) hashes the object it
     * calls and keeps it in its bean cache (up to 1,000 of them), and a receipt holds every document
     * of the push.
     *
     * @param interchanges every interchange met
     * @param answerable   the interchanges that get an acknowledgment
     * @param anyRefused   whether something goes to the DLQ
     * @param accepted     interchanges accepted in whole or in part
     * @param rejected     interchanges rejected
     * @param duplicates   interchanges accepted before
     */
    public record Counts(int interchanges, int answerable, boolean anyRefused, long accepted, long rejected, long duplicates) {
    }

    /** The interchanges that can be acknowledged (their header was read), in order. */
    public List<ReceivedInterchange> answerable() {
        return interchanges.stream().filter(ReceivedInterchange::answerable).toList();
    }

    /**
     * Why what was refused was refused, one line each: {@code interchange X12/ZZ/ACMF/000000905: ...}
     * and {@code the read stopped: ...}.
     */
    public List<String> refusals() {
        List<String> lines = new ArrayList<>();
        for (ReceivedInterchange interchange : interchanges) {
            if (interchange.refused()) {
                lines.add("interchange " + interchange.key() + " " + interchange.verdict().wireName() + ": " + interchange.reason());
            }
        }
        EdiReadResult.Failure unread = uncoveredFailure();
        if (unread != null) {
            lines.add("the read stopped (" + unread.kind().name().toLowerCase(java.util.Locale.ROOT) + "): " + unread.message());
        }
        return lines;
    }

    /** The input itself could not be read through (as opposed to interchanges refused for their envelope or sender). */
    public boolean anyUnreadable() {
        return uncoveredFailure() != null || failure != null && interchanges.stream()
                .anyMatch(i -> i.verdict() == ReceivedInterchange.Verdict.REJECTED && !i.summary().complete());
    }
}
