package io.waybill.hub.scoring;

import io.waybill.scoring.Scorer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers the query endpoints (scoring.camel.yaml) from the scorer's state. */
public final class ScoringQueries {

    private final Scorer scorer;

    public ScoringQueries(Scorer scorer) {
        this.scorer = scorer;
    }

    /** {@code GET /api/v1/shipments/{id}}: the shipment's state, scores, open alerts and recent events, or null. */
    public Map<String, Object> shipment(String id) {
        return id == null ? null : scorer.shipment(id);
    }

    /** {@code GET /api/v1/alerts?state=open|recent}: the open alerts (the default), or the latest records sent. */
    public Map<String, Object> alerts(String state) {
        Map<String, Object> answer = new LinkedHashMap<>();
        String wanted = state == null || state.isBlank() ? "open" : state;
        answer.put("state", wanted);
        switch (wanted) {
            case "open" -> answer.put("alerts", scorer.openAlerts());
            case "recent" -> answer.put("alerts", scorer.recentAlerts());
            default -> throw new IllegalArgumentException("state must be open or recent, not '" + wanted + "'");
        }
        return answer;
    }
}
