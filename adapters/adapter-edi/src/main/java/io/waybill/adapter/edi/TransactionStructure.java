package io.waybill.adapter.edi;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transaction schema as parsed by StAEDI, flattened for fast walking: its loops (each a list of
 * children, segment or loop, with their occurrence bounds) and its segment types (elements,
 * composites, base types). {@link LoopMatcher} and {@link SegmentChecks} walk it. StAEDI's own
 * validator walks the same schema, but rebuilds child lists on every element and costs about four
 * times the parse itself (measured on 214s); this structure is built once per schema.
 */
final class TransactionStructure {

    /** Loop codes that equal a segment name are written with this prefix in the schema files. */
    static final String LOOP_PREFIX = "LOOP-";
    /** How StAEDI names the types it puts in place of an {@code <any/>} in a segment or composite. */
    private static final String ANY_SUFFIX_COMPOSITE = "ANY_COMPOSITE";
    private static final String ANY_SUFFIX_ELEMENT = "ANY_ELEMENT";

    final Loop root;
    private final Map<String, Segment> segments = new HashMap<>();
    private final Set<String> tags = new HashSet<>();

    TransactionStructure(Schema schema) {
        this.root = loop(schema.getStandard(), null);
    }

    /** The definition of a segment of this transaction type, or null for a segment it does not know. */
    Segment segment(String tag) {
        return segments.get(tag);
    }

    /** True when the transaction type has this segment anywhere. */
    boolean contains(String tag) {
        return tags.contains(tag);
    }

    private Loop loop(EDIComplexType type, String code) {
        List<Child> children = new ArrayList<>();
        for (EDIReference reference : type.getReferences()) {
            EDIType child = reference.getReferencedType();
            if (child.getType() == EDIType.Type.LOOP) {
                Loop loop = loop((EDIComplexType) child, loopId(child.getCode()));
                children.add(new Child(loop.trigger(), reference.getMinOccurs(), reference.getMaxOccurs(), loop));
            } else if (child.getType() == EDIType.Type.SEGMENT) {
                String tag = child.getId();
                tags.add(tag);
                segments.computeIfAbsent(tag, t -> segment((EDIComplexType) child));
                children.add(new Child(tag, reference.getMinOccurs(), reference.getMaxOccurs(), null));
            }
        }
        return new Loop(code, children.toArray(Child[]::new));
    }

    private static String loopId(String code) {
        return code != null && code.startsWith(LOOP_PREFIX) ? code.substring(LOOP_PREFIX.length()) : code;
    }

    private static Segment segment(EDIComplexType type) {
        List<EDIReference> references = type.getReferences();
        Element[] elements = new Element[references.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = element(references.get(i));
        }
        return new Segment(type.getId(), elements);
    }

    private static Element element(EDIReference reference) {
        EDIType type = reference.getReferencedType();
        if (type.getId().endsWith(ANY_SUFFIX_COMPOSITE) || type.getId().endsWith(ANY_SUFFIX_ELEMENT)) {
            // <any/>: whatever the partner sends, unchecked (a simple value stays simple)
            return new Element(0, 99, null, 0, Long.MAX_VALUE, null);
        }
        if (type instanceof EDIComplexType) {
            List<EDIReference> references = ((EDIComplexType) type).getReferences();
            Element[] components = new Element[references.size()];
            for (int i = 0; i < components.length; i++) {
                components[i] = element(references.get(i));
            }
            return new Element(reference.getMinOccurs(), reference.getMaxOccurs(), null, 0, 0, components);
        }
        EDISimpleType simple = (EDISimpleType) type;
        return new Element(reference.getMinOccurs(), reference.getMaxOccurs(), simple.getBase(), simple.getMinLength(),
                simple.getMaxLength(), null);
    }

    /** A loop (or the transaction itself): its children in schema order. */
    static final class Loop {
        final String id;
        final Child[] children;

        Loop(String id, Child[] children) {
            this.id = id;
            this.children = children;
        }

        /** The segment that starts the loop. */
        String trigger() {
            return children.length == 0 ? "" : children[0].tag;
        }
    }

    /** A segment or a loop in a loop, with the tag that starts it and its occurrence bounds. */
    static final class Child {
        final String tag;
        final int min;
        final int max;
        final Loop loop;

        Child(String tag, int min, int max, Loop loop) {
            this.tag = tag;
            this.min = min;
            this.max = max;
            this.loop = loop;
        }
    }

    /** A segment type: its elements by position (index 0 = element 01). */
    static final class Segment {
        final String tag;
        final Element[] elements;

        Segment(String tag, Element[] elements) {
            this.tag = tag;
            this.elements = elements;
        }

        boolean isComposite(int position) {
            return position >= 1 && position <= elements.length && elements[position - 1].components != null;
        }
    }

    /** An element (simple: base type and lengths) or composite (its components). */
    static final class Element {
        final int min;
        final int max;
        final EDISimpleType.Base base;
        final long minLength;
        final long maxLength;
        final Element[] components;

        Element(int min, int max, EDISimpleType.Base base, long minLength, long maxLength, Element[] components) {
            this.min = min;
            this.max = max;
            this.base = base;
            this.minLength = minLength;
            this.maxLength = maxLength;
            this.components = components;
        }
    }
}
