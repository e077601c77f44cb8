package io.waybill.hub.edi;

import io.waybill.adapter.edi.EdiContext;
import io.waybill.adapter.edi.EdiFinding;
import io.waybill.adapter.edi.EdiReadResult;
import io.waybill.adapter.edi.EdiReader;
import io.waybill.adapter.edi.EdiStatus;
import io.waybill.adapter.edi.EdiTransaction;
import io.waybill.adapter.edi.InterchangeId;
import io.waybill.adapter.edi.InterchangeSummary;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.edi.ReceivedInterchange.Verdict;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Receives an EDI body the way the hub does, for every channel and for {@code ./waybill edi}: reads
 * it with the adapter's {@link EdiReader}, then judges each interchange. On top of the adapter's
 * envelope checks, the hub refuses an interchange whose sender the partner does not declare
 * ({@code edi.senders}: spoofing) or whose standard the push did not announce, recognises one it has
 * accepted before (a duplicate: nothing of it is delivered), and drops the transactions that a later
 * group or interchange trailer withdrew (policy {@code reject}; see
 * {@link InterchangeSummary#withdrawn()}).
 *
 * <p>Transactions are collected per interchange and judged when the interchange ends, so memory
 * holds the raw documents of one body; channels bound that body (the push's maximum size).
 */
public final class EdiReceiver {

    /** X12 TA1 note code (I18) for an interchange sender the partner does not declare: 006, invalid sender id. */
    static final String TA1_INVALID_SENDER = "006";
    /** EDIFACT syntax error (0085) for the same: 23, unknown interchange sender. */
    static final String CONTRL_UNKNOWN_SENDER = "23";
    /** X12 TA1 note code for a standard the push did not announce: 002, standard not supported. */
    static final String TA1_STANDARD_NOT_SUPPORTED = "002";
    /** EDIFACT syntax error for the same: 2, syntax version or level not supported. */
    static final String CONTRL_SYNTAX_NOT_SUPPORTED = "2";

    /** The reason of a rejected interchange whose findings do not say why (they were past the findings limit). */
    private static final String UNSPECIFIED = "the envelope checks rejected it";

    private final EdiReader reader;

    public EdiReceiver(EdiReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Reads and judges every interchange of {@code input} (not closed).
     *
     * @param context  partner, channel, time, raw reference and envelope policy (its duplicate check is replaced)
     * @param standard the standard the push announced ({@code X12} or {@code EDIFACT}); null: either
     * @param senders  the senders the partner declares ({@code QUALIFIER:ID}); null: no sender check
     * @param seen     whether an interchange of this partner was accepted before
     */
    public EdiReceipt receive(InputStream input, EdiContext context, String standard, Collection<String> senders,
                              Predicate<InterchangeId> seen) {
        List<RawDocument> documents = new ArrayList<>();
        EdiReceipt receipt = receive(input, context, standard, senders, seen, (interchange, kept) -> documents.addAll(kept));
        return new EdiReceipt(receipt.interchanges(), receipt.failure(), documents);
    }

    /**
     * As {@link #receive(InputStream, EdiContext, String, Collection, Predicate)}, handing each interchange
     * and its transactions to map to {@code interchanges} as soon as it ends, so that a caller reading a
     * large file holds one interchange at a time. The receipt returned has no documents.
     */
    public EdiReceipt receive(InputStream input, EdiContext context, String standard, Collection<String> senders,
                              Predicate<InterchangeId> seen, BiConsumer<ReceivedInterchange, List<RawDocument>> interchanges) {
        Set<String> allowed = senders == null ? null : Set.copyOf(senders);
        Set<String> acceptedInThisBody = new HashSet<>();
        Predicate<InterchangeId> duplicate = id -> refusal(id, context.partner(), standard, allowed) == null
                && (acceptedInThisBody.contains(id.key()) || seen.test(id));
        List<EdiTransaction> pending = new ArrayList<>();
        List<ReceivedInterchange> judgedAll = new ArrayList<>();
        EdiReadResult result = reader.read(input, context.withDuplicateCheck(duplicate), pending::add, summary -> {
            List<EdiTransaction> kept = new ArrayList<>();
            ReceivedInterchange judged = judge(summary, pending, context.partner(), standard, allowed, kept);
            judgedAll.add(judged);
            interchanges.accept(judged, kept.stream().map(EdiTransaction::document).toList());
            if (judged.verdict() != Verdict.REJECTED && judged.verdict() != Verdict.DUPLICATE) {
                acceptedInThisBody.add(judged.key());
            }
            pending.clear();
        });
        EdiReadResult.Failure failure = result.failure();
        if (failure != null && failure.interchange() != null) {
            // The interchange the read stopped in: the failure is why it was rejected, whatever its findings say.
            for (int i = judgedAll.size() - 1; i >= 0; i--) {
                ReceivedInterchange judged = judgedAll.get(i);
                if (judged.summary().id().equals(failure.interchange()) && judged.verdict() == Verdict.REJECTED
                        && UNSPECIFIED.equals(judged.reason())) {
                    judgedAll.set(i, new ReceivedInterchange(judged.summary(), judged.verdict(), failure.message(),
                            judged.findings(), judged.itemIndexes()));
                    break;
                }
            }
        }
        return new EdiReceipt(judgedAll, failure, List.of());
    }

    /**
     * An interchange's sender as {@code edi.senders} lists them: {@code QUALIFIER:ID}, or the ID alone
     * for an EDIFACT sender whose UNB gives no code qualifier.
     */
    public static String senderOf(InterchangeId id) {
        return id.senderQualifier() == null || id.senderQualifier().isEmpty() ? id.sender() : id.senderQualifier() + ":" + id.sender();
    }

    private static String refusal(InterchangeId id, String partner, String standard, Set<String> allowed) {
        if (standard != null && !standard.equals(id.standard())) {
            return "an " + id.standard() + " interchange in a push announced as " + standard
                    + " (Content-Type): send each standard with its own content type";
        }
        if (allowed != null && !allowed.contains(senderOf(id))) {
            return "sender " + senderOf(id) + " is not one of the senders partner " + partner + " declares (edi.senders: "
                    + allowed.stream().sorted().collect(Collectors.joining(", ")) + "): refused as spoofed";
        }
        return null;
    }

    private static ReceivedInterchange judge(InterchangeSummary summary, List<EdiTransaction> delivered, String partner,
                                             String standard, Set<String> allowed, List<EdiTransaction> kept) {
        if (summary.duplicate()) {
            return new ReceivedInterchange(summary, Verdict.DUPLICATE, "interchange " + summary.id().key()
                    + " was received and accepted before: acknowledged as a duplicate, nothing of it is published again",
                    List.of(), List.of());
        }
        String refusal = summary.headerRead() ? refusal(summary.id(), partner, standard, allowed) : null;
        if (refusal != null) {
            InterchangeSummary refused = refuse(summary, refusal, standard != null && !standard.equals(summary.standard()));
            return new ReceivedInterchange(refused, Verdict.REJECTED, refusal, findings(refused), List.of());
        }
        if (summary.status() == EdiStatus.REJECTED) {
            return new ReceivedInterchange(summary, Verdict.REJECTED, rejectionReason(summary), findings(summary), List.of());
        }
        Set<String> withdrawn = new HashSet<>();
        List<String> refusedParts = new ArrayList<>();
        for (InterchangeSummary.Group group : summary.groups()) {
            if (group.status() == EdiStatus.REJECTED) {
                group.transactions().forEach(t -> withdrawn.add(group.controlNumber() + "/" + t.controlNumber()));
                refusedParts.add("group " + group.controlNumber() + " rejected: " + describe(group.findings()));
            }
            for (InterchangeSummary.Transaction transaction : group.transactions()) {
                if (transaction.status() == EdiStatus.REJECTED && group.status() != EdiStatus.REJECTED) {
                    refusedParts.add("transaction " + transaction.type() + " " + transaction.controlNumber() + " rejected: "
                            + describe(transaction.findings()));
                }
            }
        }
        for (InterchangeSummary.Transaction transaction : summary.transactions()) {
            if (transaction.status() == EdiStatus.REJECTED) {
                refusedParts.add("message " + transaction.type() + " " + transaction.controlNumber() + " rejected: "
                        + describe(transaction.findings()));
            }
        }
        List<Integer> items = new ArrayList<>();
        for (EdiTransaction transaction : delivered) {
            if (!withdrawn.contains(transaction.groupControlNumber() + "/" + transaction.controlNumber())) {
                kept.add(transaction);
                items.add(transaction.document().provenance().itemIndex());
            }
        }
        if (!refusedParts.isEmpty()) {
            return new ReceivedInterchange(summary, items.isEmpty() ? Verdict.REJECTED : Verdict.PARTIALLY_ACCEPTED,
                    String.join("; ", refusedParts), findings(summary), items);
        }
        boolean clean = summary.status() == EdiStatus.ACCEPTED
                && summary.groups().stream().allMatch(g -> g.status() == EdiStatus.ACCEPTED)
                && summary.allTransactions().stream().allMatch(t -> t.status() == EdiStatus.ACCEPTED);
        Verdict verdict = clean ? Verdict.ACCEPTED : Verdict.ACCEPTED_WITH_ERRORS;
        return new ReceivedInterchange(summary, verdict, null, findings(summary), items);
    }

    /** The summary with the hub's refusal as its first interchange finding: the acknowledgment rejects it with that code. */
    private static InterchangeSummary refuse(InterchangeSummary summary, String message, boolean wrongStandard) {
        boolean x12 = "X12".equals(summary.standard());
        String code = wrongStandard ? (x12 ? TA1_STANDARD_NOT_SUPPORTED : CONTRL_SYNTAX_NOT_SUPPORTED)
                : (x12 ? TA1_INVALID_SENDER : CONTRL_UNKNOWN_SENDER);
        int element = wrongStandard ? (x12 ? -1 : 1) : (x12 ? 6 : 2);
        EdiFinding finding = new EdiFinding(EdiFinding.Level.INTERCHANGE, EdiFinding.Code.INVALID_ENVELOPE_VALUE,
                EdiFinding.Severity.REJECTING, code, message,
                new EdiFinding.Where(x12 ? "ISA" : "UNB", 1, element, -1, -1, null, -1, senderOf(summary.id()), null));
        List<EdiFinding> findings = new ArrayList<>();
        findings.add(finding);
        findings.addAll(summary.findings());
        return new InterchangeSummary(summary.id(), summary.receiverQualifier(), summary.receiver(), summary.version(),
                summary.date(), summary.time(), summary.test(), summary.ackRequested(), summary.headerRead(),
                summary.complete(), false, EdiStatus.REJECTED, findings, summary.groups(), summary.transactions(),
                summary.findingsSuppressed());
    }

    private static String rejectionReason(InterchangeSummary summary) {
        List<EdiFinding> rejecting = new ArrayList<>(summary.findings().stream()
                .filter(f -> f.severity() == EdiFinding.Severity.REJECTING).toList());
        if (rejecting.isEmpty()) {
            summary.groups().forEach(g -> rejecting.addAll(g.findings().stream()
                    .filter(f -> f.severity() == EdiFinding.Severity.REJECTING).toList()));
        }
        return rejecting.isEmpty() ? UNSPECIFIED : describe(rejecting);
    }

    private static String describe(List<EdiFinding> findings) {
        List<String> messages = findings.stream().filter(f -> f.severity() != EdiFinding.Severity.NOTE)
                .map(EdiFinding::message).distinct().toList();
        return messages.isEmpty() ? "see its acknowledgment" : String.join("; ", messages);
    }

    /** Every finding the acknowledgment reports, interchange first, as one line each. */
    private static List<String> findings(InterchangeSummary summary) {
        List<EdiFinding> all = new ArrayList<>(summary.findings());
        for (InterchangeSummary.Group group : summary.groups()) {
            all.addAll(group.findings());
            group.transactions().forEach(t -> all.addAll(t.findings()));
        }
        summary.transactions().forEach(t -> all.addAll(t.findings()));
        List<String> lines = all.stream().filter(f -> f.severity() != EdiFinding.Severity.NOTE)
                .map(EdiFinding::message).distinct().toList();
        if (lines.size() <= ReceivedInterchange.MAX_FINDINGS) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, ReceivedInterchange.MAX_FINDINGS - 1));
        shown.add("... and " + (lines.size() - shown.size()) + " more");
        return shown;
    }
}
