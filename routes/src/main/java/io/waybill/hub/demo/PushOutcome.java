package io.waybill.hub.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hub answered to one demo push.
 *
 * @param push       the push
 * @param resend     true when an earlier push of this run sent the same sample
 * @param httpStatus the answer's status (0 when the hub could not be reached)
 * @param items      items the hub counted in the push
 * @param accepted   items published now
 * @param duplicates items whose events were all published before
 * @param rejected   items rejected (and dead-lettered)
 * @param rejections why each rejected item was rejected
 * @param refusal    when the push was refused or failed as a whole: why; else null
 */
public record PushOutcome(DemoPush push, boolean resend, int httpStatus, int items, long accepted, long duplicates,
                          long rejected, List<Rejection> rejections, String refusal) {

    /** One rejected item: its index in the push, the stage that failed and the hub's reason. */
    public record Rejection(int index, String stage, String reason, boolean deadLettered) {
    }

    static PushOutcome refused(DemoPush push, boolean resend, int httpStatus, String refusal) {
        return new PushOutcome(push, resend, httpStatus, 0, 0, 0, 0, List.of(), refusal);
    }

    /** Duplicates on a first send: events an earlier run (or someone else) had already published. */
    long duplicatesFromBefore() {
        return resend ? 0 : duplicates;
    }

    /** The summary lines for this push: one, plus one per rejected item or refusal. */
    List<String> lines(int number, int of) {
        String head = String.format("push %d/%d  %-17s", number, of, push.partner());
        String tail = "  " + push.shows() + " [" + push.sample() + "]";
        if (refusal != null) {
            return List.of(head + String.format("%-33s", " refused" + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : ""))
                    + tail, "            " + refusal);
        }
        StringBuilder counts = new StringBuilder();
        append(counts, accepted, "accepted");
        append(counts, duplicates, duplicates == 1 ? "duplicate" : "duplicates");
        append(counts, rejected, "rejected");
        String line = head + String.format(" %-9s%-23s", items + (items == 1 ? " item:" : " items:"), counts) + tail;
        List<String> lines = new ArrayList<>();
        lines.add(line);
        for (Rejection rejection : rejections) {
            lines.add("            item " + rejection.index() + " rejected at " + rejection.stage() + ": " + rejection.reason()
                    + (rejection.deadLettered() ? " (dead-lettered to dlq.v1)" : ""));
        }
        return lines;
    }

    private static void append(StringBuilder counts, long count, String what) {
        if (count > 0) {
            counts.append(counts.length() == 0 ? "" : ", ").append(count).append(' ').append(what);
        }
    }
}
