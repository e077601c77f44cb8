package io.waybill.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert lifecycle record, as published to {@code alerts.v1} (JSON) and to Artemis.
 *
 * @param transitionId    deterministic id of this record: consumers drop a repeat by it
 * @param alertId         deterministic id of the alert (entity, policy, event time it was raised at)
 * @param state           RAISED, UPDATED or CLEARED
 * @param type            the alert type: the policy id
 * @param entityType      asset or shipment
 * @param entityId        the asset or shipment id
 * @param severity        the tier's level
 * @param confidence      the score's confidence when the alert was raised / at this step
 * @param destination     {@code alerts} (subscribers) or {@code alerts.review} (a person decides)
 * @param at              event time of this step (UTC)
 * @param raisedAt        event time the alert was raised at (UTC)
 * @param score           the score at this step with its inputs
 * @param summary         one sentence a person can read
 * @param causingEventIds the canonical events that drove the score
 * @param triggerEventId  the event whose arrival in event-time order made this step happen
 * @param policy          id and version of the policy
 * @param revised         true for a clear caused by late events that removed the reason for an alert already sent
 */
public record AlertRecord(String transitionId, String alertId, AlertState state, String type, String entityType,
                          String entityId, String severity, double confidence, String destination, String at,
                          String raisedAt, ScoreValue score, String summary, List<String> causingEventIds,
                          String triggerEventId, PolicyRef policy, boolean revised) {

    public static final String ALERTS = "alerts";
    public static final String REVIEW = "alerts.review";

    /** A score's value, unit and inputs. */
    public record ScoreValue(String name, double value, String unit, Map<String, Object> inputs) {
    }

    /** The policy that made the alert. */
    public record PolicyRef(String id, int version) {
    }

    /** The Kafka key: entity id and alert type, so one alert's records stay in order. */
    public String key() {
        return entityId + "/" + type;
    }

    public boolean toReview() {
        return destination.equals(REVIEW);
    }

    static AlertRecord of(EntityRef entity, Transition t) {
        Score s = t.score();
        Policy p = t.policy();
        ScoreValue value = s == null ? null : new ScoreValue(s.kind().wireName(), s.value(), s.kind().unit(), s.inputs());
        String summary = (t.revised() ? "revised by late events: the reason for this alert no longer holds"
                : s == null ? "" : s.summary());
        return new AlertRecord(t.transitionId(), t.alertId(), t.state(), p.id(), entity.kind(), entity.id(),
                p.levelOf(t.tier()), s == null ? 1.0 : s.confidence(), t.review() ? REVIEW : ALERTS,
                Instant.ofEpochMilli(t.at()).toString(), Instant.ofEpochMilli(t.raisedAt()).toString(), value, summary,
                s == null ? List.of() : s.eventIds(), t.triggerEventId(), new PolicyRef(p.id(), p.version()), t.revised());
    }
}
