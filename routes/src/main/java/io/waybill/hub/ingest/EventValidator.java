package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;
import org.apache.camel.Exchange;

import java.util.List;

/**
 * Validates every event an item produced against its schema before any of them is published:
 * an item is published whole or dead-lettered whole.
 */
public final class EventValidator {

    private final SchemaValidator validator;

    public EventValidator(SchemaValidator validator) {
        this.validator = validator;
    }

    @SuppressWarnings("unchecked")
    public void validate(Exchange exchange) {
        List<ObjectNode> events = exchange.getMessage().getBody(List.class);
        for (ObjectNode event : events) {
            List<SchemaValidator.Violation> violations = validator.validate(event);
            if (!violations.isEmpty()) {
                throw new CanonicalValidationException(event.path(Envelope.TYPE).asText("event"), violations);
            }
        }
    }
}
