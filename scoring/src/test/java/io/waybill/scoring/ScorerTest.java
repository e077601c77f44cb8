package io.waybill.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.waybill.scoring.Events.eta;
import static io.waybill.scoring.Events.reading;
import static io.waybill.scoring.Events.status;
import static org.assertj.core.api.Assertions.assertThat;

class ScorerTest {

    private static final EntityRef REEFER = EntityRef.asset("RFLU5120377");

    private static Scorer scorer() {
        return new Scorer(Events.policies(), 120);
    }

    /** Accepts events up to ten hours late: the whole shuffled stream counts. */
    private static Scorer patientScorer() {
        return new Scorer(Events.policies(), 600);
    }

    /** Three hours around the top of the band (set point 5 ± 3): 7.9 / 8.2 every two minutes, then two hours at 5. */
    private static List<ScoringEvent> oscillating() {
        List<ScoringEvent> events = new ArrayList<>();
        for (int minute = 0; minute < 180; minute += 2) {
            events.add(reading(REEFER.id(), minute, (minute / 2) % 2 == 0 ? 7.9 : 8.2, 5.0));
        }
        for (int minute = 180; minute <= 300; minute += 2) {
            events.add(reading(REEFER.id(), minute, 5.0, 5.0));
        }
        return events;
    }

    private static List<AlertRecord> feedOneByOne(Scorer scorer, List<ScoringEvent> events) {
        List<AlertRecord> alerts = new ArrayList<>();
        for (ScoringEvent e : events) {
            alerts.addAll(scorer.accept(List.of(e)).alerts());
        }
        return alerts;
    }

    private static List<String> lifecycle(List<AlertRecord> alerts) {
        return alerts.stream().map(a -> a.state() + " " + a.type() + " " + a.severity() + " " + a.at()).toList();
    }

    @Test
    void temperature_oscillating_around_the_threshold_raises_one_alert_and_clears_it_once() {
        List<AlertRecord> alerts = feedOneByOne(scorer(), oscillating());

        assertThat(alerts).filteredOn(a -> a.state() == AlertState.RAISED).hasSize(1);
        assertThat(alerts).filteredOn(a -> a.state() == AlertState.CLEARED).hasSize(1);
        // Half of every hour is out of range: the tier climbs once (WARNING, then MAJOR) and never flaps back.
        assertThat(lifecycle(alerts)).containsExactly(
                "RAISED temperature-excursion WARNING 2026-11-27T08:32:00Z",
                "UPDATED temperature-excursion MAJOR 2026-11-27T09:00:00Z",
                "CLEARED temperature-excursion MAJOR 2026-11-27T11:52:00Z");
        AlertRecord raised = alerts.get(0);
        assertThat(raised.alertId()).isEqualTo(alerts.get(2).alertId());
        assertThat(raised.causingEventIds()).isNotEmpty().allMatch(id -> id.startsWith("t-RFLU5120377-"));
        assertThat(raised.policy()).isEqualTo(new AlertRecord.PolicyRef("temperature-excursion", 1));
        assertThat(raised.score().inputs()).containsEntry("rangeSource", "setpoint");
        assertThat(raised.destination()).isEqualTo(AlertRecord.ALERTS);
    }

    @Test
    void late_and_out_of_order_events_end_with_the_same_alert_timeline_as_in_order_ones() {
        Scorer inOrder = patientScorer();
        List<AlertRecord> sent = feedOneByOne(inOrder, oscillating());
        for (long seed = 1; seed <= 5; seed++) {
            List<ScoringEvent> shuffled = new ArrayList<>(oscillating());
            Collections.shuffle(shuffled, new Random(seed));
            Scorer scorer = patientScorer();
            List<AlertRecord> alerts = new ArrayList<>();
            // Out of order in batches of 7 and one by one, as a consumer would get them.
            for (int i = 0; i < shuffled.size(); i += 7) {
                alerts.addAll(scorer.accept(shuffled.subList(i, Math.min(shuffled.size(), i + 7))).alerts());
            }
            assertThat(scorer.timeline(REEFER)).as("seed %d", seed).isEqualTo(inOrder.timeline(REEFER));
            assertThat(scorer.openAlerts()).isEqualTo(inOrder.openAlerts());
            // Whatever was sent on the way, every alert it raised is closed again, and the final steps are the in-order ones.
            assertThat(alerts).extracting(AlertRecord::transitionId).doesNotHaveDuplicates()
                    .containsAll(sent.stream().map(AlertRecord::transitionId).toList());
            assertThat(openAfter(alerts)).isEmpty();
        }
    }

