package io.waybill.hub.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.rest.PushRejection;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.List;

/**
 * The answer a partner gets. 200: every item accepted or a duplicate; 207: some items rejected
 * (they are on the DLQ); 422: every item rejected; 4xx with a code and reason: the push was
 * refused as a whole; 503: the hub could not make the push durable, resend it.
 */
public final class PushResponse {

    private static final String JSON = "application/json";
    private final ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The push's answer body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String partner, String rawRef, int received, long accepted, long duplicates, long noEvents,
                          long rejected, List<ItemResult> items) {
    }

    /** A refusal's answer body. */
    public record Refusal(String error, String reason) {
    }

    public void processed(Exchange exchange) throws JsonProcessingException {
        Summary summary = summary(exchange);
        int status = summary.rejected() == 0 ? 200 : summary.rejected() == summary.received() ? 422 : 207;
        answer(exchange, status, summary);
    }

    /** The answer per item of a processed push, with its counts (an EDI push adds its interchanges to it). */
    @SuppressWarnings("unchecked")
    public Summary summary(Exchange exchange) {
        List<ItemResult> items = exchange.getVariable(Variables.RESULTS, List.class);
        long rejected = items.stream().filter(i -> i.status().equals(ItemResult.REJECTED)).count();
        long duplicates = items.stream().filter(i -> i.status().equals(EventResult.DUPLICATE)).count();
        long noEvents = items.stream().filter(i -> i.status().equals(ItemResult.NO_EVENTS)).count();
        long accepted = items.size() - rejected - duplicates - noEvents;
        return new Summary(exchange.getVariable(Variables.PARTNER, String.class),
                exchange.getVariable(Variables.RAW_REF, String.class), items.size(), accepted, duplicates, noEvents, rejected, items);
    }

    public void refused(Exchange exchange) throws JsonProcessingException {
        PushRejection rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, PushRejection.class);
        answer(exchange, rejection.status(), new Refusal(rejection.code(), rejection.reason()));
    }

    public void failed(Exchange exchange) throws JsonProcessingException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        answer(exchange, 503, new Refusal("unavailable", "the hub could not store this push durably ("
                + (cause == null ? "unknown cause" : cause.getClass().getSimpleName())
                + "); nothing of it is lost on your side: resend it, signed again"));
        exchange.getMessage().setHeader("Retry-After", "5");
    }

    /** Answers with {@code status} and {@code body} as JSON, and nothing else on the response. */
    public void answer(Exchange exchange, int status, Object body) throws JsonProcessingException {
        answer(exchange, status, JSON, mapper.writeValueAsBytes(body));
    }

    /** Answers with {@code status} and {@code body} of {@code contentType}, and nothing else on the response. */
    public void answer(Exchange exchange, int status, String contentType, byte[] body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }
}
