package io.waybill.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The scores, each a pure function of an entity's events up to a moment {@code t} of event time
 * ({@code view} holds the events at or before {@code t}, sorted by event time then id). No wall
 * clock anywhere: the same events give the same score, in whatever order they arrived.
 * A function returns null when the score does not apply yet (no temperature ever, no ETA ever).
 */
public final class ScoreFunctions {

    /** Statuses after which a shipment is no longer dwelling at its last location. */
    static final Set<String> MOVING = Set.of("DEPARTED", "IN_TRANSIT", "GATE_OUT", "OUT_FOR_DELIVERY", "DELIVERED",
            "CANCELLED", "RETURNED", "TRANSSHIPPED");
    /** Statuses that end the risk of being late. */
    static final Set<String> DONE = Set.of("DELIVERED", "CANCELLED");
    private static final int MAX_EVENT_IDS = 20;
    private static final double MINUTE = 60_000.0;

    private ScoreFunctions() {
    }

    static Score compute(Policy policy, NavigableMap<EventKey, ScoringEvent> view, long t) {
        return switch (policy.score()) {
            case TEMPERATURE_EXCURSION -> temperatureExcursion(policy, view, t);
            case ETA_DRIFT -> etaDrift(view);
            case DWELL -> dwell(view, t);
            case DELAY_RISK -> delayRisk(policy, view, t);
            case SILENCE -> null; // from the gaps between events and the watermark: see EntityState
        };
    }

