package io.waybill.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entity's temperature readings, kept so that the temperature-excursion score at an event costs
 * a few look-ups, not a pass over the window: {@link ScoreFunctions#temperatureExcursion} gives the
 * same score by going through every reading in the window, which at a reading a second (3,600 in a
 * window of an hour) made scoring a third of the hub's Java time in bench/run-mqtt.
 *
 * <p>Each reading is kept with what its predecessors decide about it: its allowed range (its set
 * point, else the one it carries over, else the policy's default range) and its running number.
 * Readings outside their range are also kept apart: only they add minutes, so a reefer holding its
 * temperature costs nothing per event however often it reports, and an excursion costs as many
 * steps as readings out of range in the window.
 *
 * <p>Readings are taken in event-time order ({@link #put} from the earliest changed reading on,
 * as {@link EntityState#derive} goes), so a late reading re-decides the readings after it.
 */
final class TemperatureTrack {

    /** A reading, with its range as its predecessors decide it, and its running number among the entity's readings. */
    record Reading(EventKey key, double temperatureC, Double setpointC, long setpointAt, double minC, double maxC,
                   double deviationC, long number) {

        boolean outside() {
            return deviationC > 0;
        }
    }

    private final Policy policy;
    private final long windowMs;
    private final long capMs;
    private final double tolerance;
    private final double defaultMin;
    private final double defaultMax;
    private final TreeMap<EventKey, Reading> readings = new TreeMap<>();
    private final TreeMap<EventKey, Reading> outside = new TreeMap<>();
    /** The set point in effect at the last reading pruned (null: none), which the readings after it may carry. */
    private Setpoint horizon;

    /** A set point, and when it was reported. */
    record Setpoint(Double celsius, long at) {
    }

    TemperatureTrack(Policy policy) {
        this.policy = policy;
        this.windowMs = ScoreFunctions.minutes(policy.parameter("window-minutes"));
        this.capMs = ScoreFunctions.minutes(policy.parameter("hold-cap-minutes"));
        this.tolerance = policy.parameter("setpoint-tolerance-c");
        this.defaultMin = policy.parameter("default-min-c");
        this.defaultMax = policy.parameter("default-max-c");
    }

    Policy policy() {
        return policy;
    }

    /** Takes (or takes again) the event at {@code key}: a reading when it has a temperature, else nothing. */
    void put(EventKey key, ScoringEvent event) {
        if (event.temperatureC() == null) {
            return;
        }
        Map.Entry<EventKey, Reading> before = readings.lowerEntry(key);
        Reading previous = before == null ? null : before.getValue();
        Setpoint carried = previous != null ? new Setpoint(previous.setpointC(), previous.setpointAt()) : horizon;
        Double setpoint = event.setpointC();
        long setpointAt = key.time();
        if (setpoint == null && carried != null && carried.celsius() != null
                && key.time() - carried.at() <= ScoreFunctions.setpointCarryMs(windowMs, capMs)) {
            setpoint = carried.celsius();
            setpointAt = carried.at();
        }
        double min = setpoint == null ? defaultMin : setpoint - tolerance;
        double max = setpoint == null ? defaultMax : setpoint + tolerance;
        double t = event.temperatureC();
        double deviation = t > max ? t - max : t < min ? min - t : 0;
        Reading reading = new Reading(key, t, setpoint, setpointAt, min, max, deviation, previous == null ? 1 : previous.number() + 1);
        readings.put(key, reading);
        if (reading.outside()) {
            outside.put(key, reading);
        } else {
            outside.remove(key);
        }
    }

    /**
     * Forgets the readings before {@code cutoff}, keeping the set point in effect at the last of them:
     * the readings left may carry it, here and after a restart (it goes into the snapshot).
     */
    void pruneBefore(EventKey cutoff) {
        Map.Entry<EventKey, Reading> last = readings.lowerEntry(cutoff);
        if (last != null) {
            horizon = new Setpoint(last.getValue().setpointC(), last.getValue().setpointAt());
        }
        readings.headMap(cutoff, false).clear();
        outside.headMap(cutoff, false).clear();
    }

    /** The set point the pruned readings leave behind (null: none pruned yet). */
    Setpoint horizon() {
        return horizon;
    }

    /** Sets what pruned readings left behind, from a snapshot, before any reading is put. */
    void restoreHorizon(Setpoint setpoint) {
        horizon = setpoint;
    }

    /** The score at the event {@code at} (time t): null when no reading is at or before it. */
    Score score(EventKey at) {
        Map.Entry<EventKey, Reading> last = readings.floorEntry(at);
        if (last == null) {
            return null;
        }
        long t = at.time();
        long from = t - windowMs;
        EventKey scanFrom = EventKey.first(from - capMs);
        if (last.getKey().compareTo(scanFrom) < 0) {
            // Readings before, none in reach of the window: nothing counts, and the range is the default.
            return ScoreFunctions.excursionScore(policy, t, 0, 0, 0, defaultMin, defaultMax, false, 0, null, List.of());
        }
        Map.Entry<EventKey, Reading> beforeScan = readings.lowerEntry(scanFrom);
        long firstNumber = beforeScan != null ? beforeScan.getValue().number() + 1 : readings.firstEntry().getValue().number();
        int inScan = (int) (last.getValue().number() - firstNumber + 1);
        long outsideMs = 0;
        int readingsOutside = 0;
        double maxDeviation = 0;
        List<String> ids = new ArrayList<>();
        for (Reading r : outside.subMap(scanFrom, true, at, true).values()) {
            EventKey nextKey = readings.higherKey(r.key());
            long next = nextKey == null || nextKey.compareTo(at) > 0 ? t : nextKey.time();
            long end = Math.min(Math.min(next, r.key().time() + capMs), t);
            long overlap = Math.max(0, end - Math.max(r.key().time(), from));
            if (overlap > 0) {
                outsideMs += overlap;
                readingsOutside++;
                maxDeviation = Math.max(maxDeviation, r.deviationC());
                ids.add(r.key().id());
            }
        }
        Reading latest = last.getValue();
        return ScoreFunctions.excursionScore(policy, t, outsideMs, inScan, readingsOutside, latest.minC(), latest.maxC(),
                latest.setpointC() != null, maxDeviation, latest.temperatureC(), ids);
    }

    int size() {
        return readings.size();
    }
}
