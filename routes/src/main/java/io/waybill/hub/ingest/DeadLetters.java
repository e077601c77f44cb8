package io.waybill.hub.ingest;

import io.waybill.hub.kafka.RecordHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

import java.time.Clock;

/**
 * Shapes a {@code dlq.v1} record: the raw bytes that could not be processed, keyed by partner,
 * with {@code waybill.error.*} headers saying at which stage, why, and where the whole message
 * is archived, so an operator can fix the mapping and replay.
 */
public final class DeadLetters {

    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    /** A failed item: its own bytes. */
    public void prepareItem(Exchange exchange) {
        RejectedItem item = exchange.getMessage().getBody(RejectedItem.class);
        prepare(exchange, item.document().raw(), item.document().provenance().itemIndex(), item.cause(),
                item.document().provenance().channel());
        // An item archived on its own (an MQTT message) points at its own record rather than the push's.
        if (item.document().provenance().rawRef() != null) {
            exchange.getMessage().setHeader(RecordHeaders.ERROR_SOURCE, item.document().provenance().rawRef());
        }
        if (item.mapping() != null) {
            exchange.getMessage().setHeader(RecordHeaders.ERROR_MAPPING, item.mapping());
        }
    }

    /** A push refused after it was authenticated and archived (unparseable body): the whole body. */
    public void prepareRequest(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        prepare(exchange, push.body(), 0, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class),
                Variables.channel(exchange));
    }

    private void prepare(Exchange exchange, byte[] raw, int item, Throwable cause, String channel) {
        String partner = exchange.getVariable(Variables.PARTNER, String.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, partner);
        message.setHeader(RecordHeaders.ERROR_STAGE, Failures.stage(cause));
        message.setHeader(RecordHeaders.ERROR_REASON, Failures.reason(cause));
        message.setHeader(RecordHeaders.ERROR_PARTNER, partner);
        message.setHeader(RecordHeaders.CHANNEL, channel);
        message.setHeader(RecordHeaders.ERROR_ITEM, Integer.toString(item));
        message.setHeader(RecordHeaders.ERROR_TIME, clock.instant().toString());
        String rawRef = exchange.getVariable(Variables.RAW_REF, String.class);
        if (rawRef != null) {
            message.setHeader(RecordHeaders.ERROR_SOURCE, rawRef);
        }
        message.setBody(raw);
    }
}
