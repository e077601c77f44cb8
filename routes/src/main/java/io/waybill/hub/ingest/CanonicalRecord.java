package io.waybill.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.schema.CanonicalEvent;
import io.waybill.schema.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Shapes one canonical event as its Kafka record: structured CloudEvent JSON as the value, the
 * entity (the event's subject) as the key so an entity's events stay in one partition, and the
 * topic of its type and major version.
 */
public final class CanonicalRecord {

    private final ObjectMapper mapper = new ObjectMapper();

    public void prepare(Exchange exchange) throws JsonProcessingException {
        ObjectNode event = exchange.getMessage().getBody(ObjectNode.class);
        String id = event.path(Envelope.ID).asText();
        exchange.setVariable(Variables.EVENT_ID, id);
        exchange.setVariable(Variables.EVENT_TYPE, event.path(Envelope.TYPE).asText());
        Message message = exchange.getMessage();
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, CanonicalEvent.schemaRef(event).topic());
        message.setHeader(KafkaConstants.KEY, CanonicalEvent.subject(event));
        message.setHeader(RecordHeaders.CONTENT_TYPE, Envelope.STRUCTURED_CONTENT_TYPE);
        message.setBody(mapper.writeValueAsBytes(event));
    }

    /** The event's outcome once published (or found already published). */
    public EventResult result(Exchange exchange, String status) {
        exchange.getMessage().removeHeaders("*");
        return new EventResult(exchange.getVariable(Variables.EVENT_ID, String.class),
                exchange.getVariable(Variables.EVENT_TYPE, String.class), status);
    }
}
