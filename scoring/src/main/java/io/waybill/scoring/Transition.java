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

    /**
     * A step's id once its alert has come back after {@code revival} revised clears: late events took
     * the alert's reason away (a revised clear was sent), and later ones brought it back. The steps
     * sent before keep their ids; these get new ones, so that readers and Artemis' duplicate
     * detection take them as the news they are.
     */
    static String revived(String transitionId, int revival) {
        return revival == 0 ? transitionId : uuid(transitionId + "|revival " + revival);
    }

    Transition withId(String id) {
        return new Transition(id, alertId, policy, state, at, raisedAt, tier, review, score, triggerEventId, revised);
    }

    /** The id of the CLEARED step of an alert. */
    static String clearedId(String alertId) {
        return uuid(alertId + "|" + AlertState.CLEARED);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
