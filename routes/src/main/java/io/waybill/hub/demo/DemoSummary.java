package io.waybill.hub.demo;

import java.util.ArrayList;
import java.util.List;

/** Every demo push's outcome, and the totals the demo prints. */
public record DemoSummary(List<PushOutcome> pushes) {

    public long items() {
        return pushes.stream().mapToLong(PushOutcome::items).sum();
    }

    public long accepted() {
        return pushes.stream().mapToLong(PushOutcome::accepted).sum();
    }

    public long duplicates() {
        return pushes.stream().mapToLong(PushOutcome::duplicates).sum();
    }

    public long rejected() {
        return pushes.stream().mapToLong(PushOutcome::rejected).sum();
    }

    /** Pushes refused or failed as a whole (no per-item answer). */
    public long refused() {
        return pushes.stream().filter(p -> p.refusal() != null).count();
    }

    /**
     * The closing lines: totals, what duplicates on first sends mean, where to look next.
     *
     * @param consumeOptions options the hinted consume commands need (a --bootstrap when the hub's
     *                       Kafka is not the default one), or ""
     */
    public List<String> closingLines(String consumeOptions) {
        String extra = consumeOptions.isBlank() ? "" : " " + consumeOptions.strip();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("totals: %d pushes, %d items: %d accepted, %d %s, %d rejected (on dlq.v1)%s",
                pushes.size(), items(), accepted(), duplicates(), duplicates() == 1 ? "duplicate" : "duplicates",
                rejected(), refused() > 0 ? "; " + refused() + " push(es) refused as a whole" : ""));
        long fromBefore = pushes.stream().mapToLong(PushOutcome::duplicatesFromBefore).sum();
        if (fromBefore > 0) {
            lines.add(fromBefore + " item(s) sent for the first time in this run came back duplicate: an earlier demo run"
                    + " published them already (same message, same event id), so the hub did not publish them twice.");
        }
        lines.add("see them: ./waybill consume canonical.shipment-status.v1 --from-beginning --max 5" + extra);
        lines.add("          ./waybill consume canonical.eta.v1 --from-beginning" + extra);
        lines.add("          ./waybill consume dlq.v1 --from-beginning" + extra + "   (the rejected items, with the reason in headers)");
        lines.add("          ./waybill consume alerts.v1 --from-beginning" + extra + "   (alerts the samples raised, with their scores)");
        return lines;
    }
}
