package io.waybill.adapter.edi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What was read of one interchange: its envelope, every group and transaction with its status and
 * findings. Everything an acknowledgment needs ({@link Acknowledgments}), and what the hub needs to
 * answer the partner and to recognise a resent interchange ({@link #id()}).
 *
 * @param id                identity for duplicate detection
 * @param receiverQualifier ISA07 / UNB S003 0007
 * @param receiver          ISA08 / UNB S003 0010, trimmed
 * @param version           X12 ISA12 (e.g. {@code 00401}); EDIFACT syntax identifier and version (e.g. {@code UNOC:3})
 * @param date              ISA09 / UNB S004 0017 as received
 * @param time              ISA10 / UNB S004 0019 as received
 * @param test              ISA15 = T / UNB 0035 = 1
 * @param ackRequested      ISA14 = 1 / UNB 0031 = 1
 * @param headerRead        the header segment (ISA / UNB) was read whole: an acknowledgment can be built
 * @param complete          the trailer (IEA / UNZ) was read
 * @param duplicate         {@link EdiContext#duplicateCheck()} said it was seen before: nothing was delivered
 * @param status            the verdict on the interchange envelope (what TA1 / UCI report)
 * @param findings          interchange-level findings
 * @param groups            functional groups (GS / UNG), in order
 * @param transactions      EDIFACT messages outside any group (X12: always empty)
 * @param findingsSuppressed findings counted but not kept past {@link EdiLimits#maxFindingsPerInterchange()}
 */
public record InterchangeSummary(InterchangeId id, String receiverQualifier, String receiver, String version,
                                 String date, String time, boolean test, boolean ackRequested, boolean headerRead,
                                 boolean complete, boolean duplicate, EdiStatus status, List<EdiFinding> findings,
                                 List<Group> groups, List<Transaction> transactions, int findingsSuppressed) {

    public InterchangeSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        groups = List.copyOf(groups);
        transactions = List.copyOf(transactions);
    }

    public String standard() {
        return id.standard();
    }

    /** Every transaction, grouped or not, in order. */
    public List<Transaction> allTransactions() {
        List<Transaction> all = new ArrayList<>(transactions);
        groups.forEach(group -> all.addAll(group.transactions()));
        return all;
    }

    /**
     * Transactions that were delivered before their group's or interchange's trailer showed that the
     * group or interchange must be rejected (policy {@link EnvelopePolicy#REJECT} only): the hub must
     * discard what it did with them.
     */
    public List<Transaction> withdrawn() {
        List<Transaction> withdrawn = new ArrayList<>();
        boolean interchangeRejected = status == EdiStatus.REJECTED;
        for (Transaction transaction : transactions) {
            if (transaction.delivered() && interchangeRejected) {
                withdrawn.add(transaction);
            }
        }
        for (Group group : groups) {
            for (Transaction transaction : group.transactions()) {
                if (transaction.delivered() && (interchangeRejected || group.status() == EdiStatus.REJECTED)) {
                    withdrawn.add(transaction);
                }
            }
        }
        return withdrawn;
    }

    /**
     * A functional group.
     *
     * @param functionalId      GS01 (e.g. {@code QM}) / UNG 0038 (e.g. {@code IFTSTA})
     * @param senderQualifier   EDIFACT UNG S006 0007 (X12: empty)
     * @param sender            GS02 / UNG S006 0040
     * @param receiverQualifier EDIFACT UNG S007 0007 (X12: empty)
     * @param receiver          GS03 / UNG S007 0044
     * @param date              GS04 / UNG S004 0017
     * @param time              GS05 / UNG S004 0019
     * @param controlNumber     GS06 / UNG 0048
     * @param agency            GS07 / UNG 0051
     * @param version           GS08 (e.g. {@code 004010}) / UNG S008 joined (e.g. {@code D:96A})
     * @param declaredCount     GE01 / UNE 0060 as a number, or -1 when missing or not a number
     * @param complete          the trailer (GE / UNE) was read
     * @param status            the verdict on the group (AK9 / UCF)
     * @param findings          group-level findings
     * @param transactions      its transactions, in order
     */
    public record Group(String functionalId, String senderQualifier, String sender, String receiverQualifier,
                        String receiver, String date, String time, String controlNumber, String agency, String version,
                        int declaredCount, boolean complete, EdiStatus status, List<EdiFinding> findings,
                        List<Transaction> transactions) {

        public Group {
            findings = List.copyOf(findings);
            transactions = List.copyOf(transactions);
        }
    }

    /**
     * A transaction (X12 transaction set, EDIFACT message).
     *
     * @param type              ST01 / UNH S009 0065
     * @param controlNumber     ST02 / UNH 0062
     * @param version           X12: ST03 or GS08 (e.g. {@code 004010}); EDIFACT: S009 0052 + 0054 (e.g. {@code D96A})
     * @param messageIdentifier EDIFACT: the components of UNH S009 as received (type, version, release,
     *                          agency[, association code]); X12: empty
     * @param status            its own verdict (AK5 / UCM); see {@link InterchangeSummary#withdrawn()} for
     *                          the effect of a rejected group or interchange
     * @param delivered         handed to the consumer
     * @param segmentCount      segments received, header and trailer included
     * @param findings          transaction, segment and element findings
     */
    public record Transaction(String type, String controlNumber, String version, List<String> messageIdentifier,
                              EdiStatus status, boolean delivered, int segmentCount, List<EdiFinding> findings) {

        public Transaction {
            messageIdentifier = List.copyOf(messageIdentifier);
            findings = List.copyOf(findings);
        }
    }
}
