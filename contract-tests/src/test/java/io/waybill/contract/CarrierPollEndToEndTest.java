package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Polled carrier APIs against real HTTP (WireMock): a hub on the shared brokers with one carrier per failure mode,
 * each declared in its partner.yaml and polled every second. Every wait is Awaitility with generous limits; what is
 * asserted is counted (requests in WireMock's journal, events on Kafka, the hub's metrics), never timed, except one
 * lower bound (Retry-After), which a slow machine can only make larger.
 */
@ExtendWith(SharedHub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarrierPollEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STATUS_TOPIC = "canonical.shipment-status.v1";

    private static WireMockServer carrier;
    private static Path root;
    private static FileHub hub;
    private static final Map<String, String> ENVIRONMENT = new HashMap<>();

    @BeforeAll
    static void startCarriersAndHub() throws IOException {
        carrier = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        carrier.start();
        stubCarriers();
        root = FileHub.newRoot();
        String base = "http://127.0.0.1:" + carrier.port();
        declare("poll-paged", """
                poll:
                  base-url: %s
                  path: /paged/events
                  poll-seconds: 1
                  items: /events
                  auth: {type: api-key, header: X-API-Key}
                  pagination: {type: next-link, header: Next-Page}
                  cursor: {type: last-event-id, param: after, pointer: /eventID}
                """.formatted(base));
        declare("poll-throttled", """
                poll:
                  base-url: %s
                  path: /throttled/events
                  poll-seconds: 1
                  items: /events
                  cursor: {type: last-event-id, param: after, pointer: /eventID}
                  resilience: {backoff-ms: 10, max-attempts: 3}
                """.formatted(base));
        declare("poll-storm", """
                poll:
                  base-url: %s
                  path: /storm/events
                  poll-seconds: 1
                  items: /events
                  cursor: {type: changed-since, param: since, initial: "2026-11-01T00:00:00Z"}
                  resilience: {backoff-ms: 10, max-attempts: 2, window: 4, failure-rate: 50, open-seconds: 2}
                """.formatted(base));
        declare("poll-healthy", """
                poll:
                  base-url: %s
                  path: /healthy/events
                  poll-seconds: 1
                  cursor: {type: changed-since, param: since}
                  pagination: {type: page-number, param: page, size-param: size, size: 2}
                """.formatted(base));
        declare("poll-slow", """
                poll:
                  base-url: %s
                  path: /slow/events
                  poll-seconds: 1
                  items: /events
                  cursor: {type: last-event-id, param: after, pointer: /eventID}
                  resilience: {timeout-ms: 300, backoff-ms: 10, max-attempts: 2, window: 100}
                """.formatted(base));
        declare("poll-malformed", """
                poll:
                  base-url: %s
                  path: /malformed/events
                  poll-seconds: 1
                  items: /events
                  cursor: {type: last-event-id, param: after, pointer: /eventID}
                """.formatted(base));
        declare("poll-oauth", """
                poll:
                  base-url: %s
                  path: /oauth/events
                  poll-seconds: 1
                  items: /events
                  auth: {type: oauth2, token-url: %s/oauth/token, client-id: waybill, scope: events}
                  pagination: {type: cursor-token, pointer: /next, param: cursor}
                  cursor: {type: last-event-id, param: after, pointer: /eventID}
                """.formatted(base, base));
        declare("poll-unauthorized", """
                poll:
                  base-url: %s
                  path: /unauthorized/events
                  poll-seconds: 1
                  auth: {type: basic, user: waybill}
                  cursor: {type: last-event-id, param: after, pointer: /eventID}
                  resilience: {backoff-ms: 10, max-attempts: 5}
                """.formatted(base));
        ENVIRONMENT.put("WAYBILL_POLL_SECRET_POLL_PAGED", "key-paged");
        ENVIRONMENT.put("WAYBILL_POLL_SECRET_POLL_OAUTH", "client-secret");
        ENVIRONMENT.put("WAYBILL_POLL_SECRET_POLL_UNAUTHORIZED", "wrong-password");
        hub = FileHub.start(root, ENVIRONMENT);
    }

    @AfterAll
    static void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
        if (carrier != null) {
            carrier.stop();
        }
    }

    private static void stubCarriers() {
        // poll-paged: two pages linked by the Next-Page header, then nothing new after E3.
        carrier.stubFor(get(urlPathEqualTo("/paged/events")).withQueryParam("after", absent()).withHeader("X-API-Key", equalTo("key-paged"))
                .willReturn(okJson(page("P", 1, 2)).withHeader("Next-Page", "/paged/events?page=2")));
        carrier.stubFor(get(urlPathEqualTo("/paged/events")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page("P", 3, 3))));
        carrier.stubFor(get(urlPathEqualTo("/paged/events")).withQueryParam("after", equalTo("P-3"))
                .willReturn(okJson("{\"events\": []}")));

        // poll-throttled: 429 with Retry-After: 1, then the page.
        carrier.stubFor(get(urlPathEqualTo("/throttled/events")).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("served"));
        carrier.stubFor(get(urlPathEqualTo("/throttled/events")).inScenario("throttle").whenScenarioStateIs("served")
                .withQueryParam("after", absent()).willReturn(okJson(page("T", 1, 1))));
        carrier.stubFor(get(urlPathEqualTo("/throttled/events")).withQueryParam("after", equalTo("T-1"))
                .willReturn(okJson("{\"events\": []}")));

        // poll-storm: 500 until the test repairs it.
        carrier.stubFor(get(urlPathEqualTo("/storm/events")).willReturn(aResponse().withStatus(500).withBody("boom")));

        // poll-healthy: page-numbered, a bare array, always the same two events (duplicates after the first poll).
        carrier.stubFor(get(urlPathEqualTo("/healthy/events")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[" + event("H", 1) + "," + event("H", 2) + "]")));
        carrier.stubFor(get(urlPathEqualTo("/healthy/events")).withQueryParam("page", equalTo("2")).willReturn(okJson("[]")));

        // poll-slow: answers long after the carrier's timeout.
        carrier.stubFor(get(urlPathEqualTo("/slow/events")).willReturn(okJson(page("S", 1, 1)).withFixedDelay(3000)));

        // poll-malformed: not JSON.
        carrier.stubFor(get(urlPathEqualTo("/malformed/events")).willReturn(okJson("{\"events\": [{\"eventID\": \"M-1\", ")));

        // poll-oauth: the first token has expired on the carrier's side; the second is good.
        carrier.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\": \"expired-token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"))
                .willSetStateTo("renewed"));
        carrier.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"access_token\": \"fresh-token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
        carrier.stubFor(get(urlPathEqualTo("/oauth/events")).withHeader("Authorization", equalTo("Bearer expired-token"))
                .willReturn(aResponse().withStatus(401)));
        carrier.stubFor(get(urlPathEqualTo("/oauth/events")).withHeader("Authorization", equalTo("Bearer fresh-token"))
                .withQueryParam("cursor", absent()).withQueryParam("after", absent())
                .willReturn(okJson("{\"events\": [" + event("O", 1) + "], \"next\": \"c2\"}")));
        carrier.stubFor(get(urlPathEqualTo("/oauth/events")).withHeader("Authorization", equalTo("Bearer fresh-token"))
                .withQueryParam("cursor", equalTo("c2")).willReturn(okJson("{\"events\": [" + event("O", 2) + "]}")));
        carrier.stubFor(get(urlPathEqualTo("/oauth/events")).withHeader("Authorization", equalTo("Bearer fresh-token"))
                .withQueryParam("after", equalTo("O-2")).willReturn(okJson("{\"events\": []}")));

        // poll-unauthorized: the hub's credentials are wrong.
        carrier.stubFor(get(urlPathEqualTo("/unauthorized/events")).willReturn(aResponse().withStatus(401)));
    }

    @Test
    @Order(Integer.MAX_VALUE) // restarts the hub, whose metrics the other tests read
    void reads_every_page_via_next_links_then_resumes_from_the_persisted_cursor_after_a_restart() throws Exception {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(events("poll-paged")).hasSize(3));
        assertThat(events("poll-paged")).extracting(e -> e.path("data").path("shipmentId").asText())
                .containsExactlyInAnyOrder("SH-P-1", "SH-P-2", "SH-P-3");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cursor("poll-paged").path("position").asText()).isEqualTo("P-3"));
        List<TopicReader.Record> raw = TopicReader.readAll(hub.bootstrap(), "raw.v1",
                r -> "poll-paged".equals(r.headers().get("waybill.partner")));
        assertThat(raw).isNotEmpty().allSatisfy(r -> assertThat(r.headers()).containsEntry("waybill.channel", "poll"));

        // Restart: the new hub asks only for what came after the cursor, never for the whole feed again.
        int firstPagesBefore = requests("/paged/events", "after", null);
        hub.hub.close();
        hub = FileHub.start(root, ENVIRONMENT);
        int afterCursorBefore = requests("/paged/events", "after", "P-3");
        await().atMost(PATIENCE).until(() -> requests("/paged/events", "after", "P-3") > afterCursorBefore);
        assertThat(requests("/paged/events", "after", null)).isEqualTo(firstPagesBefore);
        assertThat(events("poll-paged")).hasSize(3);
    }

    @Test
    void honours_retry_after_on_429_and_does_not_count_it_against_the_breaker() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(events("poll-throttled")).hasSize(1));
        List<LoggedRequest> calls = carrier.findAll(getRequestedFor(urlPathEqualTo("/throttled/events")));
        assertThat(calls.size()).isGreaterThanOrEqualTo(2);
        // Lower bound only: the retry waited for Retry-After (1 s), not for the 10 ms backoff.
        long waited = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(900);
        assertThat(metric("waybill_poll_calls_total", "poll-throttled", "outcome=\"throttled\"")).isEqualTo(1.0);
        assertThat(metric("waybill_carrier_breaker_state", "poll-throttled", null)).isEqualTo(0.0);
    }

    @Test
    void a_500_storm_opens_the_breaker_probes_half_open_and_closes_while_a_healthy_carrier_keeps_flowing() {
        // The storm opens the breaker; from then on most polls make no call at all.
        await().atMost(PATIENCE).until(() -> metric("waybill_carrier_breaker_state", "poll-storm", null) == 2.0);
        await().atMost(PATIENCE).until(() -> metric("waybill_poll_calls_total", "poll-storm", "outcome=\"short-circuited\"") >= 2);
        assertThat(metric("waybill_carrier_degraded", "poll-storm", null)).isEqualTo(1.0);

        // While it is open, the healthy carrier's polls keep completing, one per second as declared.
        double healthyRuns = metric("waybill_poll_runs_total", "poll-healthy", "outcome=\"caught-up\"");
        double stormShortCircuits = metric("waybill_poll_calls_total", "poll-storm", "outcome=\"short-circuited\"");
        await().atMost(PATIENCE).until(() -> metric("waybill_poll_runs_total", "poll-healthy", "outcome=\"caught-up\"") >= healthyRuns + 3
                && metric("waybill_poll_calls_total", "poll-storm", "outcome=\"short-circuited\"") >= stormShortCircuits + 2);
        assertThat(events("poll-healthy")).hasSize(2);

        // Half-open: after open-seconds the breaker lets a probe through (a real call, which fails again).
        int stormCalls = carrier.findAll(getRequestedFor(urlPathEqualTo("/storm/events"))).size();
        await().atMost(PATIENCE).until(() -> carrier.findAll(getRequestedFor(urlPathEqualTo("/storm/events"))).size() > stormCalls);

        // The carrier recovers: the next probe succeeds, the breaker closes and polling catches up from the cursor.
        carrier.stubFor(get(urlPathEqualTo("/storm/events")).atPriority(1).withQueryParam("since", equalTo("2026-11-01T00:00:00Z"))
                .willReturn(okJson(page("R", 1, 2))));
        carrier.stubFor(get(urlPathEqualTo("/storm/events")).atPriority(2).willReturn(okJson("{\"events\": []}")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(events("poll-storm")).hasSize(2));
        await().atMost(PATIENCE).until(() -> metric("waybill_carrier_breaker_state", "poll-storm", null) == 0.0);
        assertThat(metric("waybill_carrier_degraded", "poll-storm", null)).isEqualTo(0.0);
    }

    @Test
    void a_response_slower_than_the_timeout_is_a_failed_call_and_the_poll_goes_on() {
        await().atMost(PATIENCE).until(() -> metric("waybill_poll_calls_total", "poll-slow", "outcome=\"unavailable\"") >= 2
                && metric("waybill_poll_runs_total", "poll-slow", "outcome=\"unavailable\"") >= 1);
        assertThat(events("poll-slow")).isEmpty();
    }

    @Test
    void a_malformed_page_is_dead_lettered_once_and_the_cursor_stays() {
        await().atMost(PATIENCE).until(() -> metric("waybill_poll_runs_total", "poll-malformed", "outcome=\"unreadable-page\"") >= 3);
        List<TopicReader.Record> dead = TopicReader.readAll(hub.bootstrap(), "dlq.v1",
                r -> "poll-malformed".equals(r.headers().get("waybill.error.partner")));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers()).containsEntry("waybill.error.stage", "parse").containsEntry("waybill.channel", "poll");
        assertThat(dead.get(0).headers().get("waybill.error.reason")).contains("not JSON");
        assertThat(dead.get(0).value()).startsWith("{\"events\": [{\"eventID\": \"M-1\"");
        assertThat(cursorRecords("poll-malformed")).isEmpty();
    }

    @Test
    void an_expired_token_is_refreshed_once_and_cursor_token_pages_are_followed() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(events("poll-oauth")).hasSize(2));
        assertThat(carrier.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")))).hasSize(2);
        assertThat(carrier.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))).get(0).getBodyAsString())
                .contains("grant_type=client_credentials").contains("scope=events");
        assertThat(metric("waybill_carrier_auth_failures_total", "poll-oauth", null)).isZero();
    }

    @Test
    void a_401_is_a_configuration_problem_reported_without_a_retry_storm() {
        await().atMost(PATIENCE).until(() -> metric("waybill_poll_runs_total", "poll-unauthorized", "outcome=\"auth-refused\"") >= 3);
        double runs = metric("waybill_poll_runs_total", "poll-unauthorized", "outcome=\"auth-refused\"");
        int calls = carrier.findAll(getRequestedFor(urlPathEqualTo("/unauthorized/events"))).size();
        // One call per poll, never the five tries a retryable failure would get; a poll may be under way.
        assertThat((double) calls).isLessThanOrEqualTo(runs + 1);
        assertThat(carrier.findAll(getRequestedFor(urlPathEqualTo("/unauthorized/events"))).get(0).getHeader("Authorization"))
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("waybill:wrong-password".getBytes()));
        assertThat(metric("waybill_carrier_auth_failures_total", "poll-unauthorized", null)).isGreaterThanOrEqualTo(3.0);
        assertThat(metric("waybill_carrier_degraded", "poll-unauthorized", null)).isEqualTo(1.0);
        assertThat(metric("waybill_carrier_breaker_state", "poll-unauthorized", null)).isEqualTo(0.0);
    }

    static String page(String prefix, int from, int to) {
        StringBuilder events = new StringBuilder("{\"events\": [");
        for (int i = from; i <= to; i++) {
            events.append(i == from ? "" : ",").append(event(prefix, i));
        }
        return events.append("]}").toString();
    }

    static String event(String prefix, int n) {
        return "{\"eventID\": \"" + prefix + "-" + n + "\", \"shipment\": \"SH-" + prefix + "-" + n
                + "\", \"code\": \"PU\", \"time\": \"2026-11-27T10:0" + (n % 10) + ":00Z\"}";
    }

    private static void declare(String partner, String channels) throws IOException {
        declare(root, partner, channels);
    }

    /** A carrier whose events are {eventID, shipment, code, time}, mapped from the poll channel. */
    static void declare(Path root, String partner, String channels) throws IOException {
        Path folder = Files.createDirectories(root.resolve("mappings").resolve(partner));
        Files.writeString(folder.resolve("codes.csv"), "code,value\nPU,PICKED_UP\nDL,DELIVERED\n");
        Files.writeString(folder.resolve("event.jslt"), """
                {"shipmentId": .shipment, "status": code-lookup("codes", .code), "eventTime": utc-instant(.time),
                 "eventTimeOffset": utc-offset(.time), "partnerStatus": {"code": .code}}
                """);
        Files.writeString(folder.resolve("event.mapping.yaml"), """
                id: %s.event
                version: 1
                accepts: {channel: poll, format: json}
                produces: shipment-status/v1
                identity: .eventID
                transform: event.jslt
                tables:
                  codes: codes.csv
                """.formatted(partner));
        Files.writeString(folder.resolve("partner.yaml"), """
                id: %s
                name: %s (test carrier)
                owner: ops@%s.example
                channels:
                %s""".formatted(partner, partner, partner, channels.indent(2)));
    }

    private static List<JsonNode> events(String partner) {
        return TopicReader.readAll(hub.bootstrap(), STATUS_TOPIC).stream().map(r -> read(r.value()))
                .filter(e -> partner.equals(e.path("partner").asText())).toList();
    }

    private static List<JsonNode> cursorRecords(String partner) {
        return TopicReader.readAll(hub.bootstrap(), "waybill.poll.cursors", r -> partner.equals(r.key())).stream()
                .map(r -> read(r.value())).toList();
    }

    private static JsonNode cursor(String partner) {
        List<JsonNode> records = cursorRecords(partner);
        return records.isEmpty() ? JSON.createObjectNode() : records.get(records.size() - 1);
    }

    /** Requests to {@code path} whose query parameter has {@code value} (null: the parameter is absent). */
    private static int requests(String path, String param, String value) {
        return (int) carrier.findAll(getRequestedFor(urlPathEqualTo(path))).stream()
                .filter(r -> {
                    var parameter = r.queryParameter(param);
                    return value == null ? !parameter.isPresent() : parameter.isPresent() && value.equals(parameter.firstValue());
                }).count();
    }

    /** A metric of the hub for one partner (0 when it has no value yet), optionally narrowed by another tag. */
    private static double metric(String name, String partner, String tag) {
        return metric(hub, name, partner, tag);
    }

    /** A metric of {@code hub} for one partner (0 when it has no value yet), optionally narrowed by another tag. */
    static double metric(FileHub hub, String name, String partner, String tag) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(hub.metrics());
        double total = 0;
        while (matcher.find()) {
            String tags = matcher.group(1);
            if (tags.contains("partner=\"" + partner + "\"") && (tag == null || tags.contains(tag))) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
