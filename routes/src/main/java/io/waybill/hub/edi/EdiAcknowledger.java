package io.waybill.hub.edi;

import io.waybill.adapter.edi.Acknowledgment;
import io.waybill.adapter.edi.Acknowledgments;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.hub.ingest.Variables;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Acknowledges every readable interchange of an EDI push: a TA1 + 997 (999 when the partner asks for
 * it) for X12, a CONTRL for EDIFACT, a duplicate acknowledgment for an interchange received before.
 * Control numbers come from {@link AckNumbers}: {@link #reserveNumbers} shapes one record per
 * acknowledgment, the route writes them, and {@link #build} reads back their offsets.
 */
public final class EdiAcknowledger {

    /** Acknowledgments go to the Artemis queue {@code edi.acks.<partner>} (anycast, durable: they wait for the pickup). */
    public static final String ADDRESS_PREFIX = "edi.acks";

    private final Acknowledgments acknowledgments;

    public EdiAcknowledger(Acknowledgments acknowledgments) {
        this.acknowledgments = acknowledgments;
    }

    /** The queue a partner's acknowledgments go to. */
    public static String address(String partner) {
        return ADDRESS_PREFIX + "." + partner;
    }

    /** Body out: one record per readable interchange for {@link AckNumbers#TOPIC} (key partner, value interchange key). */
    public void reserveNumbers(Exchange exchange) {
        EdiReceipt receipt = exchange.getVariable(Variables.EDI_RECEIPT, EdiReceipt.class);
        String partner = exchange.getVariable(Variables.PARTNER, String.class);
        List<Exchange> records = new ArrayList<>();
        for (ReceivedInterchange interchange : receipt.answerable()) {
            Exchange record = new DefaultExchange(exchange.getContext());
            record.getMessage().setHeader(KafkaConstants.KEY, partner);
            record.getMessage().setBody(interchange.key());
            records.add(record);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(records);
    }

    /**
     * Body in: the number records, written. Body out and variable {@link Variables#EDI_ACKS}: the
     * acknowledgments, one per readable interchange, in order.
     */
    @SuppressWarnings("unchecked")
    public void build(Exchange exchange) {
        EdiReceipt receipt = exchange.getVariable(Variables.EDI_RECEIPT, EdiReceipt.class);
        PartnerDeclaration.Edi edi = exchange.getVariable(Variables.EDI_DECLARATION, PartnerDeclaration.Edi.class);
        List<Exchange> records = exchange.getMessage().getBody(List.class);
        List<ReceivedInterchange> answerable = receipt.answerable();
        List<Acknowledgment> acks = new ArrayList<>(answerable.size());
        for (int i = 0; i < answerable.size(); i++) {
            acks.add(acknowledge(answerable.get(i), AckNumbers.controlNumber(offsetOf(records.get(i))), x12Ack(edi)));
        }
        exchange.setVariable(Variables.EDI_ACKS, acks);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(acks);
    }

    /** The acknowledgment of one interchange under {@code controlNumber}. */
    public Acknowledgment acknowledge(ReceivedInterchange interchange, long controlNumber, Acknowledgments.X12FunctionalAck x12Ack) {
        return interchange.verdict() == ReceivedInterchange.Verdict.DUPLICATE
                ? acknowledgments.duplicate(interchange.summary(), controlNumber)
                : acknowledgments.acknowledge(interchange.summary(), controlNumber, x12Ack);
    }

    /** The X12 functional acknowledgment a partner declares ({@code edi.x12-ack}). */
    public static Acknowledgments.X12FunctionalAck x12Ack(PartnerDeclaration.Edi edi) {
        return edi != null && "999".equals(edi.x12AckOrDefault())
                ? Acknowledgments.X12FunctionalAck.ACK_999 : Acknowledgments.X12FunctionalAck.ACK_997;
    }

    /** Body in: one {@link Acknowledgment}. Out: its EDI text, with properties naming the interchange ({@link AckHeaders}). */
    public void prepareMessage(Exchange exchange) {
        Acknowledgment ack = exchange.getMessage().getBody(Acknowledgment.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(AckHeaders.PARTNER, exchange.getVariable(Variables.PARTNER, String.class));
        message.setHeader(AckHeaders.INTERCHANGE, ack.acknowledges().key());
        message.setHeader(AckHeaders.INTERCHANGE_SENDER, EdiReceiver.senderOf(ack.acknowledges()));
        message.setHeader(AckHeaders.INTERCHANGE_CONTROL_NUMBER, ack.acknowledges().controlNumber());
        message.setHeader(AckHeaders.STANDARD, ack.standard());
        message.setHeader(AckHeaders.KIND, ack.kind());
        message.setHeader(AckHeaders.STATUS, ack.status().name().toLowerCase(Locale.ROOT));
        message.setHeader(AckHeaders.CONTROL_NUMBER, ack.controlNumber());
        message.setHeader(AckHeaders.DUPLICATE, ack.duplicate());
        message.setHeader(AckHeaders.CONTENT_TYPE, ack.contentType());
        String rawRef = exchange.getVariable(Variables.RAW_REF, String.class);
        if (rawRef != null) {
            message.setHeader(AckHeaders.RAW_REF, rawRef);
        }
        message.setBody(ack.content());
    }

    private static long offsetOf(Exchange record) {
        List<?> metadata = record.getMessage().getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (metadata == null || metadata.isEmpty() || !(metadata.get(0) instanceof RecordMetadata written)) {
            throw new IllegalStateException("no offset for the acknowledgment number record: was it written to "
                    + AckNumbers.TOPIC + "?");
        }
        return written.offset();
    }
}
