package io.waybill.adapter.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * What an adapter hands to mapping: the partner's message parsed into a JSON tree, whatever
 * its wire format, plus where it came from. Adapters know nothing of the canonical schema;
 * the partner's mapping file turns this into canonical events.
 *
 * @param body       the parsed message (for a batch push: one element of the batch)
 * @param raw        the bytes of this document as received (for a batch: the element re-serialized)
 * @param provenance where it came from
 */
public record RawDocument(JsonNode body, byte[] raw, Provenance provenance) {

    public RawDocument {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(provenance, "provenance");
    }

    public String partner() {
        return provenance.partner();
    }
}
