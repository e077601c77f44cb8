package io.waybill.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One entity's window of events, sorted by event time, and what follows from it: the scores and
 * each policy's state after every event (a "point"), and the alert timeline those give.
 *
 * <p>Order independence: a new event (however late) is inserted at its place, and the points from
 * it onwards are evaluated again from the state just before it; so the points, and the timeline,
 * are a function of the set of events, not of their arrival order. Events arriving in order cost one
 * evaluation each. Duplicates (same event id) are dropped on arrival.
 *
 * <p>Alert book: the transitions of the timeline not sent before are sent (their ids are
 * deterministic); an alert sent as open whose raise no longer appears in the timeline (late events
 * took its reason away) is sent a revised clear. Hence in-order, shuffled and replayed streams end
 * with the same timeline and the same open alerts.
 */
final class EntityState {

    static final long NONE = MachineState.NONE;
    private static final double MINUTE = 60_000.0;

    /**
     * One point: each policy's state after the event, and the transitions it caused. The states are
     * the previous point's map itself when the event changed none (most events change none).
     */
    record Point(Map<String, MachineState> states, List<Transition> transitions) {
    }

    /** An alert this entity has sent as raised and not yet as cleared. */
    record OpenAlert(String alertId, String policyId, boolean review, int tier, long raisedAt) {
    }

    enum Arrival { NEW, DUPLICATE, TOO_LATE }

    final EntityRef ref;
    final TreeMap<EventKey, ScoringEvent> events = new TreeMap<>();
    private final Set<String> ids = new HashSet<>();
    private final TreeMap<EventKey, Point> points = new TreeMap<>();
    /** The points that caused transitions (few): the alert timeline is read from these alone. */
    private final TreeMap<EventKey, List<Transition>> steps = new TreeMap<>();
    /** The scores at the latest event (only the latest point's scores are ever read). */
    private Map<String, Score> latestScores = Map.of();
    /** The temperature readings, when a temperature policy applies to this entity. */
    private TemperatureTrack temperatures;
    /** From a snapshot: the set point its pruned readings left behind, for the track made on the first derive. */
    TemperatureTrack.Setpoint restoredSetpoint;
    /** The silence policy's threshold (ms; 0: no silence policy), set by the scorer before the first event. */
    long silenceAfterMs;
    /**
     * An asset's gaps of at least {@link #silenceAfterMs}, by the event that ends each: kept as events
     * arrive, so the silence alerts come from the gaps alone, not from a pass over the window.
     */
    private final TreeMap<EventKey, Gap> gaps = new TreeMap<>();

    /** A gap in reporting: the last event before it (its id null when that is the horizon). */
    private record Gap(long after, String afterId) {
    }
    /** Policy states and last event time at the window's start (what pruned events left behind). */
    Map<String, MachineState> horizonStates = new HashMap<>();
    long horizonLastSeen = NONE;
    /** Transition ids already sent, with their event time (pruned with the window). */
    final Map<String, Long> emitted = new HashMap<>();
    final Map<String, OpenAlert> emittedOpen = new TreeMap<>();
    /** Per alert id: how many revised clears were sent for it (its steps after one get new ids). */
    final Map<String, Integer> revivals = new TreeMap<>();
    /** The score values last published, per policy (not snapshotted: after a restart the first change publishes all). */
    final Map<String, Double> publishedScores = new HashMap<>();
    private EventKey dirtyFrom;

    EntityState(EntityRef ref) {
        this.ref = ref;
    }

    long latest() {
        return events.isEmpty() ? horizonLastSeen : events.lastKey().time();
    }

    /**
     * Takes an event into the window, unless it was seen before or is later than {@code latenessMs}
     * behind the entity's latest event (its effect would reach points already pruned).
     */
    Arrival add(ScoringEvent event, long latenessMs) {
        if (ids.contains(event.id())) {
            return Arrival.DUPLICATE;
        }
        long latest = latest();
        if (latest != NONE && (event.time() < latest - latenessMs || event.time() <= horizonLastSeen)) {
            return Arrival.TOO_LATE;
        }
        EventKey key = EventKey.of(event);
        events.put(key, event);
        ids.add(event.id());
        if (keepsGaps()) {
            Map.Entry<EventKey, ScoringEvent> lower = events.lowerEntry(key);
            gapBefore(key, lower == null ? horizonLastSeen : lower.getKey().time(), lower == null ? null : lower.getKey().id());
            EventKey higher = events.higherKey(key);
            if (higher != null) {
                gapBefore(higher, key.time(), key.id());
            }
        }
        if (dirtyFrom == null || key.compareTo(dirtyFrom) < 0) {
            dirtyFrom = key;
        }
        return Arrival.NEW;
    }

