package io.waybill.hub;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PartnerRoutes} against a real Camel context: a route template whose routes count their timer ticks per
 * partner, and a timer that reconciles them, as the carrier polls and SFTP pickups do.
 */
class PartnerRoutesTest {

    private final CamelContext context = new DefaultCamelContext();
    private final PartnerRoutes routes = new PartnerRoutes("probe", "probe-");
    private final Map<String, AtomicInteger> ticks = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();
    /** The declarations the reconciling timer acts on: a new map is a new version. */
    /** Counted down when the reconciling timer has run while the context was still starting. */
    private final CountDownLatch reconciledWhileStarting = new CountDownLatch(1);
    private final AtomicReference<Map<String, Map<String, Object>>> declarations = new AtomicReference<>(Map.of());

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void partners_reconciled_while_the_context_is_still_starting_are_polled_once_it_has_started() throws Exception {
        declarations.set(Map.of("first-carrier", parameters("first-carrier", "a"), "second-carrier", parameters("second-carrier", "a")));
        // A timer fires once the context is almost started (its start-up listener), and the context may go on starting
        // for a while: on a busy machine the hub's did. A listener after the reconciling timer's keeps the context
        // starting until the reconciling timer has fired in that state.
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.RouteStartedEvent started && started.getRoute().getRouteId().equals("reconcile")) {
                    context.addStartupListener((startingContext, alreadyStarted) ->
                            assertThat(reconciledWhileStarting.await(10, TimeUnit.SECONDS)).isTrue());
                }
            }
        });
        start();
        assertThat(reconciledWhileStarting.getCount()).isZero();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ticks("first-carrier-a")).isPositive();
            assertThat(ticks("second-carrier-a")).isPositive();
        });
        assertThat(context.getRouteController().getRouteStatus("probe-first-carrier")).isEqualTo(ServiceStatus.Started);
        synchronized (log) {
            assertThat(log).containsExactlyInAnyOrder("added first-carrier", "added second-carrier");
        }
    }

    @Test
    void a_changed_partner_gets_a_new_route_and_a_withdrawn_one_loses_its_route() throws Exception {
        declarations.set(Map.of("kept", parameters("kept", "a"), "changed", parameters("changed", "a"), "withdrawn", parameters("withdrawn", "a")));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks("kept-a") > 0 && ticks("changed-a") > 0 && ticks("withdrawn-a") > 0);

        declarations.set(Map.of("kept", parameters("kept", "a"), "changed", parameters("changed", "b")));
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks("changed-b") > 0);
        assertThat(context.getRoute("probe-withdrawn")).isNull();
        assertThat(context.getRoutes()).extracting(r -> r.getRouteId()).filteredOn(id -> id.startsWith("probe-"))
                .containsExactlyInAnyOrder("probe-kept", "probe-changed");
        synchronized (log) {
            assertThat(log).containsSubsequence("removed changed (replaced)", "added changed")
                    .contains("removed withdrawn").doesNotContain("removed kept");
        }
        int keptTicks = ticks("kept-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks("kept-a") > keptTicks);
    }

    @Test
    void a_partner_whose_set_up_fails_is_reported_and_does_not_keep_the_others_from_their_routes() throws Exception {
        declarations.set(Map.of("broken", parameters("broken", "a"), "sound", parameters("sound", "a")));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks("sound-a") > 0);
        assertThat(context.getRoute("probe-broken")).isNull();
        synchronized (log) {
            assertThat(log).contains("failed broken: no set-up for broken", "added sound");
        }
    }

    private void start() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                routeTemplate("probe").templateParameter("partner").templateParameter("tag")
                        // Ticks are counted per partner and parameters: "changed-b" is partner changed's route with tag b.
                        .from("timer:{{partner}}-{{tag}}?period=50")
                        .to("direct:tick");
                from("direct:tick").process(exchange -> ticks.computeIfAbsent(timerName(exchange),
                        key -> new AtomicInteger()).incrementAndGet());
                from("timer:reconcile?delay=0&period=100").routeId("reconcile")
                        .process(exchange -> {
                            Map<String, Map<String, Object>> current = declarations.get();
                            routes.reconcile(exchange.getContext(), current, () -> current, lifecycle());
                            if (exchange.getContext().isStarting()) {
                                reconciledWhileStarting.countDown();
                            }
                        });
            }
        });
        context.start();
    }

    private PartnerRoutes.Lifecycle lifecycle() {
        return new PartnerRoutes.Lifecycle() {
            @Override
            public void preparing(String partner, Map<String, Object> parameters) {
                if (partner.equals("broken")) {
                    throw new IllegalStateException("no set-up for " + partner);
                }
            }

            @Override
            public void added(String partner, Map<String, Object> parameters) {
                record("added " + partner);
            }

            @Override
            public void removed(String partner, boolean changed) {
                record("removed " + partner + (changed ? " (replaced)" : ""));
            }

            @Override
            public void failed(String partner, RuntimeException e) {
                record("failed " + partner + ": " + e.getMessage());
            }
        };
    }

    /** The name of the timer that started the exchange: {@code timer://changed-b?period=50} is changed-b. */
    private static String timerName(Exchange exchange) {
        return exchange.getFromEndpoint().getEndpointUri().replaceFirst("^timer:(//)?", "").replaceFirst("\\?.*", "");
    }

    private void record(String line) {
        synchronized (log) {
            log.add(line);
        }
    }

    private int ticks(String key) {
        AtomicInteger count = ticks.get(key);
        return count == null ? 0 : count.get();
    }

    private static Map<String, Object> parameters(String partner, String tag) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("partner", partner);
        parameters.put("tag", tag);
        return parameters;
    }
}
