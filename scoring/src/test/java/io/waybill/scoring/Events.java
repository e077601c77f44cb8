package io.waybill.scoring;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Test events and the repository's policies. */
final class Events {

    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private Events() {
    }

    static List<Policy> policies() {
        return PolicyLoader.loadAll(Path.of("..", "policies"));
    }

    static long at(int minutes) {
        return T0.plusSeconds(minutes * 60L).toEpochMilli();
    }

    static ScoringEvent reading(String asset, int minute, double temperature, Double setpoint) {
        return new ScoringEvent("t-" + asset + "-" + minute, ScoringEvent.TELEMETRY, asset, at(minute), temperature, setpoint,
                null, null, null, null, null, null, null);
    }

    static ScoringEvent status(String shipment, String id, int minute, String status, String location, Double temperature) {
        return new ScoringEvent(id, ScoringEvent.STATUS, shipment, at(minute), temperature, null, status, location,
                null, null, null, null, null);
    }

    static ScoringEvent eta(String shipment, String id, int minute, String type, int estimatedMinute, Integer promisedMinute,
                            String source) {
        return new ScoringEvent(id, ScoringEvent.ETA, shipment, at(minute), null, null, null, null, type, at(estimatedMinute),
                promisedMinute == null ? null : at(promisedMinute), promisedMinute == null ? null : "previous-estimate", source);
    }
}
