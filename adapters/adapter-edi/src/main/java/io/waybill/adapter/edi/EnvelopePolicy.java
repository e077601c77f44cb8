package io.waybill.adapter.edi;

/**
 * What an envelope finding does to the interchange, group or transaction it belongs to. Envelope
 * findings are wrong or missing control numbers and counts (ISA13/IEA02, GS06/GE02, ST02/SE02,
 * UNB/UNZ, UNG/UNE, UNH/UNT and the counts in IEA01, GE01, SE01, UNZ, UNE, UNT), a missing
 * trailer, invalid values in envelope segments, and an interchange that cannot be read to its end.
 * Findings inside a transaction (an unexpected segment, a bad element) never reject: they are
 * reported as "accepted with errors" whatever the policy.
 */
public enum EnvelopePolicy {

    /** An envelope finding rejects its level: its transactions are not delivered (or are withdrawn). */
    REJECT,

    /** An envelope finding is reported (accepted with errors) and the transactions are still delivered. */
    ACCEPT_AND_REPORT
}
