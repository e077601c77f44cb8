package io.waybill.scoring;

import java.util.List;
import java.util.Map;

/**
 * An alert policy, loaded from a file under {@code policies/} (see {@link PolicyLoader}): which score it
 * watches, the score's parameters, and when an alert opens, escalates and closes.
 *
 * @param id                 policy id; also the alert type (one open alert per entity and type)
 * @param version            travels with every alert record, so an alert names the rules that raised it
 * @param score              the score it watches
 * @param parameters         the score's parameters (defaults from {@link ScoreKind#parameterDefaults()} filled in)
 * @param raise              raise when the score is at or above this ...
 * @param clear              ... and clear only when it is at or below this (hysteresis: clear &lt; raise)
 * @param minDurationMinutes the score must stay at or above {@code raise} this long (event time) before raising
 * @param severity           tiers, ascending by threshold; an open alert's tier only goes up
 * @param reviewBelow        an alert raised with a score confidence below this goes to {@code alerts.review}
 * @param description        what it is for
 */
public record Policy(String id, int version, ScoreKind score, Map<String, Double> parameters, double raise, double clear,
                     double minDurationMinutes, List<Tier> severity, double reviewBelow, String description) {

    /** A severity level reached when the score is at or above {@code at}. */
    public record Tier(String level, double at) {
    }

    public double parameter(String name) {
        Double value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("policy " + id + " has no parameter " + name);
        }
        return value;
    }

    /** Index into {@link #severity()} of the highest tier {@code value} reaches (0 when below all). */
    public int tierOf(double value) {
        int tier = 0;
        for (int i = 0; i < severity.size(); i++) {
            if (value >= severity.get(i).at()) {
                tier = i;
            }
        }
        return tier;
    }

    public String levelOf(int tier) {
        return severity.get(tier).level();
    }
}
