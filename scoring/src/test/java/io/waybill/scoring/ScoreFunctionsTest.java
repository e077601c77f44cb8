package io.waybill.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static io.waybill.scoring.Events.at;
import static io.waybill.scoring.Events.eta;
import static io.waybill.scoring.Events.reading;
import static io.waybill.scoring.Events.status;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreFunctionsTest {

    private static Policy policy(String id) {
        return Events.policies().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static TreeMap<EventKey, ScoringEvent> window(ScoringEvent... events) {
        TreeMap<EventKey, ScoringEvent> view = new TreeMap<>();
        for (ScoringEvent e : events) {
            view.put(EventKey.of(e), e);
        }
        return view;
    }

    @Test
    void temperature_excursion_counts_minutes_out_of_the_set_point_band_with_each_reading_holding_until_the_next() {
        // set point 5 ± 3: 9.0 at minute 10 holds until 4.0 at minute 30: 20 minutes out.
        var view = window(reading("A", 0, 5.0, 5.0), reading("A", 10, 9.0, null), reading("A", 30, 4.0, null));
        Score score = ScoreFunctions.temperatureExcursion(policy("temperature-excursion"), view, at(40));
        assertThat(score.value()).isEqualTo(20.0);
        assertThat(score.inputs()).containsEntry("rangeSource", "setpoint").containsEntry("rangeMaxC", 8.0)
                .containsEntry("readingsOutside", 1);
        assertThat(score.eventIds()).containsExactly("t-A-10");
        assertThat(score.confidence()).isEqualTo(0.5);
    }

    @Test
    void temperature_excursion_caps_how_long_a_reading_holds_and_counts_only_the_window() {
        // 9.0 at minute 0, nothing after: holds 30 minutes (the cap), not 100; the window at 70 starts at 10.
        var view = window(reading("A", 0, 9.0, 5.0));
        assertThat(ScoreFunctions.temperatureExcursion(policy("temperature-excursion"), view, at(100)).value()).isEqualTo(0.0);
        assertThat(ScoreFunctions.temperatureExcursion(policy("temperature-excursion"), view, at(45)).value()).isEqualTo(30.0);
        assertThat(ScoreFunctions.temperatureExcursion(policy("temperature-excursion"), view, at(70)).value()).isEqualTo(20.0);
    }

    @Test
    void temperature_excursion_without_a_set_point_uses_the_policy_default_range() {
        var view = window(status("S", "s1", 0, "GATE_OUT", "USLAX", 7.0), status("S", "s2", 20, "IN_TRANSIT", null, 7.5));
        Score score = ScoreFunctions.temperatureExcursion(policy("temperature-excursion"), view, at(30));
        assertThat(score.value()).isEqualTo(30.0);
        assertThat(score.inputs()).containsEntry("rangeSource", "policy-default").containsEntry("rangeMaxC", 6.0);
        assertThat(score.confidence()).isEqualTo(0.8);
    }

    @Test
    void eta_drift_measures_the_latest_estimate_against_the_first_promise_of_the_same_type() {
        var view = window(eta("S", "e1", 0, "DELIVERY", 600, null, "CARRIER"),
                eta("S", "e2", 60, "DELIVERY", 780, null, "CARRIER"),
                eta("S", "e3", 61, "PICKUP", 100, 90, "CARRIER"));
        Score score = ScoreFunctions.etaDrift(view);
        assertThat(score.value()).isEqualTo(180.0);
        assertThat(score.inputs()).containsEntry("etaType", "DELIVERY").containsEntry("promisedFrom", "first-estimate")
                .containsEntry("estimates", 2);
        assertThat(score.eventIds()).containsExactly("e1", "e2");
    }

    @Test
    void eta_drift_takes_the_promise_an_eta_event_states() {
        Score score = ScoreFunctions.etaDrift(window(eta("S", "e1", 0, "ARRIVAL", 500, 110, "PARTNER")));
        assertThat(score.value()).isEqualTo(390.0);
        assertThat(score.inputs()).containsEntry("promisedFrom", "previous-estimate");
    }

    @Test
    void dwell_runs_from_the_first_status_at_the_location_until_a_status_says_it_left() {
        var view = window(status("S", "s1", 0, "DEPARTED", "USCHI", null), status("S", "s2", 60, "ARRIVED", "USIND", null),
                status("S", "s3", 90, "EXCEPTION", null, null), status("S", "s4", 120, "GATE_IN", "USIND", null));
        Score dwell = ScoreFunctions.dwell(view, at(300));
        assertThat(dwell.value()).isEqualTo(240.0);
        assertThat(dwell.inputs()).containsEntry("location", "USIND").containsEntry("eventsAtLocation", 3);
        view.put(EventKey.of(status("S", "s5", 310, "DEPARTED", "USIND", null)), status("S", "s5", 310, "DEPARTED", "USIND", null));
        assertThat(ScoreFunctions.dwell(view, at(320)).value()).isEqualTo(0.0);
    }

    @Test
    void delay_risk_lists_each_part_it_adds_up() {
        var view = window(status("S", "s1", 0, "ARRIVED", "USIND", null), eta("S", "e1", 10, "DELIVERY", 600, 420, "CARRIER"));
        Score risk = ScoreFunctions.delayRisk(policy("delay-risk"), view, at(720));
        // 180 min late: 60 points (capped); stale 720 > 360: 30 points capped at 20; dwell 720 > 240: 8h: 20 (capped).
        assertThat(risk.inputs()).containsEntry("slackMinutes", -180.0).containsEntry("latenessPoints", 60.0)
                .containsEntry("stalenessPoints", 20.0).containsEntry("dwellPoints", 20.0);
        assertThat(risk.value()).isEqualTo(100.0);
        assertThat(risk.summary()).isEqualTo("risk 100.0 = lateness 60.0 + staleness 20.0 + dwell 20.0");
        List<String> ids = risk.eventIds();
        assertThat(ids).contains("e1", "s1");
    }
}
