package io.waybill.adapter.edi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds one transaction's JSON tree while its segments stream by. Loops opened by the
 * {@link LoopMatcher} (from the transaction schema) become objects holding their first segment's elements plus arrays
 * of their other segments and inner loops; X12 HL loops are placed under their parent HL (HL02).
 * Also keeps the transaction's segments as EDI text and its header and trailer values.
 */
final class TransactionBuilder extends FindingHolder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String HIERARCHICAL_LOOP = "HL";

    private final Delimiters delimiters;
    private final ObjectNode root = JSON.objectNode();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final Map<String, ObjectNode> hierarchy = new HashMap<>();
    private final StringBuilder raw = new StringBuilder();
    private final boolean lineBreaks;
    final long startOffset;

    int segmentCount;
    boolean headerRead;
    boolean trailerSeen;
    String type = "";
    String controlNumber = "";
    String version = "";
    String implementation = "";
    String agency = "";
    List<String> messageIdentifier = List.of();
    /** The schema structure of the type and the matcher placing segments in its loops; null without a schema. */
    TransactionStructure structure;
    LoopMatcher matcher;

    TransactionBuilder(Delimiters delimiters, long startOffset) {
        this.delimiters = delimiters;
        this.startOffset = startOffset;
        this.lineBreaks = delimiters.segment() != '\n' && delimiters.segment() != '\r';
        stack.push(new Frame(root, null, false));
    }

    void startLoop(String code) {
        stack.push(new Frame(JSON.objectNode(), code, true));
    }

    void endLoop() {
        if (stack.size() > 1) {
            stack.pop();
        }
    }

    /** The schema loop the next segment lands in, or null at the top. */
    String currentLoop() {
        return stack.peek().loopCode;
    }

    /**
     * Adds a finished segment to the tree and to the raw text.
     *
     * @return a note when an HL names a parent that was not seen, else null
     */
    String addSegment(SegmentBuilder segment, TransactionStructure.Segment definition) {
        segment.writeEdi(raw, delimiters);
        if (lineBreaks) {
            raw.append('\n');
        }
        Frame top = stack.peek();
        if (!top.pendingTrigger) {
            top.node.withArrayProperty(segment.tag()).add(segment.writeJson(JSON.objectNode(), definition));
            return null;
        }
        top.pendingTrigger = false;
        segment.writeJson(top.node, definition);
        if (HIERARCHICAL_LOOP.equals(top.loopCode) && HIERARCHICAL_LOOP.equals(segment.tag())) {
            return placeHierarchicalLevel(segment, top.node);
        }
        parentOf(top).node.withArrayProperty(segment.tag()).add(top.node);
        return null;
    }

    private String placeHierarchicalLevel(SegmentBuilder hl, ObjectNode level) {
        String id = hl.text(1);
        String parentId = hl.text(2);
        ObjectNode parent = parentId.isEmpty() ? null : hierarchy.get(parentId);
        (parent == null ? root : parent).withArrayProperty(HIERARCHICAL_LOOP).add(level);
        if (!id.isEmpty()) {
            hierarchy.put(id, level);
        }
        if (parent == null && !parentId.isEmpty()) {
            return "HL " + id + " names parent HL " + parentId + ", which was not seen before it; it is placed at the top";
        }
        return null;
    }

    private Frame parentOf(Frame frame) {
        Iterator<Frame> frames = stack.iterator();
        while (frames.hasNext()) {
            if (frames.next() == frame) {
                break;
            }
        }
        return frames.hasNext() ? frames.next() : stack.getLast();
    }

    /** The document body: the envelope block first, then the segments and loops. */
    ObjectNode body(ObjectNode envelope) {
        ObjectNode body = JSON.objectNode();
        body.set("envelope", envelope);
        body.setAll(root);
        return body;
    }

    byte[] rawBytes() {
        return raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final class Frame {
        final ObjectNode node;
        final String loopCode;
        boolean pendingTrigger;

        Frame(ObjectNode node, String loopCode, boolean pendingTrigger) {
            this.node = node;
            this.loopCode = loopCode;
            this.pendingTrigger = pendingTrigger;
        }
    }
}
