package io.waybill.hub.ingest;

import io.waybill.adapter.support.RawDocument;
import org.apache.camel.Exchange;

import java.util.List;

/** Turns the end of an item's sub-route into its {@link ItemResult}. */
public final class ItemResults {

    @SuppressWarnings("unchecked")
    public void published(Exchange exchange) {
        List<EventResult> events = exchange.getMessage().getBody(List.class);
        exchange.getMessage().setBody(ItemResult.published(index(exchange), events == null ? List.of() : events));
    }

    public void rejected(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(ItemResult.rejected(index(exchange), Failures.stage(cause), Failures.reason(cause)));
    }

    private static int index(Exchange exchange) {
        RawDocument document = exchange.getVariable(Variables.DOCUMENT, RawDocument.class);
        return document == null ? exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class) : document.provenance().itemIndex();
    }
}
