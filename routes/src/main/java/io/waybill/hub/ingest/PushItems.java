package io.waybill.hub.ingest;

import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.support.Provenance;
import org.apache.camel.Exchange;

/** Parses the push body into raw documents, one per item, carrying their provenance. */
public final class PushItems {

    private final PushBodyParser parser;

    public PushItems(PushBodyParser parser) {
        this.parser = parser;
    }

    public void parse(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        String format = PushBodyParser.formatOf(push.contentType());
        Provenance provenance = new Provenance(push.partner(), RawArchive.CHANNEL_REST, format, push.receivedAt(),
                exchange.getVariable(Variables.RAW_REF, String.class), 0, push.traceparent());
        exchange.getMessage().setBody(parser.parse(push.body(), provenance));
    }
}
