package io.waybill.hub.ingest;

import io.waybill.adapter.rest.PushRejection;
import io.waybill.adapter.rest.SignatureVerifier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.time.Clock;

/**
 * Takes what the pipeline needs off the HTTP request into a {@link PushRequest} variable and
 * clears the request headers, so none of them (User-Agent, the signature, ...) can reach a Kafka
 * record. Refuses bodies over the size limit with 413 before anything else reads them.
 */
public final class PushRequestReader implements Processor {

    private static final String TRACEPARENT = "traceparent";
    private static final String ACCEPT = "Accept";

    private final long maxBodyBytes;
    private final Clock clock;

    public PushRequestReader(long maxBodyBytes, Clock clock) {
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String partner = in.getHeader("partner", String.class);
        // Metrics tag on this: only declared partners get their own series (see PushAuthenticator).
        exchange.setVariable(Variables.PARTNER, Variables.UNKNOWN_PARTNER);
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > maxBodyBytes) {
            throw new PushRejection(413, "too_large", "the body has " + body.length + " bytes; at most " + maxBodyBytes
                    + " are accepted (setting waybill.push.max-body-bytes)");
        }
        PushRequest push = new PushRequest(partner,
                in.getHeader(SignatureVerifier.TIMESTAMP_HEADER, String.class),
                in.getHeader(SignatureVerifier.SIGNATURE_HEADER, String.class),
                in.getHeader(Exchange.CONTENT_TYPE, String.class),
                in.getHeader(TRACEPARENT, String.class),
                body, clock.instant());
        exchange.setVariable(Variables.PUSH, push);
        exchange.setVariable(Variables.ACCEPT, in.getHeader(ACCEPT, String.class));
        in.removeHeaders("*");
        in.setBody(body);
    }
}