    /**
     * Minutes outside the allowed range during the trailing {@code window-minutes} before t. Each
     * reading holds until the next one, for at most {@code hold-cap-minutes} (a gap in reporting is not
     * counted as time out of range). A reading's range is its set point ± {@code setpoint-tolerance-c};
     * a reading without one takes the last set point reported at or before it, when that is at most
     * {@code window-minutes} + {@code hold-cap-minutes} older; else the range is
     * [{@code default-min-c}, {@code default-max-c}]: shipments declare no range of their own.
     * Confidence: 0.9 with two or more readings out of range against a set point, 0.8 against the
     * default range, 0.5 when a single reading carries the excursion.
     *
     * <p>This goes through every reading in reach of the window: the definition, and what the tests
     * hold {@link TemperatureTrack} (which scoring uses, at a few look-ups per event) to.
     */
    public static Score temperatureExcursion(Policy policy, NavigableMap<EventKey, ScoringEvent> view, long t) {
        long window = minutes(policy.parameter("window-minutes"));
        long cap = minutes(policy.parameter("hold-cap-minutes"));
        long carry = setpointCarryMs(window, cap);
        double tolerance = policy.parameter("setpoint-tolerance-c");
        long from = t - window;
        EventKey scanFrom = EventKey.first(from - cap);
        List<ScoringEvent> readings = new ArrayList<>();
        for (ScoringEvent e : view.tailMap(scanFrom, true).values()) {
            if (e.temperatureC() != null) {
                readings.add(e);
            }
        }
        if (readings.isEmpty() && view.values().stream().noneMatch(e -> e.temperatureC() != null)) {
            return null;
        }
        // The set point carried into the scan: the last one a reading reported before it, while in reach.
        Double setpoint = null;
        long setpointAt = 0;
        for (ScoringEvent e : view.headMap(scanFrom, false).descendingMap().values()) {
            if (e.time() < scanFrom.time() - carry) {
                break;
            }
            if (e.temperatureC() != null && e.setpointC() != null) {
                setpoint = e.setpointC();
                setpointAt = e.time();
                break;
            }
        }
        long outside = 0;
        int readingsOutside = 0;
        double maxDeviation = 0;
        double rangeMin = policy.parameter("default-min-c");
        double rangeMax = policy.parameter("default-max-c");
        boolean fromSetpoint = false;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            ScoringEvent r = readings.get(i);
            if (r.setpointC() != null) {
                setpoint = r.setpointC();
                setpointAt = r.time();
            } else if (setpoint != null && r.time() - setpointAt > carry) {
                setpoint = null;
            }
            double min = setpoint == null ? policy.parameter("default-min-c") : setpoint - tolerance;
            double max = setpoint == null ? policy.parameter("default-max-c") : setpoint + tolerance;
            long next = i + 1 < readings.size() ? readings.get(i + 1).time() : t;
            long end = Math.min(Math.min(next, r.time() + cap), t);
            long overlap = Math.max(0, end - Math.max(r.time(), from));
            double deviation = r.temperatureC() > max ? r.temperatureC() - max : r.temperatureC() < min ? min - r.temperatureC() : 0;
            if (deviation > 0 && overlap > 0) {
                outside += overlap;
                readingsOutside++;
                maxDeviation = Math.max(maxDeviation, deviation);
                ids.add(r.id());
            }
            rangeMin = min;
            rangeMax = max;
            fromSetpoint = setpoint != null;
        }
        return excursionScore(policy, t, outside, readings.size(), readingsOutside, rangeMin, rangeMax, fromSetpoint,
                maxDeviation, readings.isEmpty() ? null : readings.get(readings.size() - 1).temperatureC(), ids);
    }

    /** The temperature-excursion score from what the readings in reach of the window add up to. */
    static Score excursionScore(Policy policy, long t, long outsideMs, int readingsInWindow, int readingsOutside, double rangeMin,
                                double rangeMax, boolean fromSetpoint, double maxDeviation, Double lastTemperature, List<String> ids) {
        double value = Score.round(outsideMs / MINUTE);
        double confidence = readingsOutside == 0 ? 1.0 : readingsOutside == 1 ? 0.5 : fromSetpoint ? 0.9 : 0.8;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("windowMinutes", policy.parameter("window-minutes"));
        inputs.put("rangeMinC", rangeMin);
        inputs.put("rangeMaxC", rangeMax);
        inputs.put("rangeSource", fromSetpoint ? "setpoint" : "policy-default");
        inputs.put("readingsInWindow", readingsInWindow);
        inputs.put("readingsOutside", readingsOutside);
        inputs.put("lastTemperatureC", lastTemperature);
        inputs.put("maxDeviationC", Score.round(maxDeviation));
        Object[] args = {rangeMin, rangeMax, fromSetpoint ? "set point" : "policy default range", value,
                policy.parameter("window-minutes")};
        Supplier<String> summary = () -> String.format(Locale.ROOT,
                "temperature outside %.1f..%.1f °C (%s) for %.1f of the last %.0f minutes", args);
        return new Score(ScoreKind.TEMPERATURE_EXCURSION, value, confidence, inputs, last(ids), summary);
    }

    /** A policy parameter in minutes, as milliseconds. */
    static long minutes(double minutes) {
        return (long) (minutes * MINUTE);
    }

    /** How long a set point holds for the readings after it that report none: the window and the hold cap. */
    static long setpointCarryMs(long windowMs, long capMs) {
        return windowMs + capMs;
    }

    /** Per etaType: the first (earliest by event time) and the latest ETA event, and the promise. */
    private record EtaTrack(String etaType, ScoringEvent first, ScoringEvent latest, int estimates) {
        long promised() {
            return first.promised() != null ? first.promised() : first.estimated();
        }

        String promisedFrom() {
            return first.promisedFrom() != null ? first.promisedFrom() : "first-estimate";
        }

        double driftMinutes() {
            return Score.round((latest.estimated() - promised()) / MINUTE);
        }
    }

    private static Map<String, EtaTrack> etaTracks(NavigableMap<EventKey, ScoringEvent> view) {
        Map<String, EtaTrack> tracks = new TreeMap<>();
        for (ScoringEvent e : view.values()) {
            if (e.isEta()) {
                EtaTrack track = tracks.get(e.etaType());
                tracks.put(e.etaType(), track == null ? new EtaTrack(e.etaType(), e, e, 1)
                        : new EtaTrack(e.etaType(), track.first(), e, track.estimates() + 1));
            }
        }
        return tracks;
    }

    /**
     * Minutes by which the latest ETA lies after the promise, for the etaType that drifted most. The
     * promise is what the first ETA event of that type (by event time) states: its window's end, else
     * the previous estimate it says it replaces, else its own estimate. Negative when early.
     * Confidence 0.5 when the latest estimate is PREDICTED, else 0.9.
     */
    public static Score etaDrift(NavigableMap<EventKey, ScoringEvent> view) {
        Map<String, EtaTrack> tracks = etaTracks(view);
        if (tracks.isEmpty()) {
            return null;
        }
        EtaTrack worst = null;
        for (EtaTrack track : tracks.values()) {
            if (worst == null || track.driftMinutes() > worst.driftMinutes()) {
                worst = track;
            }
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("etaType", worst.etaType());
        inputs.put("promisedTime", Instant.ofEpochMilli(worst.promised()).toString());
        inputs.put("promisedFrom", worst.promisedFrom());
        inputs.put("latestEstimatedTime", Instant.ofEpochMilli(worst.latest().estimated()).toString());
        inputs.put("estimates", worst.estimates());
        inputs.put("source", worst.latest().source());
        double confidence = "PREDICTED".equals(worst.latest().source()) ? 0.5 : 0.9;
        Object[] args = {worst.etaType(), inputs.get("latestEstimatedTime"), worst.driftMinutes(), inputs.get("promisedTime")};
        Supplier<String> summary = () -> String.format(Locale.ROOT, "%s estimate %s is %.1f minutes after the promised %s", args);
        List<String> ids = worst.first() == worst.latest() ? List.of(worst.first().id())
                : List.of(worst.first().id(), worst.latest().id());
        return new Score(ScoreKind.ETA_DRIFT, worst.driftMinutes(), confidence, inputs, ids, summary);
    }

    /** The dwell run: where, since which event, and the events of the run. */
    private record DwellRun(String location, ScoringEvent start, ScoringEvent latest, int events, String status) {
    }

    private static DwellRun dwellRun(NavigableMap<EventKey, ScoringEvent> view) {
        String location = null;
        ScoringEvent start = null;
        ScoringEvent latest = null;
        int events = 0;
        for (ScoringEvent e : view.descendingMap().values()) {
            if (!e.isStatus()) {
                continue;
            }
            if (latest == null) {
                latest = e;
            }
            if (MOVING.contains(e.status())) {
                break;
            }
            if (e.location() != null) {
                if (location == null) {
                    location = e.location();
                } else if (!location.equals(e.location())) {
                    break;
                }
            }
            start = e;
            events++;
        }
        return latest == null ? null : new DwellRun(location, start, latest, events, latest.status());
    }

    /**
     * Minutes since the shipment's first status event at its current location, up to t. The run of
     * status events at one location ends (going back in time) at a status that means it left
     * ({@link #MOVING}) or at another location; statuses without a location stay in the run. Zero when
     * the latest status says it is moving, or no location is known. Confidence 0.9 with two or more
     * events at the location, else 0.7.
     */
    public static Score dwell(NavigableMap<EventKey, ScoringEvent> view, long t) {
        DwellRun run = dwellRun(view);
        if (run == null) {
            return null;
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("status", run.status());
        inputs.put("location", run.location());
        if (run.location() == null || run.start() == null) {
            inputs.put("since", null);
            return new Score(ScoreKind.DWELL, 0, 1.0, inputs, List.of(run.latest().id()),
                    () -> "not dwelling: latest status " + run.status() + (run.location() == null ? " at no known location" : ""));
        }
        double minutes = Score.round((t - run.start().time()) / MINUTE);
        inputs.put("since", run.start().instant().toString());
        inputs.put("eventsAtLocation", run.events());
        List<String> ids = run.start() == run.latest() ? List.of(run.start().id()) : List.of(run.start().id(), run.latest().id());
        return new Score(ScoreKind.DWELL, minutes, run.events() >= 2 ? 0.9 : 0.7, inputs, ids,
                () -> String.format(Locale.ROOT, "at %s for %.1f minutes (since %s)", run.location(), minutes, inputs.get("since")));
    }

    /**
     * 0 to 100 points, the sum of three capped parts, each listed in the inputs:
     * lateness (the latest DELIVERY estimate, else ARRIVAL, against its promise:
     * {@code lateness-points-per-hour} per hour late, at most {@code lateness-max-points}),
     * staleness (minutes since the last status event beyond {@code staleness-after-minutes}, at
     * {@code staleness-points-per-hour}, at most {@code staleness-max-points}) and dwell (beyond
     * {@code dwell-after-minutes}, likewise). Zero once DELIVERED or CANCELLED. Confidence 0.8 with an
     * ETA to measure lateness against, else 0.5.
     */
    public static Score delayRisk(Policy policy, NavigableMap<EventKey, ScoringEvent> view, long t) {
        Map<String, EtaTrack> tracks = etaTracks(view);
        DwellRun run = dwellRun(view);
        if (tracks.isEmpty() && run == null) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (run != null && DONE.contains(run.status())) {
            inputs.put("status", run.status());
            return new Score(ScoreKind.DELAY_RISK, 0, 1.0, inputs, List.of(run.latest().id()), () -> "no risk: " + run.status());
        }
        EtaTrack track = tracks.containsKey("DELIVERY") ? tracks.get("DELIVERY") : tracks.get("ARRIVAL");
        double latenessPoints = 0;
        if (track != null) {
            double slack = Score.round((track.promised() - track.latest().estimated()) / MINUTE);
            latenessPoints = capped(Math.max(0, -slack) / 60 * policy.parameter("lateness-points-per-hour"),
                    policy.parameter("lateness-max-points"));
            inputs.put("etaType", track.etaType());
            inputs.put("slackMinutes", slack);
            ids.add(track.latest().id());
        } else {
            inputs.put("slackMinutes", null);
        }
        inputs.put("latenessPoints", latenessPoints);
        double staleness = run == null ? 0 : Score.round((t - run.latest().time()) / MINUTE);
        double stalenessPoints = capped(Math.max(0, staleness - policy.parameter("staleness-after-minutes")) / 60
                * policy.parameter("staleness-points-per-hour"), policy.parameter("staleness-max-points"));
        inputs.put("stalenessMinutes", staleness);
        inputs.put("stalenessPoints", stalenessPoints);
        double dwell = 0;
        if (run != null) {
            ids.add(run.latest().id());
            if (run.location() != null && run.start() != null) {
                dwell = Score.round((t - run.start().time()) / MINUTE);
            }
        }
        double dwellPoints = capped(Math.max(0, dwell - policy.parameter("dwell-after-minutes")) / 60
                * policy.parameter("dwell-points-per-hour"), policy.parameter("dwell-max-points"));
        inputs.put("dwellMinutes", dwell);
        inputs.put("dwellPoints", dwellPoints);
        double value = Score.round(latenessPoints + stalenessPoints + dwellPoints);
        Object[] args = {value, latenessPoints, stalenessPoints, dwellPoints};
        Supplier<String> summary = () -> String.format(Locale.ROOT, "risk %.1f = lateness %.1f + staleness %.1f + dwell %.1f", args);
        return new Score(ScoreKind.DELAY_RISK, value, track != null ? 0.8 : 0.5, inputs, List.copyOf(ids), summary);
    }

    private static double capped(double points, double max) {
        return Score.round(Math.min(points, max));
    }

    private static List<String> last(List<String> ids) {
        return List.copyOf(ids.size() <= MAX_EVENT_IDS ? ids : ids.subList(ids.size() - MAX_EVENT_IDS, ids.size()));
    }
}