    private boolean keepsGaps() {
        return silenceAfterMs > 0 && ref.isAsset();
    }

    /** Notes (or forgets) the gap before the event at {@code key}, after an event at {@code after}. */
    private void gapBefore(EventKey key, long after, String afterId) {
        if (after != NONE && key.time() - after >= silenceAfterMs) {
            gaps.put(key, new Gap(after, afterId));
        } else {
            gaps.remove(key);
        }
    }

    boolean dirty() {
        return dirtyFrom != null;
    }

    /** Evaluates every point from the earliest new event onwards. */
    void derive(List<Policy> policies) {
        if (dirtyFrom == null) {
            return;
        }
        if (temperatures == null) {
            policies.stream().filter(p -> p.score() == ScoreKind.TEMPERATURE_EXCURSION && p.score().appliesTo(ref)).findFirst()
                    .ifPresent(p -> {
                        temperatures = new TemperatureTrack(p);
                        temperatures.restoreHorizon(restoredSetpoint);
                    });
        }
        Map.Entry<EventKey, Point> before = points.lowerEntry(dirtyFrom);
        Map<String, MachineState> states = before == null ? horizonStates : before.getValue().states();
        Map<String, Score> scores = Map.of();
        for (Map.Entry<EventKey, ScoringEvent> entry : new ArrayList<>(events.tailMap(dirtyFrom, true).entrySet())) {
            EventKey key = entry.getKey();
            if (temperatures != null) {
                temperatures.put(key, entry.getValue());
            }
            Map<String, MachineState> next = states;
            List<Transition> transitions = new ArrayList<>(1);
            scores = new LinkedHashMap<>();
            var view = events.headMap(key, true);
            for (Policy policy : policies) {
                if (policy.score() == ScoreKind.SILENCE || !policy.score().appliesTo(ref)) {
                    continue;
                }
                Score score = temperatures != null && policy == temperatures.policy() ? temperatures.score(key)
                        : ScoreFunctions.compute(policy, view, key.time());
                if (score == null) {
                    continue;
                }
                scores.put(policy.id(), score);
                MachineState state = states.getOrDefault(policy.id(), MachineState.CLOSED);
                MachineState after = step(policy, state, score, key, transitions);
                if (after != state) {
                    if (next == states) {
                        next = new HashMap<>(states);
                    }
                    next.put(policy.id(), after);
                }
            }
            points.put(key, new Point(next, transitions.isEmpty() ? List.of() : transitions));
            if (transitions.isEmpty()) {
                steps.remove(key);
            } else {
                steps.put(key, transitions);
            }
            states = next;
        }
        latestScores = scores;
        dirtyFrom = null;
    }

    /** The hysteresis state machine: raise at or above raise (after min-duration), escalate, clear at or below clear. */
    private MachineState step(Policy policy, MachineState state, Score score, EventKey at, List<Transition> out) {
        long t = at.time();
        if (!state.open()) {
            if (score.value() >= policy.raise()) {
                long since = state.pendingSince() == NONE ? t : state.pendingSince();
                if (t - since >= policy.minDurationMinutes() * MINUTE) {
                    int tier = policy.tierOf(score.value());
                    boolean review = score.confidence() < policy.reviewBelow();
                    String alertId = Transition.alertId(ref, policy, t);
                    out.add(Transition.of(ref, policy, AlertState.RAISED, alertId, t, t, tier, review, score, at.id(), false));
                    return new MachineState(true, alertId, t, tier, review, NONE);
                }
                return since == state.pendingSince() ? state : new MachineState(false, null, NONE, 0, false, since);
            }
            return state.pendingSince() == NONE ? state : MachineState.CLOSED;
        }
        if (score.value() <= policy.clear()) {
            out.add(Transition.of(ref, policy, AlertState.CLEARED, state.alertId(), t, state.raisedAt(), state.tier(),
                    state.review(), score, at.id(), false));
            return MachineState.CLOSED;
        }
        int tier = policy.tierOf(score.value());
        if (tier > state.tier()) {
            out.add(Transition.of(ref, policy, AlertState.UPDATED, state.alertId(), t, state.raisedAt(), tier,
                    state.review(), score, at.id(), false));
            return new MachineState(true, state.alertId(), state.raisedAt(), tier, state.review(), NONE);
        }
        return state;
    }