    @Test
    void a_late_reading_inside_the_window_changes_the_score_as_if_it_had_come_in_order() {
        List<ScoringEvent> events = List.of(reading("A", 0, 5.0, 5.0), reading("A", 10, 9.5, null), reading("A", 40, 5.0, null));
        Scorer inOrder = scorer();
        inOrder.accept(events);
        Scorer late = scorer();
        late.accept(List.of(events.get(0), events.get(2)));
        late.accept(List.of(events.get(1)));
        assertThat(scoreOf(late, "A")).isEqualTo(scoreOf(inOrder, "A")).isEqualTo(30.0);
    }

    @Test
    void a_duplicate_event_is_not_counted_twice() {
        Scorer once = scorer();
        List<AlertRecord> alerts = feedOneByOne(once, oscillating());
        Scorer twice = scorer();
        List<ScoringEvent> doubled = new ArrayList<>();
        for (ScoringEvent e : oscillating()) {
            doubled.add(e);
            doubled.add(e);
        }
        List<AlertRecord> alertsTwice = feedOneByOne(twice, doubled);
        assertThat(lifecycle(alertsTwice)).isEqualTo(lifecycle(alerts));
        assertThat(twice.counters()).containsEntry("duplicates", (long) oscillating().size());

        // A duplicate of an out-of-range reading adds no minutes.
        Scorer a = scorer();
        a.accept(List.of(reading("A", 0, 9.5, 5.0), reading("A", 10, 5.0, 5.0)));
        Scorer b = scorer();
        b.accept(List.of(reading("A", 0, 9.5, 5.0), reading("A", 0, 9.5, 5.0), reading("A", 10, 5.0, 5.0)));
        b.accept(List.of(reading("A", 0, 9.5, 5.0)));
        assertThat(scoreOf(b, "A")).isEqualTo(scoreOf(a, "A")).isEqualTo(10.0);
    }

    @Test
    void replaying_the_same_stream_from_the_beginning_yields_identical_alerts() {
        List<ScoringEvent> stream = new ArrayList<>(oscillating());
        stream.addAll(shipmentStory());
        List<AlertRecord> first = feedOneByOne(scorer(), stream);
        List<AlertRecord> second = feedOneByOne(scorer(), stream);
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(AlertRecord::type).contains("temperature-excursion", "eta-drift");

        // The same scorer fed the stream again (a replay into running state) sends nothing new.
        Scorer running = scorer();
        feedOneByOne(running, stream);
        assertThat(feedOneByOne(running, stream)).isEmpty();
    }

    @Test
    void state_restored_from_snapshots_resumes_without_sending_again() {
        List<ScoringEvent> stream = new ArrayList<>(oscillating());
        stream.addAll(shipmentStory());
        int half = stream.size() / 2;
        Scorer before = scorer();
        Map<String, String> snapshots = new java.util.HashMap<>();
        List<AlertRecord> sent = new ArrayList<>();
        for (ScoringEvent e : stream.subList(0, half)) {
            Scorer.Result result = before.accept(List.of(e));
            sent.addAll(result.alerts());
            before.takeSnapshots().forEach(taken -> snapshots.put(taken.entity(), taken.json()));
        }
        Scorer after = scorer();
        snapshots.values().forEach(after::restore);
        // The consumer resumes after the committed offset; the last batch may come again.
        sent.addAll(feedOneByOne(after, stream.subList(half - 1, stream.size())));
        List<AlertRecord> uninterrupted = feedOneByOne(scorer(), stream);
        assertThat(sent).isEqualTo(uninterrupted);
    }

    @Test
    void a_set_point_carried_from_a_pruned_reading_survives_a_restart_from_snapshots() {
        // Set point 5 at minute 0; 7.5 °C at 70, 80 and 90 report none: held to 5 ± 3, they are in range.
        // By minute 230 the reading at 0 has been pruned. A late reading at 140 re-scores from there,
        // over a window that still holds 80 and 90: they must stay in range, restarted or not.
        List<ScoringEvent> stream = new ArrayList<>(List.of(reading("A", 0, 5.0, 5.0)));
        for (int minute = 70; minute <= 90; minute += 10) {
            stream.add(reading("A", minute, 7.5, null));
        }
        for (int minute = 100; minute <= 230; minute += 10) {
            stream.add(reading("A", minute, 5.0, null));
        }
        Scorer running = scorer();
        List<AlertRecord> sent = new ArrayList<>(feedOneByOne(running, stream));
        Scorer restarted = scorer();
        running.takeSnapshots().forEach(taken -> restarted.restore(taken.json()));
        ScoringEvent late = reading("A", 140, 5.0, null);

        List<AlertRecord> afterRestart = restarted.accept(List.of(late)).alerts();
        sent.addAll(running.accept(List.of(late)).alerts());

        assertThat(restarted.timeline(EntityRef.asset("A"))).isEqualTo(running.timeline(EntityRef.asset("A")));
        assertThat(afterRestart).isEmpty();
        assertThat(sent).noneMatch(alert -> alert.type().equals("temperature-excursion"));
    }

