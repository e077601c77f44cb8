package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.mapping.ActiveMappings;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingException;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes every item of a push: chooses the partner's mapping, maps the raw document to
 * canonical events and validates each against its schema. An item is normalized whole or
 * rejected whole; a rejected item does not stop its neighbours.
 *
 * <p>Body in: the push's raw documents (and, from a channel that refuses some items itself, their
 * {@link RejectedItem}s in place). Body out: per item, a {@link NormalizedItem} or a
 * {@link RejectedItem}, in push order; the rejected ones also in the variable
 * {@link Variables#REJECTED_ITEMS} for the dead-letter step. All in memory: one pass over the
 * batch rather than a sub-exchange per item, which costs more than the mapping itself.
 */
public final class ItemNormalizer {

    private final ActiveMappings mappings;
    private final SchemaValidator validator;

    public ItemNormalizer(ActiveMappings mappings, SchemaValidator validator) {
        this.mappings = mappings;
        this.validator = validator;
    }

    @SuppressWarnings("unchecked")
    public void normalize(Exchange exchange) {
        List<Object> documents = exchange.getMessage().getBody(List.class);
        List<Object> outcomes = new ArrayList<>(documents.size());
        List<RejectedItem> rejected = new ArrayList<>();
        MappingCatalog catalog = mappings.catalog(); // one catalog for the whole push, even across a reload
        for (Object item : documents) {
            // An item its channel already refused (an MQTT message from a spoofed device...) passes on as it is.
            Object outcome = item instanceof RawDocument document
                    ? normalize(catalog, document, document.provenance().receivedAt()) : (RejectedItem) item;
            outcomes.add(outcome);
            if (outcome instanceof RejectedItem rejection) {
                rejected.add(rejection);
            }
        }
        exchange.setVariable(Variables.RECEIVED_COUNT, documents.size());
        exchange.setVariable(Variables.REJECTED_ITEMS, rejected);
        exchange.getMessage().setBody(outcomes);
    }

    private Object normalize(MappingCatalog catalog, RawDocument document, Instant ingestTime) {
        List<Mapping> mappings = null;
        try {
            mappings = catalog.selectAll(document);
            List<ObjectNode> events = MappingEngine.applyAll(mappings, document, ingestTime);
            for (ObjectNode event : events) {
                List<SchemaValidator.Violation> violations = validator.validate(event);
                if (!violations.isEmpty()) {
                    throw new CanonicalValidationException(event.path(Envelope.TYPE).asText("event"), violations);
                }
            }
            return new NormalizedItem(document.provenance().itemIndex(), events);
        } catch (MappingException | CanonicalValidationException e) {
            return new RejectedItem(document, mappings == null ? null
                    : mappings.stream().map(Mapping::toString).collect(java.util.stream.Collectors.joining(", ")), e);
        }
    }
}
