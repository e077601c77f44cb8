package io.waybill.scoring;

/**
 * Where one policy stands for one entity after one event: closed, pending (at or above the raise
 * level, waiting out the minimum duration) or open with a tier. Immutable; one per policy per point.
 *
 * @param open         an alert is open
 * @param alertId      the open alert
 * @param raisedAt     event time it was raised at, epoch ms
 * @param tier         index of its severity tier (only goes up while open)
 * @param review       raised with low confidence: its lifecycle goes to alerts.review
 * @param pendingSince event time the score first reached the raise level, while closed ({@link #NONE} otherwise)
 */
public record MachineState(boolean open, String alertId, long raisedAt, int tier, boolean review, long pendingSince) {

    public static final long NONE = Long.MIN_VALUE;
    public static final MachineState CLOSED = new MachineState(false, null, NONE, 0, false, NONE);
}