    @Test
    void snapshots_are_taken_of_changed_entities_only_and_do_not_move_with_later_events() {
        Scorer scorer = scorer();
        scorer.accept(List.of(reading("A", 0, 5.0, 5.0), reading("B", 0, 5.0, 5.0)));
        List<Scorer.Snapshot> first = scorer.takeSnapshots();
        assertThat(first).extracting(Scorer.Snapshot::entity).containsExactly("asset/A", "asset/B");
        assertThat(scorer.changed()).isFalse();
        assertThat(scorer.takeSnapshots()).isEmpty();

        // A duplicate changes nothing; a new reading of A makes only A's state due again.
        scorer.accept(List.of(reading("A", 0, 5.0, 5.0)));
        assertThat(scorer.changed()).isFalse();
        scorer.accept(List.of(reading("A", 10, 9.5, 5.0)));
        assertThat(scorer.takeSnapshots()).singleElement().satisfies(a -> assertThat(a.events()).hasSize(2));
        // The snapshot taken before still holds one event: it is a copy, written out on another thread.
        assertThat(first.get(0).events()).hasSize(1);

        Scorer restored = scorer();
        first.forEach(snapshot -> restored.restore(snapshot.json()));
        assertThat(restored.entityCount()).isEqualTo(2);
        assertThat(restored.changed()).isFalse();
    }

    @Test
    void an_alert_whose_reason_late_events_take_away_is_cleared_as_revised_and_sent_again_when_they_bring_it_back() {
        Scorer scorer = scorer();
        // Out of range from minute 5: 15 minutes at minute 20 raise the alert.
        List<AlertRecord> raised = scorer.accept(List.of(reading("R", 0, 5.0, 5.0), reading("R", 5, 9.5, 5.0),
                reading("R", 10, 9.5, 5.0), reading("R", 15, 9.5, 5.0), reading("R", 20, 9.5, 5.0))).alerts();
        assertThat(raised).extracting(AlertRecord::state, AlertRecord::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, "2026-11-27T08:20:00Z"));
        String alertId = raised.get(0).alertId();

