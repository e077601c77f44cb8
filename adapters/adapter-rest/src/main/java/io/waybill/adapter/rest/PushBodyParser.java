package io.waybill.adapter.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.support.DocumentItems;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a push body into raw documents: a JSON object is one document, a JSON array is a batch
 * with one document per element, and a partner whose documents hold several items each (an EPCIS
 * document's events) gets one document per item. Anything else is refused as a whole with the
 * parser's reason.
 */
public final class PushBodyParser {

    /** The content types this adapter parses, by wire format. */
    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final int maxItems;

    /** @param maxItems the most documents one push may carry */
    public PushBodyParser(int maxItems) {
        this.maxItems = maxItems;
    }

    /** The wire format of a content type, or a 415 naming what is accepted. */
    public static String formatOf(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals(JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            return "json";
        }
        throw new PushRejection(415, "unsupported_media_type", "content type '" + (contentType == null ? "" : contentType)
                + "' is not accepted; send " + JSON);
    }

    /** Parses a JSON body into one document per object (a batch when the body is an array). */
    public List<RawDocument> parse(byte[] body, Provenance provenance) {
        return parse(body, provenance, null);
    }

    /**
     * Parses a JSON body whose documents each hold several items ({@code channels.rest.items}): one
     * document per item of each, in order ({@link DocumentItems}). A document with no items to split is
     * refused as a whole: 400, naming the pointer and what is there.
     *
     * @param items where the items of a document are, or null when each document is one item
     */
    public List<RawDocument> parse(byte[] body, Provenance provenance, DocumentItems items) {
        JsonNode root = read(body);
        if (items != null) {
            return split(root, provenance, items);
        }
        if (root.isObject()) {
            return List.of(new RawDocument(root, body, provenance.item(0)));
        }
        List<RawDocument> documents = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            documents.add(new RawDocument(item, serialize(item), provenance.item(i)));
        }
        return documents;
    }

    /** Every item of the body's documents (the body, or each object of a batch), numbered across the push. */
    private List<RawDocument> split(JsonNode root, Provenance provenance, DocumentItems items) {
        List<JsonNode> split;
        try {
            split = items.items(root);
        } catch (UnreadableDocumentException e) {
            throw new PushRejection(400, "no_items", e.getMessage());
        }
        if (split.size() > maxItems) {
            throw new PushRejection(413, "too_many_items", "the push has " + split.size() + " items (the elements of "
                    + items.pointer() + "); at most " + maxItems + " are accepted per push");
        }
        List<RawDocument> parsed = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            parsed.add(new RawDocument(split.get(i), serialize(split.get(i)), provenance.item(i)));
        }
        return parsed;
    }

    /** The body as one JSON object, or a non-empty batch of at most {@code maxItems}; anything else is refused. */
    private JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw new PushRejection(400, "empty_body", "the body is empty; send a JSON object or an array of them");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonParseException e) {
            throw new PushRejection(400, "malformed_json", "body is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (JsonProcessingException e) {
            throw new PushRejection(400, "malformed_json", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PushRejection(400, "malformed_json", "body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new PushRejection(400, "empty_body", "the body is empty; send a JSON object or an array of them");
        }
        if (root.isObject()) {
            return root;
        }
        if (!root.isArray()) {
            throw new PushRejection(400, "not_an_object", "body must be a JSON object or an array of objects, was a "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (root.isEmpty()) {
            throw new PushRejection(400, "empty_batch", "the batch is an empty array");
        }
        if (root.size() > maxItems) {
            throw new PushRejection(413, "too_many_items", "the batch has " + root.size() + " items; at most " + maxItems
                    + " are accepted per push");
        }
        return root;
    }

    private static byte[] serialize(JsonNode item) {
        try {
            return MAPPER.writeValueAsBytes(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }
}
