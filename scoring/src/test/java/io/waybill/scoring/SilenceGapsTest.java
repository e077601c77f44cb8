package io.waybill.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.waybill.scoring.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The silence steps scoring takes from the gaps it notes as events arrive, against their definition:
 * a pass over the asset's whole window, every gap of at least the policy's raise level.
 */
class SilenceGapsTest {

    private static final List<Policy> POLICIES = Events.policies();
    private static final Policy SILENCE = POLICIES.stream().filter(p -> p.score() == ScoreKind.SILENCE).findFirst().orElseThrow();
    private static final long THRESHOLD = (long) (SILENCE.raise() * 60_000);

    @Test
    void the_gaps_kept_as_events_arrive_give_the_silence_steps_of_a_pass_over_the_window() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            List<ScoringEvent> stream = new ArrayList<>();
            long time = T0.toEpochMilli();
            for (int i = 0; i < 300; i++) {
                int kind = random.nextInt(10);
                time += kind == 0 ? 0 : kind < 7 ? 60_000L * random.nextInt(10) : kind < 9 ? THRESHOLD - 1 + random.nextInt(3)
                        : 60_000L * (30 + random.nextInt(200));
                stream.add(new ScoringEvent("e-" + random.nextInt(100) + "-" + i, ScoringEvent.TELEMETRY, "RFLU1", time, 5.0, 5.0,
                        null, null, null, null, null, null, null));
            }
            List<ScoringEvent> arrival = new ArrayList<>(stream);
            if (seed % 2 == 1) {
                for (int i = arrival.size() - 1; i > 0; i--) {
                    if (random.nextInt(5) == 0) {
                        Collections.swap(arrival, i, Math.max(0, i - random.nextInt(20)));
                    }
                }
            }
            EntityState state = new EntityState(EntityRef.asset("RFLU1"));
            state.silenceAfterMs = THRESHOLD;
            for (int i = 0; i < arrival.size(); i += 5) {
                for (ScoringEvent event : arrival.subList(i, Math.min(arrival.size(), i + 5))) {
                    state.add(event, 6 * 3_600_000L);
                }
                state.derive(POLICIES);
                // Pruned now and then, by time (a short retention) or by count.
                if (seed % 3 == 0) {
                    state.prune(8 * 3_600_000L, 1000);
                } else if (seed % 3 == 1) {
                    state.prune(Long.MAX_VALUE / 4, 60);
                }
                long watermark = state.latest() + random.nextInt(3) * THRESHOLD;
                assertThat(steps(state.silence(SILENCE, watermark))).as("seed %d after %d events", seed, i + 5)
                        .isEqualTo(steps(byPass(state, watermark)));
            }
        }
    }

    /** The definition: every pair of successive events (the first after the horizon) at least the threshold apart. */
    private static List<Transition> byPass(EntityState state, long watermark) {
        List<Transition> out = new ArrayList<>();
        long prev = state.horizonLastSeen;
        String prevId = null;
        for (ScoringEvent e : state.events.values()) {
            if (prev != EntityState.NONE && e.time() - prev >= THRESHOLD) {
                String alertId = Transition.alertId(state.ref, SILENCE, prev + THRESHOLD);
                out.add(Transition.of(state.ref, SILENCE, AlertState.RAISED, alertId, prev + THRESHOLD, prev + THRESHOLD, 0, false,
                        null, prevId, false));
                out.add(Transition.of(state.ref, SILENCE, AlertState.CLEARED, alertId, e.time(), prev + THRESHOLD, 0, false,
                        null, e.id(), false));
            }
            prev = e.time();
            prevId = e.id();
        }
        if (prev != EntityState.NONE && watermark - prev >= THRESHOLD) {
            out.add(Transition.of(state.ref, SILENCE, AlertState.RAISED, Transition.alertId(state.ref, SILENCE, prev + THRESHOLD),
                    prev + THRESHOLD, prev + THRESHOLD, 0, false, null, prevId, false));
        }
        return out;
    }

    private static List<String> steps(List<Transition> transitions) {
        return transitions.stream().map(t -> t.state() + " " + t.alertId() + " " + t.at() + " " + t.transitionId() + " after " + t.triggerEventId()).toList();
    }
}
