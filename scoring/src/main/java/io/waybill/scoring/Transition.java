package io.waybill.scoring;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One step of an alert's lifecycle, stamped with the event time it happened at. Its ids are
 * derived from the entity, the policy and event times only, so the same events yield the same ids
 * in any arrival order and on every replay.
 */
record Transition(String transitionId, String alertId, Policy policy, AlertState state, long at, long raisedAt, int tier,
                  boolean review, Score score, String triggerEventId, boolean revised) {

    static String alertId(EntityRef entity, Policy policy, long raisedAt) {
        return uuid(entity.key() + "|" + policy.id() + "|" + raisedAt);
    }

    static Transition of(EntityRef entity, Policy policy, AlertState state, String alertId, long at, long raisedAt, int tier,
                         boolean review, Score score, String trigger, boolean revised) {
        String id = uuid(alertId + "|" + state + (state == AlertState.UPDATED ? "|" + tier : ""));
        return new Transition(id, alertId, policy, state, at, raisedAt, tier, review, score, trigger, revised);
    }

    /** The id of the CLEARED step of an alert. */
    static String clearedId(String alertId) {
        return uuid(alertId + "|" + AlertState.CLEARED);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
