package io.waybill.hub.edi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.waybill.adapter.edi.Acknowledgment;
import io.waybill.adapter.edi.EdiReadResult;
import io.waybill.hub.files.FileVariables;
import io.waybill.hub.files.FormatChecks;
import io.waybill.hub.ingest.ItemResult;
import io.waybill.hub.ingest.PushResponse;
import io.waybill.hub.ingest.Variables;
import org.apache.camel.Exchange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The answer to an EDI push (and, {@link #forFile}, to an EDI file): the JSON push answer (per transaction, as items) plus a verdict per
 * interchange, the acknowledgments, and the read failure if the body could not be read through.
 * With {@code Accept: application/edi-x12} (or {@code application/edifact}) the answer is the
 * acknowledgments themselves, one interchange after the other, under the same status.
 *
 * <p>Status, as for a JSON push: 200 when nothing was refused (every interchange accepted, or a
 * duplicate, and every transaction mapped); 422 when nothing was accepted; 207 in between.
 */
public final class EdiAnswer {

    private final PushResponse pushResponse;

    public EdiAnswer(PushResponse pushResponse) {
        this.pushResponse = pushResponse;
    }

    /** The EDI push's answer body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(@JsonUnwrapped PushResponse.Summary push, String format, List<InterchangeResult> interchanges,
                          List<AckResult> acknowledgments, FailureResult failure) {
    }

    /**
     * One interchange.
     *
     * @param interchange  {@code X12/ZZ/ACMF/000000905}
     * @param status       {@code accepted}, {@code accepted_with_errors}, {@code partially_accepted}, {@code rejected}
     *                     or {@code duplicate}
     * @param reason       why it was (partly) rejected or is a duplicate
     * @param findings     what its acknowledgment reports, one line each
     * @param items        the indexes in {@code items} of its transactions
     * @param deadLettered the body is on dlq.v1 for what was refused
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record InterchangeResult(String interchange, String standard, String status, String reason, List<String> findings,
                                    List<Integer> items, Boolean deadLettered) {
    }

    /** One acknowledgment, as sent to {@code edi.acks.<partner>}. */
    public record AckResult(String interchange, String standard, String kind, String controlNumber, String status,
                            boolean duplicate, String contentType, String content) {

        static AckResult of(Acknowledgment ack) {
            return new AckResult(ack.acknowledges().key(), ack.standard(), ack.kind(), ack.controlNumber(),
                    ack.status().name().toLowerCase(Locale.ROOT), ack.duplicate(), ack.contentType(), ack.content());
        }
    }

    /** Why the body could not be read to its end. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailureResult(String kind, String reason, Boolean deadLettered) {
    }

    @SuppressWarnings("unchecked")
    public void processed(Exchange exchange) throws JsonProcessingException {
        EdiReceipt receipt = exchange.getVariable(Variables.EDI_RECEIPT, EdiReceipt.class);
        List<Acknowledgment> acks = exchange.getVariable(Variables.EDI_ACKS, List.class);
        if (acks == null) {
            acks = List.of();
        }
        PushResponse.Summary push = pushResponse.summary(exchange);
        int status = status(receipt, push.items());
        if (EdiMediaTypes.acceptsEdi(exchange.getVariable(Variables.ACCEPT, String.class)) && !acks.isEmpty()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Acknowledgment ack : acks) {
                bytes.writeBytes(ack.bytes());
            }
            String contentType = acks.stream().map(Acknowledgment::contentType).distinct().count() == 1
                    ? acks.get(0).contentType() : EdiMediaTypes.mediaType(exchange.getVariable(Variables.ACCEPT, String.class).split(",")[0]);
            pushResponse.answer(exchange, status, contentType + "; charset=" + StandardCharsets.UTF_8.name().toLowerCase(Locale.ROOT),
                    bytes.toByteArray());
            return;
        }
        List<InterchangeResult> interchanges = receipt.interchanges().stream().map(i -> new InterchangeResult(i.key(),
                i.summary().standard(), i.verdict().wireName(), i.reason(), i.findings(), i.itemIndexes(),
                i.refused() ? Boolean.TRUE : null)).toList();
        EdiReadResult.Failure failure = receipt.failure();
        FailureResult failureResult = failure == null ? null : new FailureResult(failure.kind().name().toLowerCase(Locale.ROOT),
                failure.message(), receipt.uncoveredFailure() != null ? Boolean.TRUE : null);
        pushResponse.answer(exchange, status, new Summary(push, exchange.getVariable(Variables.FORMAT, String.class),
                interchanges, acks.stream().map(AckResult::of).toList(), failureResult));
    }

    /**
     * For a partner's EDI file, once acknowledged: variable {@link FileVariables#FORMAT_CHECKS}, what the
     * envelope checks refused, whether they accepted an interchange that gave no document (a duplicate),
     * and the acknowledgments, one interchange after the other, to put beside the file.
     */
    @SuppressWarnings("unchecked")
    public void forFile(Exchange exchange) {
        EdiReceipt receipt = exchange.getVariable(Variables.EDI_RECEIPT, EdiReceipt.class);
        List<Acknowledgment> acks = exchange.getVariable(Variables.EDI_ACKS, List.class);
        String reply = acks == null || acks.isEmpty() ? null
                : acks.stream().map(Acknowledgment::content).collect(Collectors.joining());
        exchange.setVariable(FileVariables.FORMAT_CHECKS, new FormatChecks(receipt.refusals(),
                acceptedWithoutItems(receipt), reply));
    }

    /** 200 nothing refused, 422 nothing accepted, 207 in between. */
    static int status(EdiReceipt receipt, List<ItemResult> items) {
        boolean refused = receipt.anyRefused() || items.stream().anyMatch(i -> ItemResult.REJECTED.equals(i.status()));
        boolean accepted = items.stream().anyMatch(i -> !ItemResult.REJECTED.equals(i.status())) || acceptedWithoutItems(receipt);
        return !refused ? 200 : !accepted ? 422 : 207;
    }

    /** An interchange was accepted that gave nothing to map: a duplicate, or one without transactions. */
    private static boolean acceptedWithoutItems(EdiReceipt receipt) {
        return receipt.interchanges().stream().anyMatch(i -> i.verdict() == ReceivedInterchange.Verdict.DUPLICATE
                || i.itemIndexes().isEmpty() && (i.verdict() == ReceivedInterchange.Verdict.ACCEPTED
                || i.verdict() == ReceivedInterchange.Verdict.ACCEPTED_WITH_ERRORS));
    }
}
