package io.waybill.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The scores Waybill computes, each a function of an entity's events sorted by event time (see
 * {@link ScoreFunctions}). The wire name is the policy's {@code score:} and the alert's {@code type}.
 */
public enum ScoreKind {

    /** Time-weighted minutes outside the allowed temperature range over a trailing window (assets and shipments). */
    TEMPERATURE_EXCURSION("temperature-excursion", "minutes", List.of(EntityRef.ASSET, EntityRef.SHIPMENT),
            Map.of("window-minutes", 60.0, "hold-cap-minutes", 30.0, "setpoint-tolerance-c", 3.0,
                    "default-min-c", 0.0, "default-max-c", 6.0)),
    /** Minutes the latest ETA lies after the promised (or first) one of the same etaType (shipments). */
    ETA_DRIFT("eta-drift", "minutes", List.of(EntityRef.SHIPMENT), Map.of()),
    /** 0-100 points: lateness against the promise, staleness of the last status, dwell (shipments). */
    DELAY_RISK("delay-risk", "points", List.of(EntityRef.SHIPMENT),
            Map.of("lateness-points-per-hour", 20.0, "lateness-max-points", 60.0,
                    "staleness-after-minutes", 360.0, "staleness-points-per-hour", 5.0, "staleness-max-points", 20.0,
                    "dwell-after-minutes", 240.0, "dwell-points-per-hour", 5.0, "dwell-max-points", 20.0)),
    /** Minutes at the current location since the shipment arrived there (shipments). */
    DWELL("dwell", "minutes", List.of(EntityRef.SHIPMENT), Map.of()),
    /** Minutes since an asset's last event, against the stream's event-time watermark (assets). */
    SILENCE("silence", "minutes", List.of(EntityRef.ASSET), Map.of());

    private final String wireName;
    private final String unit;
    private final List<String> entityKinds;
    private final Map<String, Double> parameterDefaults;

    ScoreKind(String wireName, String unit, List<String> entityKinds, Map<String, Double> parameterDefaults) {
        this.wireName = wireName;
        this.unit = unit;
        this.entityKinds = entityKinds;
        this.parameterDefaults = parameterDefaults;
    }

    public String wireName() {
        return wireName;
    }

    public String unit() {
        return unit;
    }

    public boolean appliesTo(EntityRef entity) {
        return entityKinds.contains(entity.kind());
    }

    /** The parameters a policy of this score may set, with their defaults. */
    public Map<String, Double> parameterDefaults() {
        return parameterDefaults;
    }

    public static ScoreKind fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown score '" + name + "'; known: "
                        + Arrays.stream(values()).map(ScoreKind::wireName).toList()));
    }
}
