package io.waybill.contract;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.waybill.hub.config.HubSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

/**
 * Many carriers backing off in the middle of a sweep at once must not hold up a healthy carrier. Each stalling carrier
 * serves its first page, then answers the next request 429 with a long Retry-After: its poll waits for it in the middle
 * of a run, after a page went to Kafka. There are more of them than a Kafka producer's worker pool has threads (10 to 20
 * in camel-kafka): a poll that went on on the pool thread that completed its Kafka send would hold one of those threads
 * for the whole wait, and the healthy carrier's poll, queued behind them, would stop until the Retry-After ran out.
 */
@ExtendWith(SharedHub.class)
class CarrierPollIsolationEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** More than camel-kafka's default worker pool (workerPoolCoreSize 10, workerPoolMaxSize 20). */
    private static final int STALLING = 24;
    private static final int RETRY_AFTER_SECONDS = 60;

    private static WireMockServer carrier;
    private static Path root;
    private static FileHub hub;

    @BeforeAll
    static void startCarriersAndHub() throws IOException {
        carrier = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        carrier.start();
        root = FileHub.newRoot();
        String base = "http://127.0.0.1:" + carrier.port();
        for (int i = 1; i <= STALLING; i++) {
            String partner = stalling(i);
            carrier.stubFor(get(urlPathEqualTo("/" + partner + "/events")).withQueryParam("after", absent())
                    .willReturn(okJson(CarrierPollEndToEndTest.page(partner, 1, 1))));
            carrier.stubFor(get(urlPathEqualTo("/" + partner + "/events")).withQueryParam("after", equalTo(partner + "-1"))
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))));
            // Without pagination, a page with events is followed by another request in the same run: the one refused.
            CarrierPollEndToEndTest.declare(root, partner, """
                    poll:
                      base-url: %s
                      path: /%s/events
                      poll-seconds: 1
                      items: /events
                      cursor: {type: last-event-id, param: after, pointer: /eventID}
                      resilience: {max-attempts: 2}
                    """.formatted(base, partner));
        }
        carrier.stubFor(get(urlPathEqualTo("/healthy/events")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[" + CarrierPollEndToEndTest.event("H", 1) + "," + CarrierPollEndToEndTest.event("H", 2) + "]")));
        carrier.stubFor(get(urlPathEqualTo("/healthy/events")).withQueryParam("page", equalTo("2")).willReturn(okJson("[]")));
        CarrierPollEndToEndTest.declare(root, "isolated-healthy", """
                poll:
                  base-url: %s
                  path: /healthy/events
                  poll-seconds: 1
                  cursor: {type: changed-since, param: since}
                  pagination: {type: page-number, param: page, size-param: size, size: 2}
                """.formatted(base));
        // The stalling polls are still waiting when the test ends: do not wait for them at shutdown.
        hub = FileHub.start(root, Map.of(), Map.of(HubSettings.SHUTDOWN_TIMEOUT_SECONDS.name(), "1"));
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

    @Test
    void carriers_waiting_out_a_retry_after_mid_sweep_do_not_hold_up_a_healthy_carrier() {
        // At least as many stalling carriers as the pool has core threads had their first page and are now waiting out
        // the Retry-After of the next request (those queued behind them, if any, get there only once the waits end).
        await().atMost(PATIENCE).until(() -> carrier.findAll(getRequestedFor(urlPathEqualTo("/healthy/events"))).size() > 0
                && IntStream.rangeClosed(1, STALLING).filter(i -> refused(stalling(i)) >= 1).count() >= 10);

        // While they wait, the healthy carrier goes on polling once a second: many more polls well before the first of
        // those waits ends (a poll queued behind them made no more than a few before it stopped for the whole wait).
        double healthyRuns = runs();
        await().atMost(Duration.ofSeconds(RETRY_AFTER_SECONDS * 3 / 4)).until(() -> runs() >= healthyRuns + 10);
    }

    private static String stalling(int i) {
        return "stalling-%02d".formatted(i);
    }

    private static int refused(String partner) {
        return carrier.findAll(getRequestedFor(urlPathEqualTo("/" + partner + "/events")).withQueryParam("after", equalTo(partner + "-1")))
                .size();
    }

    private static double runs() {
        return CarrierPollEndToEndTest.metric(hub, "waybill_poll_runs_total", "isolated-healthy", "outcome=\"caught-up\"");
    }
}