        // A late reading in range at minute 7: only 12 minutes out at 20, the raise is gone.
        List<AlertRecord> revised = scorer.accept(List.of(reading("R", 7, 5.0, 5.0))).alerts();
        assertThat(revised).extracting(AlertRecord::state, AlertRecord::revised, AlertRecord::alertId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.CLEARED, true, alertId));
        assertThat(scorer.openAlerts()).isEmpty();

        // A later late reading out of range at minute 2: 15 minutes out at 20 again. The same alert is
        // raised again, under a step id never sent, so Artemis and readers take it as news.
        List<AlertRecord> back = scorer.accept(List.of(reading("R", 2, 9.5, 5.0))).alerts();
        assertThat(back).extracting(AlertRecord::state, AlertRecord::alertId, AlertRecord::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, alertId, "2026-11-27T08:20:00Z"));
        assertThat(back.get(0).transitionId()).isNotIn(raised.get(0).transitionId(), revised.get(0).transitionId());
        assertThat(scorer.openAlerts()).extracting(Scorer.OpenAlertView::alertId).containsExactly(alertId);

        // Its clear, when the readings come back in range, is sent too: the first clear was the revised one.
        List<AlertRecord> cleared = scorer.accept(List.of(reading("R", 25, 5.0, 5.0), reading("R", 50, 5.0, 5.0),
                reading("R", 75, 5.0, 5.0), reading("R", 90, 5.0, 5.0))).alerts();
        assertThat(cleared).extracting(AlertRecord::state, AlertRecord::revised, AlertRecord::alertId, AlertRecord::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertState.CLEARED, false, alertId, "2026-11-27T09:30:00Z"));
        assertThat(cleared.get(0).transitionId()).isNotEqualTo(revised.get(0).transitionId());

        // The count of revivals survives a restart: the state restored sends nothing again.
        Scorer restored = scorer();
        scorer.takeSnapshots().forEach(snapshot -> restored.restore(snapshot.json()));
        assertThat(restored.accept(List.of(reading("R", 2, 9.5, 5.0), reading("R", 95, 5.0, 5.0))).alerts()).isEmpty();
    }

    @Test
    void eta_drift_raises_once_per_tier_and_a_predicted_estimate_goes_to_review() {
        Scorer scorer = scorer();
        List<AlertRecord> alerts = feedOneByOne(scorer, shipmentStory());
        assertThat(alerts).filteredOn(a -> a.type().equals("eta-drift")).extracting(AlertRecord::state, AlertRecord::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, "WARNING"),
                        org.assertj.core.groups.Tuple.tuple(AlertState.UPDATED, "MAJOR"));
        AlertRecord raised = alerts.stream().filter(a -> a.type().equals("eta-drift")).findFirst().orElseThrow();
        assertThat(raised.causingEventIds()).containsExactly("e1", "e2");
        assertThat(raised.score().inputs()).containsEntry("promisedFrom", "first-estimate");

        Scorer predicted = scorer();
        List<AlertRecord> review = predicted.accept(List.of(eta("P", "p1", 0, "ARRIVAL", 600, null, "CARRIER"),
                eta("P", "p2", 30, "ARRIVAL", 800, null, "PREDICTED"))).alerts();
        assertThat(review).filteredOn(a -> a.type().equals("eta-drift")).extracting(AlertRecord::destination).containsExactly(AlertRecord.REVIEW);
    }

    @Test
    void an_asset_that_stops_reporting_is_silent_until_its_next_event() {
        Scorer scorer = scorer();
        scorer.accept(List.of(reading("QUIET", 0, 4.0, 4.0), reading("BUSY", 0, 4.0, 4.0)));
        scorer.accept(List.of(reading("BUSY", 45, 4.0, 4.0)));
        Scorer.Result sweep = scorer.sweepSilence();
        assertThat(sweep.alerts()).extracting(AlertRecord::state, AlertRecord::entityId, AlertRecord::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, "QUIET", "2026-11-27T08:30:00Z"));
        assertThat(scorer.sweepSilence().alerts()).isEmpty();
        assertThat(scorer.openAlerts()).extracting(Scorer.OpenAlertView::type).containsExactly("silence");
        List<AlertRecord> back = scorer.accept(List.of(reading("QUIET", 50, 4.0, 4.0))).alerts();
        assertThat(back).extracting(AlertRecord::state, AlertRecord::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.CLEARED, "2026-11-27T08:50:00Z"));
        assertThat(scorer.openAlerts()).isEmpty();
    }

    @Test
    void the_shipment_query_shows_state_scores_open_alerts_and_recent_events() {
        Scorer scorer = scorer();
        scorer.accept(shipmentStory());
        Map<String, Object> view = scorer.shipment("SH-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) view.get("current");
        assertThat(current).containsEntry("status", "EXCEPTION").containsEntry("location", "USLAX");
        assertThat(view).containsKeys("scores", "openAlerts", "recentEvents");
        assertThat((List<?>) view.get("openAlerts")).isNotEmpty();
        assertThat(scorer.shipment("SH-unknown")).isNull();
    }

    /** A reefer shipment warming up, and its delivery estimate sliding six and a half hours. */
    private static List<ScoringEvent> shipmentStory() {
        return List.of(
                status("SH-1", "s1", 0, "GATE_OUT", "USLAX", 1.5),
                eta("SH-1", "e1", 5, "DELIVERY", 600, null, "CARRIER"),
                status("SH-1", "s2", 30, "IN_TRANSIT", null, 6.8),
                status("SH-1", "s3", 40, "IN_TRANSIT", null, 7.4),
                status("SH-1", "s4", 50, "IN_TRANSIT", null, 7.9),
                eta("SH-1", "e2", 60, "DELIVERY", 750, null, "CARRIER"),
                status("SH-1", "s5", 70, "EXCEPTION", null, 8.0),
                eta("SH-1", "e3", 90, "DELIVERY", 990, null, "CARRIER"));
    }

    private static double scoreOf(Scorer scorer, String asset) {
        return scorer.scoreOf(EntityRef.asset(asset), "temperature-excursion");
    }

    private static List<String> openAfter(List<AlertRecord> alerts) {
        Map<String, AlertState> last = new java.util.LinkedHashMap<>();
        alerts.forEach(a -> last.put(a.alertId(), a.state()));
        return last.entrySet().stream().filter(e -> e.getValue() != AlertState.CLEARED).map(Map.Entry::getKey).toList();
    }
}
