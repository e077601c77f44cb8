package io.waybill.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scoring and alerting over the canonical stream: entity state, scores, alert policies and the alert
 * book, behind one synchronized façade. It never reads the wall clock: every time it uses is event
 * time, and the watermark is the latest event time it has seen.
 *
 * <p>{@link #accept} takes a batch of events and returns what to publish: alert records (new
 * lifecycle steps only) and the scores of every touched entity at its latest event that changed since
 * it last published them. The entities it touched are remembered: {@link #takeSnapshots} hands out
 * a copy of each one's state (for the state topic) when the caller checkpoints, and {@link #restore}
 * loads them at start-up, so a restart resumes where that checkpoint stopped.
 */
public final class Scorer {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final int RECENT_ALERTS = 1000;
    private static final int RECENT_EVENTS = 20;
    private static final int MAX_SHIPMENT_EVENTS = 2000;
    private static final double MINUTE = 60_000.0;
    static final long SWEEP_STEP_MS = 60_000;

    private final List<Policy> policies;
    private final Map<String, Policy> byId;
    private final Policy silence;
    private final long latenessMs;
    private final long retentionMs;
    private final Map<String, EntityState> entities = new HashMap<>();
    private final Deque<AlertRecord> recent = new ArrayDeque<>();
    /** Entities changed since the last {@link #takeSnapshots}. */
    private final Set<EntityState> dirty = new LinkedHashSet<>();
    private long watermark = MachineState.NONE;
    /** The watermark at the last silence sweep. */
    private long lastSweep = MachineState.NONE;
    private long duplicates;
    private long tooLate;

    /**
     * @param policies        the alert policies (at most one per score)
     * @param latenessMinutes how far behind an entity's latest event an event may be and still count;
     *                        assets keep this plus the longest temperature window of events
     */
    public Scorer(List<Policy> policies, int latenessMinutes) {
        this.policies = List.copyOf(policies);
        this.byId = policies.stream().collect(Collectors.toMap(Policy::id, Function.identity()));
        this.silence = policies.stream().filter(p -> p.score() == ScoreKind.SILENCE).findFirst().orElse(null);
        this.latenessMs = latenessMinutes * 60_000L;
        double window = policies.stream().filter(p -> p.score() == ScoreKind.TEMPERATURE_EXCURSION)
                .mapToDouble(p -> p.parameter("window-minutes") + p.parameter("hold-cap-minutes")).max().orElse(0);
        this.retentionMs = latenessMs + (long) (window * MINUTE);
    }

    public List<Policy> policies() {
        return policies;
    }

    /** What one call gives to publish. */
    public record Result(List<AlertRecord> alerts, List<ScoreRecord> scores, int accepted, int duplicates, int tooLate) {
        public static final Result EMPTY = new Result(List.of(), List.of(), 0, 0, 0);
    }

    /** Takes a batch of events (any order, duplicates allowed). */
    public synchronized Result accept(Collection<ScoringEvent> batch) {
        Set<EntityState> touched = new LinkedHashSet<>();
        int accepted = 0;
        int dup = 0;
        int late = 0;
        for (ScoringEvent event : batch) {
            EntityState state = entities.computeIfAbsent(event.entity().key(), k -> newState(event.entity()));
            switch (state.add(event, latenessMs)) {
                case NEW -> {
                    accepted++;
                    touched.add(state);
                    watermark = Math.max(watermark, event.time());
                }
                case DUPLICATE -> dup++;
                case TOO_LATE -> late++;
            }
        }
        duplicates += dup;
        tooLate += late;
        List<AlertRecord> alerts = new ArrayList<>();
        List<ScoreRecord> scores = new ArrayList<>();
        for (EntityState state : touched) {
            state.derive(policies);
            for (Transition t : state.emit(silence, watermark)) {
                alerts.add(record(state.ref, t));
            }
            long at = state.latest();
            state.latestScores().forEach((policyId, score) -> {
                // Only changes are published: a reefer holding its temperature is not news on every report.
                if (!Objects.equals(state.publishedScores.put(policyId, score.value()), score.value())) {
                    scores.add(ScoreRecord.of(state.ref, byId.get(policyId), score, at));
                }
            });
            state.prune(retentionMs, MAX_SHIPMENT_EVENTS);
            dirty.add(state);
        }
        return new Result(alerts, scores, accepted, dup, late);
    }

    /**
     * Raises silence alerts for assets whose last event is at least the silence policy's raise level
     * behind the watermark. Called after each batch (silence can only begin when the watermark moves);
     * what it raises is stamped with event time only. It looks at every asset, so it does so at most
     * once per {@value #SWEEP_STEP_MS} ms of event time the watermark moves: the policy counts in
     * minutes, and looking after every batch cost more than scoring itself (bench/run-alerts, 2,000 reefers).
     */
    public synchronized Result sweepSilence() {
        if (silence == null || (lastSweep != MachineState.NONE && watermark - lastSweep < SWEEP_STEP_MS)) {
            return Result.EMPTY;
        }
        lastSweep = watermark;
        long threshold = (long) (silence.raise() * MINUTE);
        List<AlertRecord> alerts = new ArrayList<>();
        List<ScoreRecord> scores = new ArrayList<>();
        for (EntityState state : entities.values()) {
            if (!state.ref.isAsset() || state.latest() == MachineState.NONE || watermark - state.latest() < threshold
                    || state.emittedOpen.containsKey(silence.id())) {
                continue;
            }
            List<Transition> sent = state.emit(silence, watermark);
            for (Transition t : sent) {
                alerts.add(record(state.ref, t));
                if (t.score() != null && t.policy() == silence) {
                    scores.add(ScoreRecord.of(state.ref, silence, t.score(), t.at()));
                }
            }
            if (!sent.isEmpty()) {
                dirty.add(state);
            }
        }
        alerts.sort(Comparator.comparing(AlertRecord::at));
        return new Result(alerts, scores, 0, 0, 0);
    }

    private EntityState newState(EntityRef ref) {
        EntityState state = new EntityState(ref);
        state.policies = byId;
        state.silenceAfterMs = silence == null ? 0 : (long) (silence.raise() * MINUTE);
        return state;
    }

    private AlertRecord record(EntityRef ref, Transition t) {
        AlertRecord record = AlertRecord.of(ref, t);
        recent.addLast(record);
        if (recent.size() > RECENT_ALERTS) {
            recent.removeFirst();
        }
        return record;
    }

    // ---- state snapshots ----

    /**
     * An entity's state as stored on the compacted state topic: its window of events, the alert
     * machine states at its horizon, and the alert steps already sent. A copy, so it can be written
     * out on another thread while scoring goes on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Snapshot(String entity, List<ScoringEvent> events, Map<String, MachineState> horizonStates, long horizonLastSeen,
                           Map<String, Long> emitted, Map<String, EntityState.OpenAlert> open, Map<String, Integer> revivals,
                           Double horizonSetpointC, Long horizonSetpointAt) {

        /** The snapshot as the state topic holds it (its key is {@link #entity()}). */
        public String json() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the state of " + entity, e);
            }
        }
    }

    /** A copy of the state of every entity changed since the last call, which it forgets. */
    public synchronized List<Snapshot> takeSnapshots() {
        List<Snapshot> taken = new ArrayList<>(dirty.size());
        for (EntityState state : dirty) {
            TemperatureTrack.Setpoint setpoint = state.horizonSetpoint();
            taken.add(new Snapshot(state.ref.key(), List.copyOf(state.events.values()), new HashMap<>(state.horizonStates),
                    state.horizonLastSeen, new HashMap<>(state.emitted), new java.util.TreeMap<>(state.emittedOpen),
                    state.revivals.isEmpty() ? null : new java.util.TreeMap<>(state.revivals),
                    setpoint == null ? null : setpoint.celsius(), setpoint == null || setpoint.celsius() == null ? null : setpoint.at()));
        }
        dirty.clear();
        return taken;
    }

    /** Whether any entity changed since the last {@link #takeSnapshots}. */
    public synchronized boolean changed() {
        return !dirty.isEmpty();
    }

    /**
     * Loads one entity's snapshot (from the state topic at start-up). Its points are evaluated again
     * from its events; nothing is sent for them, since the snapshot lists what was sent.
     */
    public synchronized void restore(String json) {
        Snapshot snapshot;
        try {
            snapshot = JSON.readValue(json, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a scoring state snapshot: " + e.getOriginalMessage(), e);
        }
        EntityState state = newState(EntityRef.fromKey(snapshot.entity()));
        state.horizonStates = new HashMap<>(snapshot.horizonStates() == null ? Map.of() : snapshot.horizonStates());
        state.horizonLastSeen = snapshot.horizonLastSeen();
        if (snapshot.horizonSetpointC() != null && snapshot.horizonSetpointAt() != null) {
            state.restoredSetpoint = new TemperatureTrack.Setpoint(snapshot.horizonSetpointC(), snapshot.horizonSetpointAt());
        }
        for (ScoringEvent event : snapshot.events()) {
            state.add(event, Long.MAX_VALUE / 4);
            watermark = Math.max(watermark, event.time());
        }
        if (snapshot.emitted() != null) {
            state.emitted.putAll(snapshot.emitted());
        }
        if (snapshot.open() != null) {
            state.emittedOpen.putAll(snapshot.open());
        }
        if (snapshot.revivals() != null) {
            state.revivals.putAll(snapshot.revivals());
        }
        state.derive(policies);
        entities.put(state.ref.key(), state);
    }

    /** The entity's alert timeline as derived from its events now: "STATE type at" per step, in event-time order. */
    synchronized List<String> timeline(EntityRef ref) {
        EntityState state = entities.get(ref.key());
        if (state == null) {
            return List.of();
        }
        return state.timeline(silence, watermark).stream()
                .map(t -> t.state() + " " + t.policy().id() + " " + Instant.ofEpochMilli(t.at()) + " " + t.transitionId())
                .toList();
    }

    /** The entity's score under a policy at its latest event (NaN when it has none). */
    synchronized double scoreOf(EntityRef ref, String policyId) {
        EntityState state = entities.get(ref.key());
        Score score = state == null ? null : state.latestScore(policyId);
        return score == null ? Double.NaN : score.value();
    }

    public synchronized int entityCount() {
        return entities.size();
    }

    public synchronized long watermark() {
        return watermark;
    }

    // ---- queries ----

    /** An open alert as the query API shows it, derived from the entity's latest state. */
    public record OpenAlertView(String alertId, String type, String entityType, String entityId, String severity,
                                String destination, String raisedAt, Double score, String unit, String summary,
                                AlertRecord.PolicyRef policy) {
    }

    /** Every open alert, oldest first. */
    public synchronized List<OpenAlertView> openAlerts() {
        List<OpenAlertView> open = new ArrayList<>();
        entities.values().forEach(state -> open.addAll(openAlerts(state)));
        open.sort(Comparator.comparing(OpenAlertView::raisedAt).thenComparing(OpenAlertView::alertId));
        return open;
    }

    /** The latest alert records sent (at most 1000), oldest first. */
    public synchronized List<AlertRecord> recentAlerts() {
        return List.copyOf(recent);
    }

    private List<OpenAlertView> openAlerts(EntityState state) {
        List<OpenAlertView> open = new ArrayList<>();
        state.latestStates().forEach((policyId, machine) -> {
            if (machine.open()) {
                Policy policy = byId.get(policyId);
                Score score = state.latestScore(policyId);
                open.add(new OpenAlertView(machine.alertId(), policy.id(), state.ref.kind(), state.ref.id(),
                        policy.levelOf(machine.tier()), machine.review() ? AlertRecord.REVIEW : AlertRecord.ALERTS,
                        Instant.ofEpochMilli(machine.raisedAt()).toString(), score == null ? null : score.value(),
                        policy.score().unit(), score == null ? null : score.summary(),
                        new AlertRecord.PolicyRef(policy.id(), policy.version())));
            }
        });
        List<Transition> silent = state.silence(silence, watermark);
        if (!silent.isEmpty() && silent.get(silent.size() - 1).state() == AlertState.RAISED) {
            Transition t = silent.get(silent.size() - 1);
            open.add(new OpenAlertView(t.alertId(), silence.id(), state.ref.kind(), state.ref.id(), silence.levelOf(0),
                    t.review() ? AlertRecord.REVIEW : AlertRecord.ALERTS, Instant.ofEpochMilli(t.raisedAt()).toString(),
                    t.score().value(), silence.score().unit(), t.score().summary(),
                    new AlertRecord.PolicyRef(silence.id(), silence.version())));
        }
        return open;
    }

    /**
     * A shipment's current state (latest status and location, dwell, ETAs per type), its scores at
     * its latest event, its open alerts and its most recent events; null when scoring never saw it.
     */
    public synchronized Map<String, Object> shipment(String shipmentId) {
        EntityState state = entities.get(EntityRef.shipment(shipmentId).key());
        if (state == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("shipmentId", shipmentId);
        Map<String, Object> current = new LinkedHashMap<>();
        ScoringEvent lastStatus = null;
        ScoringEvent lastLocated = null;
        ScoringEvent lastTemperature = null;
        Map<String, Map<String, Object>> etas = new LinkedHashMap<>();
        for (ScoringEvent e : state.events.values()) {
            if (e.isStatus()) {
                lastStatus = e;
                if (e.location() != null) {
                    lastLocated = e;
                }
            }
            if (e.temperatureC() != null) {
                lastTemperature = e;
            }
            if (e.isEta()) {
                Map<String, Object> eta = etas.computeIfAbsent(e.etaType(), k -> {
                    Map<String, Object> first = new LinkedHashMap<>();
                    first.put("promisedTime", Instant.ofEpochMilli(e.promised() != null ? e.promised() : e.estimated()).toString());
                    first.put("promisedFrom", e.promisedFrom() != null ? e.promisedFrom() : "first-estimate");
                    first.put("estimates", 0);
                    return first;
                });
                eta.put("latestEstimatedTime", Instant.ofEpochMilli(e.estimated()).toString());
                eta.put("estimatedAt", e.instant().toString());
                eta.put("estimates", (Integer) eta.get("estimates") + 1);
            }
        }
        current.put("status", lastStatus == null ? null : lastStatus.status());
        current.put("statusTime", lastStatus == null ? null : lastStatus.instant().toString());
        current.put("location", lastLocated == null ? null : lastLocated.location());
        Score dwell = state.latestScores().values().stream().filter(s -> s.kind() == ScoreKind.DWELL).findFirst().orElse(null);
        current.put("dwellSince", dwell == null ? null : dwell.inputs().get("since"));
        current.put("lastTemperatureC", lastTemperature == null ? null : lastTemperature.temperatureC());
        current.put("etas", etas);
        current.put("lastEventTime", Instant.ofEpochMilli(state.latest()).toString());
        view.put("current", current);
        Map<String, Object> scores = new LinkedHashMap<>();
        state.latestScores().forEach((policyId, s) -> {
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("value", s.value());
            score.put("unit", s.kind().unit());
            score.put("confidence", s.confidence());
            score.put("summary", s.summary());
            score.put("inputs", s.inputs());
            scores.put(s.kind().wireName(), score);
        });
        view.put("scores", scores);
        view.put("openAlerts", openAlerts(state));
        List<Map<String, Object>> events = new ArrayList<>();
        List<ScoringEvent> all = new ArrayList<>(state.events.values());
        for (ScoringEvent e : all.subList(Math.max(0, all.size() - RECENT_EVENTS), all.size())) {
            events.add(JSON.convertValue(e, Map.class));
            events.get(events.size() - 1).put("time", e.instant().toString());
        }
        java.util.Collections.reverse(events);
        view.put("recentEvents", events);
        return view;
    }

    /** Counters since start: events dropped as duplicates, and as too late. */
    public synchronized Map<String, Long> counters() {
        return Map.of("duplicates", duplicates, "tooLate", tooLate);
    }
}
