package io.waybill.hub.ingest;

import java.time.Instant;

/**
 * A partner push as received, before any check: what the signature, the archive and the parser
 * need, taken off the HTTP request once.
 */
public record PushRequest(String partner, String timestamp, String signature, String contentType, String traceparent,
                          byte[] body, Instant receivedAt) {
}
