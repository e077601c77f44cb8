package io.waybill.hub.edi;

import io.waybill.adapter.edi.EdiContext;
import io.waybill.adapter.edi.EnvelopePolicy;
import io.waybill.adapter.rest.PushRejection;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.hub.files.FileArchive;
import io.waybill.hub.files.FileRefusal;
import io.waybill.hub.files.FileVariables;
import io.waybill.hub.files.ReceivedFile;
import io.waybill.hub.ingest.ItemResult;
import io.waybill.hub.ingest.PublishedIds;
import io.waybill.hub.ingest.PushRequest;
import io.waybill.hub.ingest.RawArchive;
import io.waybill.hub.ingest.RawParts;
import io.waybill.hub.ingest.Variables;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EDI steps of a push or a partner's file around the shared normalize and publish steps:
 * reading the body into the items to map ({@link #readPush}, {@link #readFile}), the DLQ record of
 * what the envelope checks refused ({@link #prepareDeadLetter}), and recording accepted interchanges
 * as seen ({@link #seenRecords}, {@link #recorded}). Every channel gets the same checks: the
 * partner's envelope policy and senders, and interchanges accepted before answered as duplicates.
 */
public final class EdiIntake {

    /** DLQ stage of an interchange refused for its envelope or its sender (readable, but not acceptable). */
    public static final String STAGE_ENVELOPE = "envelope";
    /** DLQ stage of input that could not be read through. */
    public static final String STAGE_PARSE = "parse";
    /** Longest DLQ reason header; the acknowledgments carry every finding. */
    private static final int MAX_REASON = 4_000;

    private final ActiveMappings mappings;
    private final EdiReceiver receiver;
    private final SeenInterchanges seen;
    private final Clock clock;

    public EdiIntake(ActiveMappings mappings, EdiReceiver receiver, SeenInterchanges seen, Clock clock) {
        this.mappings = mappings;
        this.receiver = receiver;
        this.seen = seen;
        this.clock = clock;
    }

    /**
     * Reads the push body with the partner's envelope policy and senders, in the standard its content
     * type announced. Body out: the raw documents to map, one per transaction kept. Variables out:
     * {@link Variables#EDI_RECEIPT}, {@link Variables#EDI_DECLARATION}. A body in which no interchange
     * can be found is refused whole (400).
     */
    public void readPush(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        String partnerId = exchange.getVariable(Variables.PARTNER, String.class);
        String format = exchange.getVariable(Variables.FORMAT, String.class);
        PartnerDeclaration partner = mappings.partners().find(partnerId).orElseThrow(() ->
                new PushRejection(403, "unknown_partner", "partner '" + partnerId + "' is not declared on this hub"));
        PartnerDeclaration.Edi edi = partner.edi();
        if (edi == null) {
            throw new PushRejection(415, "unsupported_media_type", "partner '" + partnerId + "' declares no 'edi' block");
        }
        if (push.body().length == 0) {
            throw new PushRejection(400, "empty_body", "the body is empty; send an " + format + " interchange");
        }
        String standard = EdiMediaTypes.standardOf(format);
        EdiReceipt receipt = receive(exchange, new ByteArrayInputStream(push.body()), partnerId, edi, RawArchive.CHANNEL_REST,
                push.receivedAt(), push.traceparent(), standard);
        if (receipt.unreadable()) {
            throw new PushRejection(400, "malformed_edi", "the body is not a readable " + standard
                    + " interchange: " + receipt.failure().message());
        }
    }

    /**
     * As {@link #readPush} for a partner's file (drop folder or SFTP), streamed from disk (the channel
     * took it once unchanged for {@code waybill.files.quiet-ms}, so these are the bytes archived). A
     * file may hold interchanges of either standard. A file in which no interchange can be found is refused
     * whole at the {@code parse} stage; so is one from a partner that declares no {@code edi} block.
     */
    public void readFile(Exchange exchange) throws IOException {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        String format = exchange.getVariable(FileVariables.FORMAT, String.class);
        PartnerDeclaration partner = mappings.partners().find(file.partner()).orElseThrow(() ->
                FileRefusal.unauthorized("partner '" + file.partner() + "' was withdrawn while its file was read"));
        PartnerDeclaration.Edi edi = partner.edi();
        if (edi == null) {
            throw FileRefusal.unreadable("partner '" + file.partner() + "' declares no 'edi' block, so its "
                    + format + " files cannot be checked and acknowledged");
        }
        EdiReceipt receipt;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()))) {
            receipt = receive(exchange, in, file.partner(), edi, file.channel(),
                    file.receivedAt(), null, null);
        }
        if (receipt.unreadable()) {
            throw FileRefusal.unreadable("not a readable EDI file: " + receipt.failure().message());
        }
    }

    private EdiReceipt receive(Exchange exchange, InputStream body, String partner, PartnerDeclaration.Edi edi, String channel,
                               Instant receivedAt, String traceparent, String standard) {
        EdiContext context = new EdiContext(partner, channel, receivedAt, exchange.getVariable(Variables.RAW_REF, String.class),
                traceparent, edi.rejectsEnvelopeErrors() ? EnvelopePolicy.REJECT : EnvelopePolicy.ACCEPT_AND_REPORT, id -> false);
        EdiReceipt receipt = receiver.receive(body, context, standard, edi.senders(), id -> seen.contains(partner, id));
        exchange.setVariable(Variables.EDI_RECEIPT, receipt);
        exchange.setVariable(Variables.EDI_COUNTS, receipt.counts());
        exchange.setVariable(Variables.EDI_DECLARATION, edi);
        exchange.getMessage().setBody(receipt.documents());
        return receipt;
    }

    /**
     * The one {@code dlq.v1} record for what the envelope checks (or the sender check) refused in this
     * push or file: the body as received (a file's only when it fits one record; else the record points
     * at its raw.v1 parts), and a reason naming every refused interchange, group or transaction and any
     * input left unread. Stage {@code parse} when input could not be read, else {@code envelope}.
     */
    public void prepareDeadLetter(Exchange exchange) throws IOException {
        EdiReceipt receipt = exchange.getVariable(Variables.EDI_RECEIPT, EdiReceipt.class);
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        String partner = exchange.getVariable(Variables.PARTNER, String.class);
        String reason = String.join("; ", receipt.refusals());
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 3) + "...";
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, partner);
        message.setHeader(RecordHeaders.ERROR_STAGE, receipt.anyUnreadable() ? STAGE_PARSE : STAGE_ENVELOPE);
        message.setHeader(RecordHeaders.ERROR_REASON, reason);
        message.setHeader(RecordHeaders.ERROR_PARTNER, partner);
        message.setHeader(RecordHeaders.ERROR_ITEM, "0");
        message.setHeader(RecordHeaders.ERROR_TIME, clock.instant().toString());
        String rawRef = exchange.getVariable(Variables.RAW_REF, String.class);
        if (rawRef != null) {
            message.setHeader(RecordHeaders.ERROR_SOURCE, rawRef);
        }
        if (push != null) {
            message.setHeader(RecordHeaders.CHANNEL, RawArchive.CHANNEL_REST);
            message.setBody(push.body());
        } else {
            message.setHeader(RecordHeaders.CHANNEL, file.channel());
            message.setHeader(FileArchive.FILE_NAME, file.name());
            message.setBody(file.size() <= RawParts.PART_BYTES ? Files.readAllBytes(file.path()) : new byte[0]);
        }
    }

    /**
     * Once the push's events are published and its acknowledgments sent: the records marking as seen
     * the interchanges accepted whole (every group and transaction accepted by the envelope checks,
     * and every transaction mapped and published, or a duplicate, or mapped to no event). Body out:
     * those records for the repository's topic; variable {@link Variables#EDI_SEEN_KEYS}: their keys.
     */
    @SuppressWarnings("unchecked")
    public void seenRecords(Exchange exchange) {
        EdiReceipt receipt = exchange.getVariable(Variables.EDI_RECEIPT, EdiReceipt.class);
        String partner = exchange.getVariable(Variables.PARTNER, String.class);
        List<ItemResult> results = exchange.getVariable(Variables.RESULTS, List.class);
        Map<Integer, String> itemStatus = new HashMap<>();
        if (results != null) {
            results.forEach(result -> itemStatus.put(result.index(), result.status()));
        }
        List<String> keys = new ArrayList<>();
        List<Exchange> records = new ArrayList<>();
        for (ReceivedInterchange interchange : receipt.interchanges()) {
            boolean acceptedWhole = interchange.verdict() == ReceivedInterchange.Verdict.ACCEPTED
                    || interchange.verdict() == ReceivedInterchange.Verdict.ACCEPTED_WITH_ERRORS;
            if (acceptedWhole && interchange.itemIndexes().stream()
                    .noneMatch(index -> ItemResult.REJECTED.equals(itemStatus.get(index)))) {
                String key = SeenInterchanges.key(partner, interchange.summary().id());
                keys.add(key);
                Exchange record = new DefaultExchange(exchange.getContext());
                record.getMessage().setHeader(KafkaConstants.KEY, key);
                record.getMessage().setBody(PublishedIds.ADD_ACTION);
                records.add(record);
            }
        }
        exchange.setVariable(Variables.EDI_SEEN_KEYS, keys);
        exchange.setVariable(Variables.EDI_SEEN_COUNT, keys.size());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(records);
    }

    /** After the seen records are acknowledged: recognise these interchanges at once. */
    @SuppressWarnings("unchecked")
    public void recorded(Exchange exchange) {
        seen.recorded(exchange.getVariable(Variables.EDI_SEEN_KEYS, List.class));
    }
}
