package io.waybill.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static io.waybill.scoring.Events.T0;
import static io.waybill.scoring.Events.at;
import static io.waybill.scoring.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temperature-excursion score scoring computes at a few look-ups per event ({@link TemperatureTrack})
 * against its definition, which goes through every reading in the window
 * ({@link ScoreFunctions#temperatureExcursion}).
 */
class TemperatureTrackTest {

    private static final List<Policy> POLICIES = Events.policies();
    private static final Policy POLICY = POLICIES.stream().filter(p -> p.id().equals("temperature-excursion")).findFirst().orElseThrow();

    @Test
    void every_point_of_random_streams_scores_as_the_definition_in_order_shuffled_and_with_late_events() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            boolean asset = seed % 4 != 0;
            List<ScoringEvent> stream = stream(random, asset, 250);
            List<ScoringEvent> arrival = new ArrayList<>(stream);
            if (seed % 3 == 1) {
                Collections.shuffle(arrival, random);
            } else if (seed % 3 == 2) {
                // Mostly in order, one event in ten arriving up to 30 places late.
                for (int i = arrival.size() - 1; i > 0; i--) {
                    if (random.nextInt(10) == 0) {
                        Collections.swap(arrival, i, Math.max(0, i - random.nextInt(30)));
                    }
                }
            }
            EntityState state = new EntityState(stream.get(0).entity());
            for (int i = 0; i < arrival.size(); i += 1 + random.nextInt(8)) {
                for (ScoringEvent event : arrival.subList(i, Math.min(arrival.size(), i + 1 + random.nextInt(8)))) {
                    state.add(event, Long.MAX_VALUE / 4);
                }
                state.derive(POLICIES);
                assertSameAsDefinition(state, state.events.lastKey(), seed);
            }
            for (ScoringEvent event : arrival) {
                state.add(event, Long.MAX_VALUE / 4);
            }
            state.derive(POLICIES);
            for (EventKey key : state.events.keySet()) {
                assertSameAsDefinition(state, key, seed);
            }
            assertThat(state.latestScore(POLICY.id()).inputs())
                    .isEqualTo(ScoreFunctions.temperatureExcursion(POLICY, state.events, state.events.lastKey().time()).inputs());
        }
    }

    @Test
    void a_set_point_holds_for_the_readings_after_it_across_the_window_start_and_no_longer_than_window_and_hold_cap() {
        // Set point 5 ± 3 at minute 0; 7.5 °C at 70 and 80 report none. At 100 the window starts at 40,
        // but the set point still applies: 7.5 is in range, nothing is out.
        var view = window(reading("A", 0, 5.0, 5.0), reading("A", 70, 7.5, null), reading("A", 80, 7.5, null));
        Score score = ScoreFunctions.temperatureExcursion(POLICY, view, at(100));
        assertThat(score.value()).isEqualTo(0.0);
        assertThat(score.inputs()).containsEntry("rangeSource", "setpoint").containsEntry("rangeMaxC", 8.0)
                .containsEntry("readingsInWindow", 2);
        // 91 minutes after the set point, a reading without one is held to the default range 0..6: out.
        view = window(reading("A", 0, 5.0, 5.0), reading("A", 91, 7.5, null), reading("A", 101, 5.0, 5.0));
        score = ScoreFunctions.temperatureExcursion(POLICY, view, at(110));
        assertThat(score.value()).isEqualTo(10.0);
        assertThat(score.eventIds()).containsExactly("t-A-91");
        assertThat(score.inputs()).containsEntry("rangeSource", "setpoint").containsEntry("readingsOutside", 1);
        // And the track agrees.
        EntityState state = new EntityState(EntityRef.asset("A"));
        view.values().forEach(e -> state.add(e, Long.MAX_VALUE / 4));
        state.derive(POLICIES);
        assertThat(state.temperatures().score(EventKey.of(view.lastEntry().getValue())).inputs())
                .isEqualTo(ScoreFunctions.temperatureExcursion(POLICY, view, at(101)).inputs());
    }

    @Test
    void an_entity_cut_to_its_event_limit_keeps_scoring_what_is_left() {
        EntityState state = new EntityState(EntityRef.asset("A"));
        for (int minute = 0; minute < 600; minute++) {
            state.add(reading("A", minute, minute % 50 < 20 ? 9.5 : 5.0, 5.0), Long.MAX_VALUE / 4);
            state.derive(POLICIES);
            state.prune(Long.MAX_VALUE / 4, 100);
            assertThat(state.size()).isLessThanOrEqualTo(100);
            assertSameAsDefinition(state, state.events.lastKey(), minute);
        }
        assertThat(state.temperatures().size()).isEqualTo(state.size());
    }

    private static void assertSameAsDefinition(EntityState state, EventKey key, long seed) {
        Score expected = ScoreFunctions.temperatureExcursion(POLICY, state.events.headMap(key, true), key.time());
        Score actual = state.temperatures().score(key);
        if (expected == null) {
            assertThat(actual).as("seed %d at %s", seed, key).isNull();
            return;
        }
        assertThat(actual).as("seed %d at %s", seed, key).isNotNull();
        assertThat(actual.value()).as("seed %d at %s: value", seed, key).isEqualTo(expected.value());
        assertThat(actual.confidence()).as("seed %d at %s: confidence", seed, key).isEqualTo(expected.confidence());
        assertThat(actual.inputs()).as("seed %d at %s: inputs", seed, key).isEqualTo(expected.inputs());
        assertThat(actual.eventIds()).as("seed %d at %s: event ids", seed, key).isEqualTo(expected.eventIds());
        assertThat(actual.summary()).isEqualTo(expected.summary());
    }

    /**
     * A reefer's (or a shipment's) events: gaps from none (same millisecond) to 40 minutes, set points
     * now and then (two set points, one frozen), readings in and out of range, events without a temperature.
     */
    private static List<ScoringEvent> stream(Random random, boolean asset, int size) {
        List<ScoringEvent> events = new ArrayList<>();
        long time = T0.toEpochMilli();
        double setpoint = 4.0;
        boolean excursion = false;
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(10);
            time += kind == 0 ? 0 : kind < 3 ? random.nextInt(2_000) : kind < 8 ? 60_000L * (1 + random.nextInt(6))
                    : 60_000L * (10 + random.nextInt(30));
            if (random.nextInt(20) == 0) {
                excursion = !excursion;
            }
            if (random.nextInt(40) == 0) {
                setpoint = setpoint > 0 ? -18.0 : 4.0;
            }
            Double temperature = random.nextInt(10) == 0 ? null
                    : Math.round((setpoint + (excursion ? 4 : 0) + random.nextGaussian() * 1.5) * 10) / 10.0;
            String id = String.format("e-%03d-%d", random.nextInt(1000), i);
            if (asset) {
                Double reported = random.nextInt(3) == 0 ? setpoint : null;
                events.add(new ScoringEvent(id, ScoringEvent.TELEMETRY, "RFLU1", time, temperature, reported,
                        null, null, null, null, null, null, null));
            } else {
                events.add(new ScoringEvent(id, ScoringEvent.STATUS, "SHP1", time, temperature, null, "IN_TRANSIT", null,
                        null, null, null, null, null));
            }
        }
        return events;
    }

    private static TreeMap<EventKey, ScoringEvent> window(ScoringEvent... events) {
        TreeMap<EventKey, ScoringEvent> view = new TreeMap<>();
        for (ScoringEvent e : events) {
            view.put(EventKey.of(e), e);
        }
        return view;
    }
}
