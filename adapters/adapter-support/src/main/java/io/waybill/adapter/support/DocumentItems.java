package io.waybill.adapter.support;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a document that carries several items in one array ({@code channels.rest.items}, e.g. an
 * EPCIS 2.0 document's events at {@code /epcisBody/eventList}) into one document per item. Each is
 * the whole document with only that one item left in the array, so its mapping still reads the
 * document around the item (its {@code @context}, {@code creationDate}, header), and its bytes on the
 * DLQ are a document of the partner's own kind that can be fixed and sent again as it is.
 *
 * <p>An element that is not a JSON object is handed on bare, as a batch's element is: mapping then
 * refuses it as an item that is not an object, and it is dead-lettered on its own. A document with no
 * array at the pointer, or an empty one, cannot be split and is refused whole.
 *
 * <p>The copies share the document's unchanged nodes: mapping reads documents, it never changes them.
 */
public final class DocumentItems {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonPointer at;
    private final String key;

    /**
     * @param pointer where the items are, a JSON Pointer such as {@code /epcisBody/eventList}
     * @param key     the setting that declares it, named in refusals (e.g. {@code channels.rest.items})
     */
    public DocumentItems(String pointer, String key) {
        this.at = JsonPointer.compile(pointer);
        this.key = key;
    }

    /** The pointer the items are at. */
    public String pointer() {
        return at.toString();
    }

    /**
     * The items of a message: of its document, or of each document of a batch (a JSON array), in order.
     * A batch element that is not an object stays one item, for mapping to refuse as it does in any batch.
     *
     * @throws UnreadableDocumentException as {@link #split}, naming the batch element at fault
     */
    public List<JsonNode> items(JsonNode message) {
        if (!message.isArray()) {
            return split(message);
        }
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < message.size(); i++) {
            JsonNode document = message.get(i);
            if (!document.isObject()) {
                items.add(document);
                continue;
            }
            try {
                items.addAll(split(document));
            } catch (UnreadableDocumentException e) {
                throw new UnreadableDocumentException("batch item " + i + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    /**
     * One document per item of {@code document}, in the array's order.
     *
     * @throws UnreadableDocumentException when the document is not an object, or holds no array, or an
     *                                     empty one, at the pointer; the reason names the pointer and what is there
     */
    public List<JsonNode> split(JsonNode document) {
        if (!document.isObject()) {
            throw new UnreadableDocumentException("the document is a JSON " + typeOf(document) + ", not an object holding its items at "
                    + at + " (" + key + ")");
        }
        JsonNode items = document.at(at);
        if (items.isMissingNode() || items.isNull()) {
            throw new UnreadableDocumentException("the document has no " + at + ": its items are expected there, as a JSON array (" + key + ")");
        }
        if (!items.isArray()) {
            throw new UnreadableDocumentException("the document's " + at + " is a JSON " + typeOf(items) + ", not an array of items ("
                    + key + ")");
        }
        if (items.isEmpty()) {
            throw new UnreadableDocumentException("the document's " + at + " is empty: it holds no item to process (" + key + ")");
        }
        List<JsonNode> split = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            split.add(item.isObject() ? with(document, at, NODES.arrayNode(1).add(item)) : item);
        }
        return split;
    }

    /** {@code node} with the node at {@code path} replaced by {@code replacement}; the nodes off the path are shared. */
    private static JsonNode with(JsonNode node, JsonPointer path, JsonNode replacement) {
        if (path.matches()) {
            return replacement;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = NODES.objectNode();
            String name = path.getMatchingProperty();
            object.fields().forEachRemaining(field -> copy.set(field.getKey(),
                    field.getKey().equals(name) ? with(field.getValue(), path.tail(), replacement) : field.getValue()));
            return copy;
        }
        ArrayNode array = (ArrayNode) node;
        ArrayNode copy = NODES.arrayNode(array.size());
        int index = path.getMatchingIndex();
        for (int i = 0; i < array.size(); i++) {
            copy.add(i == index ? with(array.get(i), path.tail(), replacement) : array.get(i));
        }
        return copy;
    }

    private static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
