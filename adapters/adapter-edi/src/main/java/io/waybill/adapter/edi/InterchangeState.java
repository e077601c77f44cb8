package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.waybill.adapter.edi.EdiFinding.Level;
import io.waybill.adapter.edi.EdiFinding.Severity;
import io.waybill.adapter.edi.EdiFinding.Where;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One interchange being read: its header values, its groups and ungrouped messages as summarized
 * so far, its findings (kept up to {@link EdiLimits#maxFindingsPerInterchange()}, counted beyond)
 * and the counts its trailer is checked against.
 */
final class InterchangeState extends FindingHolder {

    private final EdiLimits limits;
    final String standard;
    final Delimiters delimiters;
    final List<GroupState> groups = new ArrayList<>();
    final List<InterchangeSummary.Transaction> ungrouped = new ArrayList<>();
    final Set<String> messageControlNumbers = new HashSet<>();
    int segmentCount;
    int transactionCount;
    int kept;
    int suppressed;
    boolean headerStarted;
    boolean headerRead;
    boolean trailerSeen;
    boolean trailerMissingReported;
    boolean duplicate;
    boolean test;
    boolean ackRequested;
    String senderQualifier = "";
    String sender = "";
    String receiverQualifier = "";
    String receiver = "";
    String controlNumber = "";
    String date = "";
    String time = "";
    /** {@link #date} and {@link #time} as ISO date-time, read once for every transaction's envelope block; null when invalid. */
    String dateTime;
    String version = "";
    String syntax = "";

    InterchangeState(String standard, Delimiters delimiters, EdiLimits limits) {
        this.standard = standard;
        this.delimiters = delimiters;
        this.limits = limits;
    }

    boolean isX12() {
        return StandardCodes.X12.equals(standard);
    }

    String trailerTag() {
        return isX12() ? "IEA" : "UNZ";
    }

    InterchangeId id() {
        return new InterchangeId(standard, senderQualifier, sender, controlNumber);
    }

    void readIsa(SegmentBuilder isa) {
        senderQualifier = isa.text(5).trim();
        sender = isa.text(6).trim();
        receiverQualifier = isa.text(7).trim();
        receiver = isa.text(8).trim();
        date = isa.text(9).trim();
        time = isa.text(10).trim();
        dateTime = EnvelopeBlock.isoDateTime(date, time);
        version = isa.text(12).trim();
        controlNumber = isa.text(13).trim();
        ackRequested = "1".equals(isa.text(14).trim());
        test = "T".equalsIgnoreCase(isa.text(15).trim());
        headerRead = !controlNumber.isEmpty() && !isa.text(15).isEmpty();
    }

    void readUnb(SegmentBuilder unb) {
        syntax = unb.component(1, 1).trim();
        version = unb.component(1, 2).trim();
        sender = unb.component(2, 1).trim();
        senderQualifier = unb.component(2, 2).trim();
        receiver = unb.component(3, 1).trim();
        receiverQualifier = unb.component(3, 2).trim();
        date = unb.component(4, 1).trim();
        time = unb.component(4, 2).trim();
        dateTime = EnvelopeBlock.isoDateTime(date, time);
        controlNumber = unb.text(5).trim();
        ackRequested = "1".equals(unb.text(9).trim());
        test = "1".equals(unb.text(11).trim());
        headerRead = !controlNumber.isEmpty() && !sender.isEmpty();
    }

    /**
     * Keeps a finding up to the limit; an interchange finding always, since the TA1 or UCI answers
     * with its code (there are only a few: one per envelope check of the ISA/IEA or UNB/UNZ).
     */
    void keep(FindingHolder target, EdiFinding finding) {
        target.mark(finding.severity());
        if (finding.level() == Level.INTERCHANGE) {
            target.findings.add(finding);
        } else if (kept < limits.maxFindingsPerInterchange()) {
            kept++;
            target.findings.add(finding);
        } else {
            suppressed++;
        }
    }

    void addFinding(Level level, Code code, Severity severity, String ackCode, String message,
                    Where where) {
        keep(this, new EdiFinding(level, code, severity, ackCode, message, where));
    }

    InterchangeSummary summary(boolean complete) {
        List<InterchangeSummary.Group> groupSummaries = new ArrayList<>(groups.size());
        for (GroupState state : groups) {
            groupSummaries.add(state.summary());
        }
        List<EdiFinding> all = new ArrayList<>(findings);
        if (suppressed > 0) {
            all.add(new EdiFinding(Level.INTERCHANGE, Code.FINDINGS_SUPPRESSED, Severity.NOTE, null,
                    suppressed + " more findings were counted but not kept (limit maxFindingsPerInterchange "
                            + limits.maxFindingsPerInterchange() + ")", Where.none()));
        }
        EdiStatus status = rejecting ? EdiStatus.REJECTED
                : errors ? EdiStatus.ACCEPTED_WITH_ERRORS : EdiStatus.ACCEPTED;
        return new InterchangeSummary(id(), receiverQualifier, receiver, isX12() ? version : syntax + ":" + version,
                date, time, test, ackRequested, headerRead, complete, duplicate, status, all, groupSummaries,
                ungrouped, suppressed);
    }
}
