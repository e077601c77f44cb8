package io.waybill.hub.ingest;

import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.hub.kafka.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.List;

/**
 * Shapes the {@code raw.v1} record of a push (bytes as received, partner and channel headers,
 * keyed by partner) and reads back where it was written, so every event and DLQ record can point
 * at the exact raw message.
 */
public final class RawArchive {

    public static final String CHANNEL_REST = "rest";

    /** Before the raw.v1 send: the record's key and headers. */
    public void prepare(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        Message message = exchange.getMessage();
        message.setHeader(KafkaConstants.KEY, push.partner());
        message.setHeader(RecordHeaders.PARTNER, push.partner());
        message.setHeader(RecordHeaders.CHANNEL, CHANNEL_REST);
        message.setHeader(RecordHeaders.RECEIVED_AT, push.receivedAt().toString());
        if (push.contentType() != null) {
            message.setHeader(RecordHeaders.CONTENT_TYPE, push.contentType());
        }
        message.setBody(push.body());
    }

    /** After the raw.v1 send: remember {@code raw.v1/<partition>/<offset>} and clear the record headers. */
    public void archived(Exchange exchange) {
        Message message = exchange.getMessage();
        List<?> metadata = message.getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (metadata != null && !metadata.isEmpty() && metadata.get(0) instanceof RecordMetadata written) {
            exchange.setVariable(Variables.RAW_REF, Topics.RAW + "/" + written.partition() + "/" + written.offset());
        }
        message.removeHeaders("*");
    }
}
