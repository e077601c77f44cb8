package io.waybill.hub.ingest;

import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.hub.kafka.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shapes the {@code raw.v1} records of a push (bytes as received, partner and channel headers,
 * keyed by partner; in parts when large) and reads back where the first was written, so every
 * event and DLQ record can point at the exact raw message.
 */
public final class RawArchive {

    public static final String CHANNEL_REST = "rest";

    /** Before the raw.v1 send: the body becomes the push's {@link RawParts} (one record unless over {@link RawParts#PART_BYTES}). */
    public void prepare(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        Map<String, String> headers = push.contentType() == null ? Map.of() : Map.of(RecordHeaders.CONTENT_TYPE, push.contentType());
        exchange.getMessage().setBody(new RawParts(exchange.getContext(), UUID.randomUUID().toString(), push.partner(),
                Variables.channel(exchange), push.receivedAt(), headers, RawParts.of(push.body())));
    }

    /** After the raw.v1 send: remember {@code raw.v1/<partition>/<offset>} of the first part and clear the record headers. */
    public void archived(Exchange exchange) {
        Message message = exchange.getMessage();
        List<?> metadata = message.getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        if (metadata != null && !metadata.isEmpty() && metadata.get(0) instanceof RecordMetadata written) {
            exchange.setVariable(Variables.RAW_REF, Topics.RAW + "/" + written.partition() + "/" + written.offset());
        }
        message.removeHeaders("*");
    }
}