    /**
     * Silence from the gaps between this asset's events: a gap of at least the policy's raise level
     * (minutes) raises at the last event before it plus that level and clears at the next event; the
     * last event plus that level, when the watermark has passed it, raises an alert left open.
     */
    List<Transition> silence(Policy policy, long watermark) {
        if (policy == null || !ref.isAsset()) {
            return List.of();
        }
        long threshold = silenceAfterMs;
        if (threshold != (long) (policy.raise() * MINUTE)) {
            throw new IllegalStateException("gaps kept for " + threshold + " ms, asked for policy " + policy.id() + " at "
                    + policy.raise() + " minutes");
        }
        List<Transition> out = new ArrayList<>();
        for (Map.Entry<EventKey, Gap> entry : gaps.entrySet()) {
            long prev = entry.getValue().after();
            String prevId = entry.getValue().afterId();
            EventKey e = entry.getKey();
            long raisedAt = prev + threshold;
            String alertId = Transition.alertId(ref, policy, raisedAt);
            Score gap = silenceScore(policy, prev, e.time(), prevId, "nextSeen");
            boolean review = gap.confidence() < policy.reviewBelow();
            out.add(Transition.of(ref, policy, AlertState.RAISED, alertId, raisedAt, raisedAt, 0, review, gap, prevId, false));
            out.add(Transition.of(ref, policy, AlertState.CLEARED, alertId, e.time(), raisedAt, 0, review, gap, e.id(), false));
        }
        long prev = latest();
        String prevId = events.isEmpty() ? null : events.lastKey().id();
        if (prev != NONE && watermark != NONE && watermark - prev >= threshold) {
            long raisedAt = prev + threshold;
            Score gap = silenceScore(policy, prev, watermark, prevId, "watermark");
            out.add(Transition.of(ref, policy, AlertState.RAISED, Transition.alertId(ref, policy, raisedAt), raisedAt, raisedAt,
                    0, gap.confidence() < policy.reviewBelow(), gap, prevId, false));
        }
        return out;
    }

    private static Score silenceScore(Policy policy, long lastSeen, long until, String lastId, String untilName) {
        double minutes = Score.round((until - lastSeen) / MINUTE);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("lastSeen", java.time.Instant.ofEpochMilli(lastSeen).toString());
        inputs.put(untilName, java.time.Instant.ofEpochMilli(until).toString());
        inputs.put("thresholdMinutes", policy.raise());
        return new Score(ScoreKind.SILENCE, minutes, 0.9, inputs, lastId == null ? List.of() : List.of(lastId),
                () -> String.format(java.util.Locale.ROOT, "no event for %.1f minutes after %s", minutes, inputs.get("lastSeen")));
    }

    /** The whole alert timeline of the window, in event-time order. */
    List<Transition> timeline(Policy silencePolicy, long watermark) {
        List<Transition> all = new ArrayList<>();
        for (List<Transition> caused : steps.values()) {
            all.addAll(caused);
        }
        all.addAll(silence(silencePolicy, watermark));
        all.sort(Comparator.comparingLong(Transition::at));
        return all;
    }

