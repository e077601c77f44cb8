package io.waybill.adapter.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the values of one segment as the reader reports them (element, repetition, component)
 * and writes them out as JSON (see docs/edi-raw-document.md) and as EDI text.
 */
final class SegmentBuilder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String tag;
    /** Index = element position - 1; each element is its list of occurrences. */
    private final List<List<Occurrence>> elements = new ArrayList<>();
    private final int maxElements;

    /** @param maxElements elements kept; later ones are dropped (used for envelope segments) */
    SegmentBuilder(String tag, int maxElements) {
        this.tag = tag;
        this.maxElements = maxElements;
    }

    String tag() {
        return tag;
    }

    /** A value: component > 0 inside a composite; occurrence >= 1. */
    void value(int element, int component, int occurrence, String text) {
        if (element < 1 || element > maxElements) {
            return;
        }
        Occurrence slot = slot(element, occurrence);
        if (component > 0) {
            slot.composite = true;
            while (slot.components.size() < component) {
                slot.components.add("");
            }
            slot.components.set(component - 1, text);
        } else {
            slot.components.clear();
            slot.components.add(text);
        }
    }

    /** Marks the element as a composite even when none of its components has data. */
    void composite(int element, int occurrence) {
        if (element >= 1 && element <= maxElements) {
            slot(element, occurrence).composite = true;
        }
    }

    private Occurrence slot(int element, int occurrence) {
        while (elements.size() < element) {
            elements.add(new ArrayList<>(1));
        }
        List<Occurrence> occurrences = elements.get(element - 1);
        int index = Math.max(occurrence, 1);
        while (occurrences.size() < index) {
            occurrences.add(new Occurrence());
        }
        return occurrences.get(index - 1);
    }

    /** The simple value (or first component) of an element's first occurrence; "" when absent. */
    String text(int element) {
        return component(element, 1);
    }

    /** A component of an element's first occurrence; "" when absent. */
    String component(int element, int component) {
        if (element < 1 || element > elements.size() || elements.get(element - 1).isEmpty()) {
            return "";
        }
        List<String> components = elements.get(element - 1).get(0).components;
        return component <= components.size() ? components.get(component - 1) : "";
    }

    /** All components of an element's first occurrence, trailing empties dropped. */
    List<String> components(int element) {
        if (element < 1 || element > elements.size() || elements.get(element - 1).isEmpty()) {
            return List.of();
        }
        List<String> components = new ArrayList<>(elements.get(element - 1).get(0).components);
        while (!components.isEmpty() && components.get(components.size() - 1).isEmpty()) {
            components.remove(components.size() - 1);
        }
        return components;
    }

    /** Number of element positions received. */
    int elementCount() {
        return elements.size();
    }

    /** The occurrences of an element (1-based position): each a list of components (one for a simple value). */
    List<Occurrence> occurrences(int element) {
        return element >= 1 && element <= elements.size() ? elements.get(element - 1) : List.of();
    }

    /** Writes this segment's elements into {@code target}: key = tag + 2-digit position. */
    ObjectNode writeJson(ObjectNode target) {
        return writeJson(target, null);
    }

    /**
     * Writes this segment's elements into {@code target}; elements the definition declares composite
     * are written as arrays even when the partner sent a single value.
     */
    ObjectNode writeJson(ObjectNode target, TransactionStructure.Segment definition) {
        for (int i = 0; i < elements.size(); i++) {
            if (definition != null && definition.isComposite(i + 1)) {
                for (Occurrence occurrence : elements.get(i)) {
                    occurrence.composite = true;
                }
            }
            JsonNode value = elementJson(elements.get(i));
            if (value != null) {
                target.set(key(i + 1), value);
            }
        }
        return target;
    }

    private String key(int position) {
        return position < 10 ? tag + "0" + position : tag + position;
    }

    private static JsonNode elementJson(List<Occurrence> occurrences) {
        List<JsonNode> values = new ArrayList<>(occurrences.size());
        for (Occurrence occurrence : occurrences) {
            values.add(occurrence.json());
        }
        while (!values.isEmpty() && values.get(values.size() - 1) == null) {
            values.remove(values.size() - 1);
        }
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        ArrayNode repeated = JSON.arrayNode(values.size());
        for (JsonNode value : values) {
            repeated.add(value == null ? JSON.textNode("") : value);
        }
        return repeated;
    }

    /** Appends the segment as EDI text, trailing empty elements and components dropped. */
    void writeEdi(StringBuilder out, Delimiters delimiters) {
        out.append(tag);
        int last = elements.size();
        while (last > 0 && isEmpty(elements.get(last - 1))) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            out.append(delimiters.element());
            List<Occurrence> occurrences = elements.get(i);
            int lastOccurrence = occurrences.size();
            while (lastOccurrence > 1 && occurrences.get(lastOccurrence - 1).isEmpty()) {
                lastOccurrence--;
            }
            for (int o = 0; o < lastOccurrence; o++) {
                if (o > 0 && delimiters.repetition() != '\0') {
                    out.append(delimiters.repetition());
                }
                List<String> components = occurrences.get(o).components;
                int lastComponent = components.size();
                while (lastComponent > 1 && components.get(lastComponent - 1).isEmpty()) {
                    lastComponent--;
                }
                for (int c = 0; c < lastComponent; c++) {
                    if (c > 0) {
                        out.append(delimiters.component());
                    }
                    delimiters.escape(components.get(c), out);
                }
            }
        }
        out.append(delimiters.segment());
    }

    private static boolean isEmpty(List<Occurrence> occurrences) {
        for (Occurrence occurrence : occurrences) {
            if (!occurrence.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** One occurrence of an element: its components (one for a simple value). */
    static final class Occurrence {
        boolean composite;
        final List<String> components = new ArrayList<>(2);

        boolean isEmpty() {
            for (String component : components) {
                if (!component.isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        JsonNode json() {
            if (isEmpty()) {
                return null;
            }
            if (!composite) {
                return JSON.textNode(components.get(0));
            }
            int last = components.size();
            while (last > 0 && components.get(last - 1).isEmpty()) {
                last--;
            }
            ArrayNode array = JSON.arrayNode(last);
            for (int i = 0; i < last; i++) {
                array.add(components.get(i));
            }
            return array;
        }
    }
}
