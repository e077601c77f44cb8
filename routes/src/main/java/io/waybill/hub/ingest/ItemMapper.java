package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingEngine;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;

import java.util.List;

/** Maps one raw document with its partner's mapping into canonical events (the body becomes their list). */
public final class ItemMapper {

    private final ActiveMappings mappings;

    public ItemMapper(ActiveMappings mappings) {
        this.mappings = mappings;
    }

    public void map(Exchange exchange) {
        RawDocument document = exchange.getMessage().getBody(RawDocument.class);
        exchange.setVariable(Variables.DOCUMENT, document);
        Mapping mapping = mappings.catalog().select(document);
        exchange.setVariable(Variables.MAPPING, mapping.toString());
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        List<ObjectNode> events = MappingEngine.apply(mapping, document, push.receivedAt());
        exchange.getMessage().setBody(events);
    }
}
