package io.waybill.hub.carrier;

import java.time.Duration;

/**
 * A call to a carrier's API that did not give a page, by kind: whether it is worth retrying, whether it
 * counts against the carrier's circuit breaker, and the delay the carrier asked for (Retry-After).
 */
public final class CarrierCallException extends RuntimeException {

    /** What went wrong, and so what the hub does about it. */
    public enum Kind {
        /** 5xx, a timeout, a refused or broken connection: retried with backoff; counts against the breaker. */
        UNAVAILABLE(true, true),
        /** 429: retried after Retry-After (or backoff); the carrier is up, so it does not count against the breaker. */
        THROTTLED(true, false),
        /** 401/403: the hub's credentials are wrong or expired; a configuration problem, never retried. */
        AUTH_REFUSED(false, false),
        /** Another 4xx: the request itself is wrong (a configuration problem); never retried. */
        REQUEST_REFUSED(false, false);

        private final boolean retryable;
        private final boolean breakerFailure;

        Kind(boolean retryable, boolean breakerFailure) {
            this.retryable = retryable;
            this.breakerFailure = breakerFailure;
        }

        public boolean retryable() {
            return retryable;
        }

        public boolean breakerFailure() {
            return breakerFailure;
        }

        /** Lower-case, for metric tags and logs. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public CarrierCallException(Kind kind, int status, Duration retryAfter, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }

    /** What the carrier's Retry-After asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