    /** The transitions not sent before, plus revised clears; marks them sent. */
    List<Transition> emit(Policy silencePolicy, long watermark) {
        List<Transition> timeline = timeline(silencePolicy, watermark);
        Set<String> live = new HashSet<>();
        timeline.forEach(t -> live.add(t.alertId()));
        horizonStates.values().forEach(s -> {
            if (s.open()) {
                live.add(s.alertId());
            }
        });
        List<Transition> out = new ArrayList<>();
        for (OpenAlert open : List.copyOf(emittedOpen.values())) {
            if (!live.contains(open.alertId())) {
                Policy policy = policies.get(open.policyId());
                if (policy != null) {
                    int revival = revivals.getOrDefault(open.alertId(), 0);
                    Transition clear = Transition.of(ref, policy, AlertState.CLEARED, open.alertId(), Math.max(latest(),
                            open.raisedAt()), open.raisedAt(), open.tier(), open.review(), latestScore(open.policyId()), null, true);
                    clear = clear.withId(Transition.revived(clear.transitionId(), revival));
                    emitted.put(clear.transitionId(), clear.at());
                    out.add(clear);
                    // Should later events bring the alert back, its steps are sent again, under new ids.
                    revivals.put(open.alertId(), revival + 1);
                }
                emittedOpen.remove(open.policyId());
            }
        }
        for (Transition step : timeline) {
            int revival = revivals.getOrDefault(step.alertId(), 0);
            Transition t = step.withId(Transition.revived(step.transitionId(), revival));
            if (emitted.containsKey(t.transitionId())) {
                continue;
            }
            boolean closed = emitted.containsKey(Transition.revived(Transition.clearedId(t.alertId()), revival));
            emitted.put(t.transitionId(), t.at());
            if (closed) {
                // Late events moved a step of an alert already sent as cleared: nothing follows a clear.
                continue;
            }
            out.add(t);
            if (t.state() == AlertState.RAISED || t.state() == AlertState.UPDATED) {
                emittedOpen.put(t.policy().id(), new OpenAlert(t.alertId(), t.policy().id(), t.review(), t.tier(), t.raisedAt()));
            } else {
                OpenAlert open = emittedOpen.get(t.policy().id());
                if (open != null && open.alertId().equals(t.alertId())) {
                    emittedOpen.remove(t.policy().id());
                }
            }
        }
        return out;
    }

    /** The policies by id, set by the scorer (a revised clear needs the policy of an alert no longer in the timeline). */
    Map<String, Policy> policies = Map.of();

    Score latestScore(String policyId) {
        return latestScores.get(policyId);
    }

    /** Scores at the latest event. */
    Map<String, Score> latestScores() {
        return latestScores;
    }

    /** Policy states after the latest event. */
    Map<String, MachineState> latestStates() {
        return points.isEmpty() ? horizonStates : points.lastEntry().getValue().states();
    }

    /** Drops the events (and points) before {@code cutoff}, keeping what they leave behind in the horizon. */
    void pruneBefore(EventKey cutoff) {
        Map.Entry<EventKey, Point> last = points.lowerEntry(cutoff);
        if (last == null) {
            return;
        }
        horizonStates = last.getValue().states();
        horizonLastSeen = last.getKey().time();
        var gone = events.headMap(cutoff, false);
        gone.values().forEach(e -> ids.remove(e.id()));
        gone.clear();
        points.headMap(cutoff, false).clear();
        steps.headMap(cutoff, false).clear();
        gaps.headMap(cutoff, false).clear();
        if (keepsGaps() && !events.isEmpty()) {
            // The first event left now follows the horizon, as after a restart from a snapshot.
            gapBefore(events.firstKey(), horizonLastSeen, null);
        }
        if (temperatures != null) {
            temperatures.pruneBefore(cutoff);
        }
        emitted.values().removeIf(at -> at < horizonLastSeen);
    }

    /**
     * Keeps assets to {@code retentionMs} of event time and any entity to {@code maxEvents} events:
     * past that, it drops the oldest tenth of them at once, so an entity at its limit does not pay
     * for a cut on every event.
     */
    void prune(long retentionMs, int maxEvents) {
        if (dirtyFrom != null || events.isEmpty()) {
            return;
        }
        if (ref.isAsset()) {
            pruneBefore(EventKey.first(latest() - retentionMs));
        }
        if (events.size() > maxEvents) {
            int drop = events.size() - maxEvents + maxEvents / 10;
            EventKey cutoff = null;
            var keys = events.keySet().iterator();
            for (int i = 0; i <= drop && keys.hasNext(); i++) {
                cutoff = keys.next();
            }
            pruneBefore(cutoff);
        }
    }

    int size() {
        return events.size();
    }

    /** The temperature readings (null when no temperature policy applies to this entity). */
    TemperatureTrack temperatures() {
        return temperatures;
    }

    /** The set point pruned readings left behind, for the snapshot (null: none). */
    TemperatureTrack.Setpoint horizonSetpoint() {
        return temperatures != null ? temperatures.horizon() : restoredSetpoint;
    }
}
