package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.schibsted.spt.data.jslt.JsltException;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.functions.FunctionFailure;
import io.waybill.schema.CanonicalEvent;
import io.waybill.schema.EventIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a mapping over a raw document: the partner's message identity, the transform, and the
 * canonical envelope around each data object it returns. A transform may return one object, an
 * array of them (one message, many events), or null (a message that carries no event). Each
 * event's id is derived from partner, identity and position, so a resend yields the same ids.
 *
 * <p>Variables available to transforms: {@code $partner}, {@code $channel}, {@code $received_at}.
 */
public final class MappingEngine {

    private MappingEngine() {
    }

    /**
     * The events of a document taken by several shared mappings (see {@link MappingCatalog#selectAll}),
     * mapping by mapping in the order given. Shared mappings must give the document different
     * identities, or their events would get the same ids; that is refused, naming both.
     */
    public static List<ObjectNode> applyAll(List<Mapping> mappings, RawDocument document, Instant ingestTime) {
        if (mappings.size() == 1) {
            return apply(mappings.get(0), document, ingestTime);
        }
        List<ObjectNode> events = new ArrayList<>();
        Map<String, Mapping> byIdentity = new java.util.HashMap<>();
        for (Mapping mapping : mappings) {
            String identity = identity(mapping, document.body());
            Mapping clash = byIdentity.putIfAbsent(identity, mapping);
            if (clash != null) {
                throw new MappingException(mapping.id(), "identity", "shared mappings " + clash.id() + " and " + mapping.id()
                        + " give this document the same identity '" + identity + "', so their events would share ids;"
                        + " make each identity its own, e.g. " + mapping.definition().identity() + " + \"/" + mapping.produces().type().wireName() + "\"");
            }
            events.addAll(apply(mapping, document, ingestTime));
        }
        return events;
    }

    public static List<ObjectNode> apply(Mapping mapping, RawDocument document, Instant ingestTime) {
        Provenance provenance = document.provenance();
        String identity = identity(mapping, document.body());
        JsonNode output;
        try {
            output = mapping.transform().apply(Map.of(
                    "partner", TextNode.valueOf(provenance.partner()),
                    "channel", TextNode.valueOf(provenance.channel()),
                    "received_at", TextNode.valueOf(provenance.receivedAt().toString())), document.body());
        } catch (FunctionFailure e) {
            throw located(mapping, document, e);
        } catch (JsltException e) {
            throw new MappingException(mapping.id(), "transform", e.getMessage(), e);
        }
        List<JsonNode> data = new ArrayList<>();
        if (output == null || output.isNull()) {
            return List.of();
        } else if (output.isArray()) {
            output.forEach(data::add);
        } else {
            data.add(output);
        }
        CanonicalEvent.Lineage lineage = new CanonicalEvent.Lineage(provenance.partner(), provenance.channel(),
                mapping.id(), mapping.version(), ingestTime, provenance.traceparent(), provenance.rawRef());
        CanonicalEvent.Envelopes envelopes = CanonicalEvent.envelopes(mapping.produces(), lineage);
        List<ObjectNode> events = new ArrayList<>(data.size());
        for (int position = 0; position < data.size(); position++) {
            JsonNode item = data.get(position);
            if (!item.isObject()) {
                throw new MappingException(mapping.id(), "transform", "output " + (output.isArray() ? "[" + position + "] " : "")
                        + "must be a JSON object (the event's data), was " + item.getNodeType().name().toLowerCase());
            }
            String id = EventIds.deterministic(provenance.partner(), identity, position);
            events.add(envelopes.wrap(id, item));
        }
        return events;
    }

    /**
     * A function's failure, said with the canonical field it was computing, the transform line
     * and the input path of the value: {@code mapping acme-freight.status: /data/status:
     * status.jslt:4, input /code: code-lookup: code 'XD' is not in table 'status' ...}.
     */
    private static MappingException located(Mapping mapping, RawDocument document, FunctionFailure failure) {
        Mapping.Transform transform = mapping.transformSource();
        FailureLocator.Location at = FailureLocator.locate(failure, document.body(), transform.source(),
                transform.file().getFileName().toString());
        StringBuilder where = new StringBuilder();
        if (at.line() != null) {
            where.append(at.line());
        }
        if (at.inputPath() != null) {
            where.append(where.isEmpty() ? "" : ", ").append("input ").append(at.inputPath());
        }
        String message = (where.isEmpty() ? "" : where + ": ") + failure.getMessage();
        return new MappingException(mapping.id(), at.field() != null ? at.field() : "transform", message, failure);
    }

    private static String identity(Mapping mapping, JsonNode body) {
        JsonNode value;
        try {
            value = mapping.identity().apply(body);
        } catch (JsltException e) {
            throw new MappingException(mapping.id(), "identity", e.getMessage(), e);
        }
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            throw new MappingException(mapping.id(), "identity", "'" + mapping.definition().identity()
                    + "' gave " + (value == null || value.isNull() ? "nothing" : value.toString())
                    + "; every message needs its own identity (a message id, or fields that together identify it)");
        }
        return value.asText();
    }
}
