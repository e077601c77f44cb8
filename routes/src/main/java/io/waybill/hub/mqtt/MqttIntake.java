package io.waybill.hub.mqtt;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.waybill.adapter.mqtt.DeviceMessages;
import io.waybill.adapter.mqtt.RefusedMessageException;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.ingest.RejectedItem;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.hub.kafka.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of an MQTT batch around the push pipeline: each message archived as one {@code raw.v1}
 * record (bytes as received; keyed by partner; partner, channel, received-at and topic headers),
 * then read into a raw document, or refused with its stage and reason. Refusals travel with the
 * documents as {@link RejectedItem}s, so the normalizer passes them on and the push's dead-letter
 * step writes them to {@code dlq.v1} beside the mapping and validation failures.
 */
public final class MqttIntake {

    /** raw.v1: the topic a message was published on. */
    public static final String TOPIC = "waybill.mqtt.topic";
    /** raw.v1: the payload's size, on the record of a payload too large to archive (its value is empty). */
    public static final String PAYLOAD_BYTES = "waybill.mqtt.payload-bytes";
    /** Variable: the batch's messages ({@code List<DeviceMessage>}), while its raw.v1 records are sent. */
    public static final String MESSAGES = "mqttMessages";

    private final DeviceMessages messages;
    private final int maxPayloadBytes;

    public MqttIntake(DeviceMessages messages, int maxPayloadBytes) {
        this.messages = messages;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Body in: the batch's {@link DeviceMessage}s. Body out: their raw.v1 records, in order. */
    @SuppressWarnings("unchecked")
    public void archive(Exchange exchange) {
        List<DeviceMessage> batch = exchange.getMessage().getBody(List.class);
        exchange.setVariable(MESSAGES, batch);
        List<Exchange> records = new ArrayList<>(batch.size());
        for (DeviceMessage message : batch) {
            // An exchange per record, not a bare message: camel-kafka only propagates record headers from an exchange.
            Exchange record = new DefaultExchange(exchange.getContext());
            Message out = record.getMessage();
            out.setHeader(KafkaConstants.KEY, message.partnerOrUnknown());
            if (message.attribution().partner() != null) {
                out.setHeader(RecordHeaders.PARTNER, message.attribution().partner());
            }
            out.setHeader(RecordHeaders.CHANNEL, DeviceMessages.CHANNEL);
            out.setHeader(RecordHeaders.RECEIVED_AT, message.receivedAt().toString());
            out.setHeader(TOPIC, message.topic());
            if (fits(message)) {
                out.setBody(message.payload());
            } else {
                out.setHeader(PAYLOAD_BYTES, Integer.toString(message.payload().length));
                out.setBody(new byte[0]);
            }
            records.add(record);
        }
        exchange.getMessage().setBody(records);
    }

    /**
     * After the raw.v1 send. Body out: per message, its {@link RawDocument} or a {@link RejectedItem},
     * in arrival order, each pointing at its raw.v1 record.
     */
    @SuppressWarnings("unchecked")
    public void read(Exchange exchange) {
        List<DeviceMessage> batch = exchange.getVariable(MESSAGES, List.class);
        List<?> metadata = exchange.getMessage().getHeader(KafkaConstants.KAFKA_RECORD_META, List.class);
        exchange.getMessage().removeHeaders("*");
        exchange.removeVariable(MESSAGES);
        List<Object> items = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            DeviceMessage message = batch.get(i);
            String rawRef = metadata != null && i < metadata.size() && metadata.get(i) instanceof RecordMetadata written
                    ? Topics.RAW + "/" + written.partition() + "/" + written.offset() : null;
            items.add(read(message, rawRef));
        }
        exchange.getMessage().setBody(items);
    }

    private Object read(DeviceMessage message, String rawRef) {
        if (message.attribution().refused()) {
            return refused(message, rawRef, new RefusedMessageException(DeviceMessages.STAGE_RECEIVE, message.attribution().refusal()));
        }
        try {
            return messages.read(message.attribution(), message.payload(), message.receivedAt(), rawRef);
        } catch (RefusedMessageException e) {
            return refused(message, rawRef, e);
        }
    }

    /** A refused message, for dlq.v1: its bytes (none when too large to hold in one record), stage and reason. */
    private RejectedItem refused(DeviceMessage message, String rawRef, RefusedMessageException cause) {
        byte[] raw = fits(message) ? message.payload() : new byte[0];
        Provenance provenance = new Provenance(message.partnerOrUnknown(), DeviceMessages.CHANNEL, "json",
                message.receivedAt(), rawRef, 0, null);
        return new RejectedItem(new RawDocument(MissingNode.getInstance(), raw, provenance), null, cause);
    }

    private boolean fits(DeviceMessage message) {
        return message.payload().length <= maxPayloadBytes;
    }
}
