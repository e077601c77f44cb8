package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.waybill.adapter.edi.TransactionStructure.Child;
import io.waybill.adapter.edi.TransactionStructure.Loop;

import java.util.ArrayList;
import java.util.List;

/**
 * Places the segments of one transaction in the loops of its schema, the way X12 and EDIFACT
 * define it: a segment belongs to the innermost open loop that admits it at or after the current
 * position; otherwise loops are closed outward until one does, and a loop's first segment starts
 * a new instance. A segment no open loop admits stays where it is (in the innermost loop) and is
 * reported: out of sequence, unexpected, or not part of the transaction type at all. Mandatory
 * segments and loops skipped over are reported as missing.
 */
final class LoopMatcher {

    /** Where a segment goes: loops to close, then the loop to open (or null), and what was found. */
    record Placement(int close, Loop open, List<Problem> problems) {
    }

    /** A segment-level finding: the code, the segment tag it names and the loop it was in. */
    record Problem(Code code, String tag, String loopId) {
    }

    private final TransactionStructure structure;
    private final List<Frame> frames = new ArrayList<>();

    LoopMatcher(TransactionStructure structure) {
        this.structure = structure;
        frames.add(new Frame(structure.root, -1));
    }

    /** The loop the next segment would land in if it stays: the innermost open loop's id, or null. */
    String currentLoop() {
        return top().loop.id;
    }

    Placement place(String tag) {
        List<Problem> problems = new ArrayList<>(0);
        for (int depth = frames.size() - 1; depth >= 0; depth--) {
            Frame frame = frames.get(depth);
            int index = frame.find(tag);
            if (index < 0) {
                continue;
            }
            int close = frames.size() - 1 - depth;
            for (int i = 0; i < close; i++) {
                Frame closed = frames.remove(frames.size() - 1);
                closed.missingAfter(closed.position, problems);
            }
            frame.missingBetween(frame.position, index, problems);
            frame.position = index;
            Child child = frame.loop.children[index];
            frame.counts[index]++;
            if (frame.counts[index] > child.max) {
                problems.add(new Problem(child.loop != null ? Code.LOOP_OVER_MAXIMUM : Code.SEGMENT_OVER_MAXIMUM, tag,
                        frame.loop.id));
            }
            Loop open = null;
            if (child.loop != null) {
                open = child.loop;
                Frame opened = new Frame(open, 0);
                opened.counts[0] = 1;
                frames.add(opened);
            }
            return new Placement(close, open, problems);
        }
        Frame top = top();
        Code code = top.findBefore(tag) ? Code.SEGMENT_OUT_OF_SEQUENCE
                : structure.contains(tag) ? Code.UNEXPECTED_SEGMENT : Code.SEGMENT_NOT_IN_TRANSACTION_SET;
        problems.add(new Problem(code, tag, top.loop.id));
        return new Placement(0, null, problems);
    }

    /** The transaction ends: closes every loop, reporting what mandatory content never came. */
    Placement finish() {
        List<Problem> problems = new ArrayList<>(0);
        int close = frames.size() - 1;
        while (!frames.isEmpty()) {
            Frame closed = frames.remove(frames.size() - 1);
            closed.missingAfter(closed.position, problems);
        }
        return new Placement(close, null, problems);
    }

    private Frame top() {
        return frames.get(frames.size() - 1);
    }

    /** One open loop instance: its schema, the child last matched and how often each child occurred. */
    private static final class Frame {
        final Loop loop;
        final int[] counts;
        int position;

        Frame(Loop loop, int position) {
            this.loop = loop;
            this.counts = new int[loop.children.length];
            this.position = position;
        }

        /** The first child at or after the current position that the tag starts; a loop never restarts itself. */
        int find(String tag) {
            int from = Math.max(position, loop == null || loop.id == null ? 0 : 1);
            from = Math.max(from, 0);
            Child[] children = loop.children;
            for (int i = from; i < children.length; i++) {
                if (children[i].tag.equals(tag)) {
                    return i;
                }
            }
            return -1;
        }

        boolean findBefore(String tag) {
            for (int i = 0; i < position && i < loop.children.length; i++) {
                if (loop.children[i].tag.equals(tag)) {
                    return true;
                }
            }
            return false;
        }

        void missingBetween(int from, int to, List<Problem> problems) {
            for (int i = Math.max(from + 1, 0); i < to; i++) {
                missing(i, problems);
            }
        }

        void missingAfter(int from, List<Problem> problems) {
            for (int i = Math.max(from + 1, 0); i < loop.children.length; i++) {
                missing(i, problems);
            }
        }

        private void missing(int index, List<Problem> problems) {
            Child child = loop.children[index];
            if (counts[index] < child.min) {
                problems.add(new Problem(Code.MANDATORY_SEGMENT_MISSING, child.tag, loop.id));
            }
        }
    }
}
