package io.waybill.adapter.edi;

import java.util.Objects;

/**
 * One thing found wrong in an interchange, at the level the standards report it, with the code the
 * acknowledgment carries for it.
 *
 * @param level    where it belongs: the interchange (TA1 / UCI), a group (AK9 / UCF), a transaction
 *                 (AK5 or IK5 / UCM), a segment (AK3 or IK3 / UCS) or an element (AK4 or IK4 / UCD)
 * @param code     what it is
 * @param severity whether it rejects its level, is reported as an error, or is only a note
 * @param ackCode  the standard's code for it at that level, or null when the standard has none:
 *                 X12 TA105 note code (I18, e.g. {@code 001}), AK9 (716), AK5/IK5 (718), AK3/IK3 (720)
 *                 or AK4/IK4 (723) code; EDIFACT syntax error code 0085 (e.g. {@code 28})
 * @param message  what a person reads: what is wrong and where
 * @param where    the place in the input
 */
public record EdiFinding(Level level, Code code, Severity severity, String ackCode, String message, Where where) {

    public EdiFinding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(where, "where");
    }

    /** The level a finding is reported at. */
    public enum Level { INTERCHANGE, GROUP, TRANSACTION, SEGMENT, ELEMENT }

    /** What a finding does to the status of its level. */
    public enum Severity {
        /** Its level is rejected. */
        REJECTING,
        /** Its level is accepted with errors. */
        ERROR,
        /** Reported here only; no effect on statuses or acknowledgments. */
        NOTE
    }

    /** What was found. */
    public enum Code {
        /** Trailer control number differs from the header's (IEA02, GE02, SE02, UNZ, UNE, UNT). */
        CONTROL_NUMBER_MISMATCH,
        /** Trailer count differs from what was received (IEA01, GE01, SE01, UNZ, UNE, UNT). */
        COUNT_MISMATCH,
        /** The trailer (IEA, GE, SE, UNZ, UNE, UNT) is missing. */
        TRAILER_MISSING,
        /** Two transactions of one group, or two messages of one interchange, share a control number. */
        DUPLICATE_CONTROL_NUMBER,
        /** An envelope element (ISA, GS, ST, UNB, UNG, UNH and their trailers) is missing or invalid. */
        INVALID_ENVELOPE_VALUE,
        /** The interchange could not be read to its end (truncated, malformed, or a limit was exceeded). */
        UNREADABLE,
        /** A segment that does not belong where it was found. */
        UNEXPECTED_SEGMENT,
        /** A segment unknown to the transaction's schema. */
        SEGMENT_NOT_IN_TRANSACTION_SET,
        /** A known segment out of the order the schema gives. */
        SEGMENT_OUT_OF_SEQUENCE,
        MANDATORY_SEGMENT_MISSING,
        LOOP_OVER_MAXIMUM,
        SEGMENT_OVER_MAXIMUM,
        MANDATORY_ELEMENT_MISSING,
        CONDITIONAL_ELEMENT_MISSING,
        TOO_MANY_ELEMENTS,
        ELEMENT_TOO_SHORT,
        ELEMENT_TOO_LONG,
        INVALID_CHARACTER,
        INVALID_CODE,
        INVALID_DATE,
        INVALID_TIME,
        EXCLUSION_VIOLATED,
        TOO_MANY_REPETITIONS,
        TOO_MANY_COMPONENTS,
        /** X12 856: an HL names a parent HL02 that was not seen; the HL is placed at the top. */
        HIERARCHY_PARENT_NOT_FOUND,
        /** A binary element was skipped. */
        BINARY_ELEMENT_SKIPPED,
        /** More findings than {@link EdiLimits#maxFindingsPerInterchange()}: the rest were counted, not kept. */
        FINDINGS_SUPPRESSED
    }

    /**
     * The place of a finding. Positions are 1-based; -1 when not applicable. Segment positions count
     * from the transaction header (ST/UNH = 1) for transaction, segment and element findings, and from
     * the interchange header (ISA/UNB = 1) for interchange and group findings.
     *
     * @param segmentTag       the segment, e.g. {@code SE}, {@code AT7}
     * @param segmentPosition  see above
     * @param elementPosition  the element in the segment
     * @param componentPosition the component in a composite
     * @param repetition       the occurrence of a repeating element
     * @param loopId           the schema loop the segment was in (X12 loop id such as {@code 0205}), or null
     * @param offset           character offset in the input (the byte offset for ASCII and Latin-1 data)
     * @param data             the offending value as received (truncated to 99 characters), or null
     * @param elementReference the data element reference number (e.g. {@code 373}), or null
     */
    public record Where(String segmentTag, int segmentPosition, int elementPosition, int componentPosition,
                        int repetition, String loopId, long offset, String data, String elementReference) {

        static Where none() {
            return new Where(null, -1, -1, -1, -1, null, -1, null, null);
        }

        static Where segment(String tag, int position, String loopId, long offset) {
            return new Where(tag, position, -1, -1, -1, loopId, offset, null, null);
        }
    }

    /** True when the acknowledgments report it (it has a standard code and is not a note). */
    public boolean acknowledged() {
        return ackCode != null && severity != Severity.NOTE;
    }
}
