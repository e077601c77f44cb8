package io.waybill.adapter.edi;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link EdiReader#read read}: a summary per interchange (also for an interchange
 * cut short by a failure, when its header was read), the failure that stopped the read if any, and
 * how many transactions were delivered.
 *
 * @param interchanges          every interchange met, in order
 * @param failure               why the read stopped before the end of the input, or null
 * @param transactionsDelivered transactions handed to the consumer
 */
public record EdiReadResult(List<InterchangeSummary> interchanges, Failure failure, int transactionsDelivered) {

    public EdiReadResult {
        interchanges = List.copyOf(interchanges);
    }

    /** True when the input was read to its end (findings may still have been reported). */
    public boolean readToEnd() {
        return failure == null;
    }

    /**
     * Why the input could not be read on. The message names what and where, for the partner's engineer.
     *
     * @param kind            what kind of problem
     * @param message         what and where, e.g. "the input ends inside interchange 000000905 ..."
     * @param offset          character offset in the input where it was noticed, or -1
     * @param segmentTag      the segment being read, or null
     * @param segmentPosition position of that segment in its interchange (ISA/UNB = 1), or -1
     * @param interchange     the interchange being read, or null before any header was read
     */
    public record Failure(Kind kind, String message, long offset, String segmentTag, int segmentPosition,
                          InterchangeId interchange) {

        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        /** What kind of problem stopped the read. */
        public enum Kind {
            /** Neither an X12 (ISA) nor an EDIFACT (UNA/UNB) interchange: empty, text, binary noise. */
            NOT_EDI,
            /** The input ends inside an interchange. */
            TRUNCATED,
            /** The input breaks the syntax: wrong ISA length, bad characters, a header inside an interchange. */
            MALFORMED,
            /** One of the {@link EdiLimits} was exceeded. */
            LIMIT_EXCEEDED,
            /** The input stream failed. */
            IO_ERROR,
            /** The adapter failed on this input: a bug to report, with the message. */
            INTERNAL_ERROR
        }
    }
}
