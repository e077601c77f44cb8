package io.waybill.scoring;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One score of one entity at one moment of event time, with everything needed to explain it.
 *
 * @param kind       which score
 * @param value      the score, in {@link ScoreKind#unit()}
 * @param confidence 0 to 1: how much the inputs support the value (few readings, a default range and
 *                   a predicted ETA lower it); a policy sends alerts below its threshold to review
 * @param inputs     the named inputs the value was computed from, in the order they explain it
 * @param eventIds   the events that drove the value (bounded), for the alert's causing event ids
 * @param summaryText one human sentence, written only when asked for (most scores are never published)
 */
public record Score(ScoreKind kind, double value, double confidence, Map<String, Object> inputs, List<String> eventIds,
                    Supplier<String> summaryText) {

    /** One human sentence explaining the value. */
    public String summary() {
        return summaryText.get();
    }

    /** Scores are rounded to 0.1 so that the same events always print the same number. */
    static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
