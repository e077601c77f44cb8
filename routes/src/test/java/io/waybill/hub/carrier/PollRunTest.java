package io.waybill.hub.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.support.PollChannel;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of a poll: requests, cursors, backoff and the classification of answers; no I/O. */
class PollRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static PollChannel poll(PollChannel.Pagination pagination, PollChannel.Cursor cursor) {
        return new PollChannel("https://api.carrier.example", "/v2/events", 30, null, null, pagination, cursor, null);
    }

    @Test
    void a_changed_since_sweep_resumes_mid_way_and_ends_at_its_start_less_the_overlap() throws Exception {
        PollChannel channel = poll(new PollChannel.Pagination("cursor-token", "Next-Page-Cursor", null, "cursor", null, null),
                new PollChannel.Cursor("changed-since", "eventCreatedDateTime:gte", null, 120, "2026-11-01T00:00:00Z"));
        PollRun run = new PollRun("c", channel, PollCursor.NONE, NOW);
        assertThat(run.requestUrl()).isEqualTo("https://api.carrier.example/v2/events?eventCreatedDateTime%3Agte=2026-11-01T00%3A00%3A00Z");

        run.received("[{}]".getBytes(), Map.of("Next-Page-Cursor", "abc"));
        run.items(List.of(JSON.readTree("{}")), JSON.readTree("[{}]"));
        PollCursor midway = run.nextCursor();
        assertThat(midway.nextPage()).isEqualTo("abc");
        assertThat(midway.position()).isNull();
        assertThat(midway.sweepStartedAt()).isEqualTo(NOW.toString());

        // A restart between the pages resumes at the second page, in the same sweep.
        PollRun resumed = new PollRun("c", channel, midway, NOW.plusSeconds(3600));
        assertThat(resumed.requestUrl()).contains("cursor=abc");
        resumed.received("[]".getBytes(), Map.of());
        resumed.items(List.of(), JSON.readTree("[]"));
        assertThat(resumed.nextCursor().nextPage()).isNull();
        assertThat(resumed.nextCursor().position()).isEqualTo(NOW.minusSeconds(120).toString());
    }

    @Test
    void a_last_event_id_cursor_moves_to_the_last_event_of_a_durable_page() throws Exception {
        PollChannel channel = poll(null, new PollChannel.Cursor("last-event-id", "after", "/eventID", null, null));
        PollRun run = new PollRun("c", channel, new PollCursor("E-7", null, null, null), NOW);
        assertThat(run.requestUrl()).endsWith("/v2/events?after=E-7");
        JsonNode page = JSON.readTree("[{\"eventID\": \"E-8\"}, {\"eventID\": \"E-9\"}]");
        List<JsonNode> items = new ArrayList<>();
        page.forEach(items::add);
        run.received(JSON.writeValueAsBytes(page), Map.of());
        run.items(items, page);
        assertThat(run.nextCursor().position()).isEqualTo("E-9");
        run.cursorSaved(run.nextCursor());
        assertThat(run.isActive()).as("a full page without pagination: ask again at once").isTrue();
    }

    @Test
    void an_unreadable_page_never_moves_the_cursor() throws Exception {
        PollRun run = new PollRun("c", poll(null, new PollChannel.Cursor("last-event-id", "after", "/eventID", null, null)),
                new PollCursor("E-7", null, null, null), NOW);
        run.received("{".getBytes(), Map.of());
        run.unreadable();
        assertThat(run.nextCursor()).isNull();
    }

    @Test
    void a_link_header_gives_its_next_target() {
        assertThat(PollRun.linkHeaderNext("<https://a.example/e?p=1>; rel=\"prev\", <https://a.example/e?p=3>; rel=\"next\""))
                .isEqualTo("https://a.example/e?p=3");
        assertThat(PollRun.linkHeaderNext("<https://a.example/e?p=1>; rel=\"prev\"")).isNull();
    }

    @RepeatedTest(20)
    void backoff_grows_exponentially_with_jitter_and_is_capped() {
        PollChannel.Resilience r = new PollChannel.Resilience(null, 5, 100, 1000, null, null, null, null, null);
        assertThat(PollSteps.backoff(r, 1, null)).isBetween(50L, 100L);
        assertThat(PollSteps.backoff(r, 2, null)).isBetween(100L, 200L);
        assertThat(PollSteps.backoff(r, 3, null)).isBetween(200L, 400L);
        assertThat(PollSteps.backoff(r, 10, null)).isBetween(500L, 1000L);
    }

    @Test
    void retry_after_wins_over_backoff_and_is_capped() {
        PollChannel.Resilience r = new PollChannel.Resilience(null, 5, 100, 60_000, null, null, null, null, null);
        assertThat(PollSteps.backoff(r, 1, Duration.ofSeconds(7))).isEqualTo(7000);
        assertThat(PollSteps.backoff(r, 1, Duration.ofHours(2))).isEqualTo(60_000);
        assertThat(PollSteps.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(PollSteps.retryAfter("Wed, 21 Oct 2099 07:28:00 GMT")).isPositive();
        assertThat(PollSteps.retryAfter("soon")).isNull();
    }

    @Test
    void answers_are_classified_by_what_the_hub_should_do() {
        assertThat(PollSteps.classify(500, null, "x").kind()).isEqualTo(CarrierCallException.Kind.UNAVAILABLE);
        assertThat(PollSteps.classify(503, "5", "x").retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PollSteps.classify(429, "2", "x").kind()).isEqualTo(CarrierCallException.Kind.THROTTLED);
        assertThat(PollSteps.classify(401, null, "x").kind()).isEqualTo(CarrierCallException.Kind.AUTH_REFUSED);
        assertThat(PollSteps.classify(403, null, "x").kind().retryable()).isFalse();
        assertThat(PollSteps.classify(404, null, "x").kind()).isEqualTo(CarrierCallException.Kind.REQUEST_REFUSED);
        assertThat(CarrierCallException.Kind.THROTTLED.breakerFailure()).isFalse();
        assertThat(CarrierCallException.Kind.UNAVAILABLE.breakerFailure()).isTrue();
    }
}
