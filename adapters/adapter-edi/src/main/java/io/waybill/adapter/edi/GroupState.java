package io.waybill.adapter.edi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One functional group (GS / UNG) being read: its header values, transactions and findings. */
final class GroupState extends FindingHolder {
    final List<InterchangeSummary.Transaction> transactions = new ArrayList<>();
    final Set<String> controlNumbers = new HashSet<>();
    boolean trailerSeen;
    int declaredCount = -1;
    String functionalId = "";
    String senderQualifier = "";
    String sender = "";
    String receiverQualifier = "";
    String receiver = "";
    String date = "";
    String time = "";
    /** {@link #date} and {@link #time} as ISO date-time, read once for every transaction's envelope block; null when invalid. */
    String dateTime;
    String controlNumber = "";
    String agency = "";
    String version = "";

    void readHeader(SegmentBuilder header, String standard) {
        if (StandardCodes.X12.equals(standard)) {
            functionalId = header.text(1);
            sender = header.text(2).trim();
            receiver = header.text(3).trim();
            date = header.text(4);
            time = header.text(5);
            controlNumber = header.text(6);
            agency = header.text(7);
            version = header.text(8);
        } else {
            functionalId = header.text(1);
            sender = header.component(2, 1).trim();
            senderQualifier = header.component(2, 2).trim();
            receiver = header.component(3, 1).trim();
            receiverQualifier = header.component(3, 2).trim();
            date = header.component(4, 1);
            time = header.component(4, 2);
            controlNumber = header.text(5);
            agency = header.text(6);
            version = String.join(":", header.components(7));
        }
        dateTime = EnvelopeBlock.isoDateTime(date, time);
    }

    InterchangeSummary.Group summary() {
        int rejected = 0;
        boolean transactionErrors = false;
        for (InterchangeSummary.Transaction transaction : transactions) {
            if (transaction.status() == EdiStatus.REJECTED) {
                rejected++;
            } else if (transaction.status() == EdiStatus.ACCEPTED_WITH_ERRORS) {
                transactionErrors = true;
            }
        }
        EdiStatus status;
        if (rejecting || (!transactions.isEmpty() && rejected == transactions.size())) {
            status = EdiStatus.REJECTED;
        } else if (rejected > 0) {
            status = EdiStatus.PARTIALLY_ACCEPTED;
        } else if (errors || transactionErrors) {
            status = EdiStatus.ACCEPTED_WITH_ERRORS;
        } else {
            status = EdiStatus.ACCEPTED;
        }
        return new InterchangeSummary.Group(functionalId, senderQualifier, sender, receiverQualifier, receiver, date,
                time, controlNumber, agency, version, declaredCount, trailerSeen, status, findings, transactions);
    }
}
