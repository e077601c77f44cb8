package io.waybill.adapter.edi;

/** The verdict on an interchange, group or transaction, as the acknowledgments report it. */
public enum EdiStatus {

    /** No finding (X12 A; EDIFACT action 7 without error). */
    ACCEPTED,

    /** Accepted, with findings reported (X12 E; EDIFACT action 7 with an error code). */
    ACCEPTED_WITH_ERRORS,

    /** Groups only: some of its transactions were rejected, others accepted (X12 AK9 P). */
    PARTIALLY_ACCEPTED,

    /** Rejected (X12 R; EDIFACT action 4). */
    REJECTED
}
