package io.waybill.hub.carrier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One polled carrier's health, as metrics tagged {@code partner}:
 * <ul>
 *   <li>{@code waybill_carrier_breaker_state}: 0 closed, 1 half-open, 2 open (or forced open)</li>
 *   <li>{@code waybill_carrier_degraded}: 1 while the breaker is not closed or the hub's credentials are refused</li>
 *   <li>{@code waybill_poll_last_success_seconds}: epoch seconds of the last page received</li>
 *   <li>{@code waybill_poll_lag_seconds}: seconds since the carrier's feed was last read to its end (caught up)</li>
 *   <li>{@code waybill_poll_calls_total{outcome}}: calls by outcome (ok, unavailable, throttled, auth-refused,
 *       request-refused, short-circuited)</li>
 *   <li>{@code waybill_carrier_auth_failures_total}: 401/403 answers, a configuration problem to fix</li>
 * </ul>
 */
public final class CarrierHealth {

    private final String partner;
    private final MeterRegistry registry;
    private final Clock clock;
    private volatile CircuitBreaker breaker;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong caughtUpAt;
    private volatile boolean credentialsRefused;

    public CarrierHealth(String partner, MeterRegistry registry, Clock clock) {
        this.partner = partner;
        this.registry = registry;
        this.clock = clock;
        // Until the first complete sweep, lag counts from the moment the carrier was set up.
        this.caughtUpAt = new AtomicLong(clock.millis());
        Gauge.builder("waybill.carrier.breaker.state", this, CarrierHealth::breakerState).tag("partner", partner)
                .description("0 closed, 1 half-open, 2 open").register(registry);
        Gauge.builder("waybill.carrier.degraded", this, h -> h.degraded() ? 1 : 0).tag("partner", partner)
                .description("1 while the carrier's breaker is not closed or its credentials are refused").register(registry);
        Gauge.builder("waybill.poll.last.success.seconds", lastSuccess, v -> v.get() / 1000.0).tag("partner", partner)
                .description("Epoch seconds of the last page received from the carrier").register(registry);
        Gauge.builder("waybill.poll.lag.seconds", this, CarrierHealth::lagSeconds).tag("partner", partner)
                .description("Seconds since the carrier's feed was last read to its end").register(registry);
    }

    void useBreaker(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    double breakerState() {
        CircuitBreaker current = breaker;
        if (current == null) {
            return 0;
        }
        return switch (current.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }

    public boolean degraded() {
        return breakerState() != 0 || credentialsRefused;
    }

    double lagSeconds() {
        return (clock.millis() - caughtUpAt.get()) / 1000.0;
    }

    void called(String outcome) {
        Counter.builder("waybill.poll.calls").tag("partner", partner).tag("outcome", outcome).register(registry).increment();
    }

    void pageReceived() {
        lastSuccess.set(clock.millis());
        credentialsRefused = false;
    }

    void caughtUp() {
        caughtUpAt.set(clock.millis());
    }

    void runEnded(String outcome) {
        Counter.builder("waybill.poll.runs").tag("partner", partner).tag("outcome", outcome)
                .description("Polls of the carrier, by how they ended").register(registry).increment();
    }

    /** Records a refusal of the hub's credentials; true when the carrier was already refusing them. */
    boolean credentialsRefused() {
        boolean already = credentialsRefused;
        credentialsRefused = true;
        Counter.builder("waybill.carrier.auth.failures").tag("partner", partner).register(registry).increment();
        return already;
    }

    public Instant lastSuccess() {
        return lastSuccess.get() == 0 ? null : Instant.ofEpochMilli(lastSuccess.get());
    }
}
