package io.waybill.scoring;

import java.util.List;
import java.util.Map;

/**
 * One score of one entity as published to {@code scores.v1} (JSON, keyed by entity id): the score at
 * the entity's latest event, with its inputs and the policy whose parameters computed it.
 */
public record ScoreRecord(String entityType, String entityId, String score, double value, String unit, double confidence,
                          String at, Map<String, Object> inputs, List<String> eventIds, String summary,
                          AlertRecord.PolicyRef policy) {

    static ScoreRecord of(EntityRef entity, Policy policy, Score s, long at) {
        return new ScoreRecord(entity.kind(), entity.id(), s.kind().wireName(), s.value(), s.kind().unit(), s.confidence(),
                java.time.Instant.ofEpochMilli(at).toString(), s.inputs(), s.eventIds(), s.summary(),
                new AlertRecord.PolicyRef(policy.id(), policy.version()));
    }
}
