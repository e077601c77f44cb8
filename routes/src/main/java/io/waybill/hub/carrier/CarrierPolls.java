package io.waybill.hub.carrier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.adapter.support.PollChannel;
import io.waybill.hub.PartnerRoutes;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one poll route (from the {@code carrier-poll} template) per partner whose declaration has {@code channels.poll},
 * in step with the active declarations, like the SFTP pickups. Each carrier gets its own timer thread, its own circuit
 * breaker (looked up as {@code carrierBreaker-<partner>} in {@link CarrierBreakers}) and its own bulkhead, so one
 * carrier's outage, slowness or throttling holds up no other carrier and no other channel.
 */
public final class CarrierPolls {

    /** The route template in carrier-poll.camel.yaml. */
    public static final String TEMPLATE = "carrier-poll";
    /** Poll routes are {@code carrier-poll-<partner>}. */
    public static final String ROUTE_PREFIX = TEMPLATE + "-";
    /** Name prefix of each carrier's circuit breaker (in {@link CarrierBreakers}). */
    public static final String BREAKER_PREFIX = "carrierBreaker-";
    /** Component name prefix of each carrier's HTTP client. */
    public static final String HTTP_PREFIX = "carrier-http-";

    private static final Logger LOG = LoggerFactory.getLogger(CarrierPolls.class);

    private final ActiveMappings active;
    private final CarrierBreakers breakers;
    private final Clock clock;
    private final Map<String, CarrierHealth> health = new ConcurrentHashMap<>();
    private final PartnerRoutes routes = new PartnerRoutes(TEMPLATE, ROUTE_PREFIX);
    private volatile MeterRegistry meters;

    public CarrierPolls(ActiveMappings active, CarrierBreakers breakers, Clock clock) {
        this.active = active;
        this.breakers = breakers;
        this.clock = clock;
    }

    /** Adds, replaces and removes poll routes until there is one per polled carrier. */
    public synchronized void reconcile(Exchange exchange) throws Exception {
        CamelContext context = exchange.getContext();
        if (meters == null) {
            meters = MicrometerUtils.getOrCreateMeterRegistry(context.getRegistry(), MicrometerConstants.METRICS_REGISTRY_NAME);
        }
        PartnerRegistry partners = active.partners();
        Map<String, PollChannel> polls = new HashMap<>();
        routes.reconcile(context, partners, () -> {
            Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
            for (PartnerDeclaration partner : partners.all()) {
                PollChannel poll = partner.channels().poll();
                if (poll != null) {
                    wanted.put(partner.id(), parameters(partner.id(), poll));
                    polls.put(partner.id(), poll);
                }
            }
            return wanted;
        }, new PartnerRoutes.Lifecycle() {
            @Override
            public void preparing(String partner, Map<String, Object> parameters) {
                PollChannel.Resilience resilience = polls.get(partner).resilienceOrDefault();
                CircuitBreaker breaker = breaker(partner, resilience);
                breakers.put(BREAKER_PREFIX + partner, breaker);
                context.removeComponent(HTTP_PREFIX + partner);
                context.addComponent(HTTP_PREFIX + partner, http(resilience));
                health(partner).useBreaker(breaker);
            }

            @Override
            public void added(String partner, Map<String, Object> parameters) {
                LOG.info("Polling carrier {}: {}{} every {} ms", partner, polls.get(partner).baseUrl(), polls.get(partner).path(),
                        parameters.get("pollMillis"));
            }

            @Override
            public void removed(String partner, boolean changed) {
                LOG.info("Poll of carrier {} stopped{}", partner, changed ? " (its declaration changed)" : "");
            }

            @Override
            public void failed(String partner, RuntimeException e) {
                LOG.error("Poll of carrier {} cannot be set up, no polling until the partner is reloaded: {}", partner, e.getMessage(), e);
            }
        });
    }

    /** The carrier's health and metrics (created on first use). */
    public CarrierHealth health(String partner) {
        return health.computeIfAbsent(partner, p -> new CarrierHealth(p, meters, clock));
    }

    /**
     * Each carrier's own HTTP client: its own connection pool (at most {@code max-concurrent} connections, so one
     * carrier can never take the connections of another) and its own timeouts ({@code timeout-ms} to connect and
     * for the answer). It never retries by itself: retries are the poll's, counted by the breaker.
     */
    static HttpComponent http(PollChannel.Resilience resilience) {
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(resilience.timeoutMsOrDefault());
        http.setResponseTimeout(resilience.timeoutMsOrDefault());
        http.setSoTimeout(resilience.timeoutMsOrDefault());
        http.setConnectionRequestTimeout(resilience.timeoutMsOrDefault());
        http.setMaxTotalConnections(resilience.maxConcurrentOrDefault());
        http.setConnectionsPerRoute(resilience.maxConcurrentOrDefault());
        http.setAutomaticRetriesDisabled(true);
        http.setFollowRedirects(false);
        return http;
    }

    /** Each carrier's breaker has its own configuration; a changed declaration gets a new, closed breaker. */
    static CircuitBreaker breaker(String partner, PollChannel.Resilience resilience) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(resilience.failureRateOrDefault())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(resilience.windowOrDefault())
                .minimumNumberOfCalls(resilience.windowOrDefault())
                .waitDurationInOpenState(Duration.ofSeconds(resilience.openSecondsOrDefault()))
                .permittedNumberOfCallsInHalfOpenState(resilience.halfOpenCallsOrDefault())
                // Only the carrier being down counts: not throttling, not refused credentials, not a bad request.
                .recordException(t -> {
                    CarrierCallException call = PollSteps.find(t, CarrierCallException.class);
                    return call == null || call.kind().breakerFailure();
                })
                .build();
        return CircuitBreaker.of(BREAKER_PREFIX + partner, config);
    }

    private static Map<String, Object> parameters(String partner, PollChannel poll) {
        PollChannel.Resilience resilience = poll.resilienceOrDefault();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("partner", partner);
        // The carrier's own HTTP component; every call sets its full URL (Exchange.HTTP_URI), https included.
        parameters.put("endpoint", HTTP_PREFIX + partner + ":" + poll.baseUrl().replaceFirst("^https?:", ""));
        parameters.put("pollMillis", poll.pollSecondsOrDefault() * 1000L);
        parameters.put("breaker", BREAKER_PREFIX + partner);
        parameters.put("maxConcurrent", resilience.maxConcurrentOrDefault());
        // Not a route parameter but part of what the route was built from: a changed declaration rebuilds it.
        parameters.put("declaration", poll.toString());
        return parameters;
    }
}
