package io.waybill.adapter.support;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Set;

/**
 * {@code channels.poll}: the hub fetches the partner's events from its tracking API on a schedule.
 * One response page is one raw message; its items (at {@link #items}) are the documents mapped.
 * Secrets (API key, basic password, OAuth2 client secret) come from {@code WAYBILL_POLL_SECRET_<PARTNER>}
 * (or {@code ..._FILE}, or the secrets folder), never from this file.
 *
 * @param baseUrl     required; scheme, host and port of the API, e.g. {@code https://api.carrier.example}
 * @param path        required; the events resource, e.g. {@code /v2/events}
 * @param pollSeconds how often to poll, 60 when left out
 * @param items       JSON Pointer to the array of events in a page, e.g. {@code /events}; left out: the page is the array
 * @param auth        how the hub authenticates; left out: no authentication
 * @param pagination  how the next page is found; left out: one page per poll
 * @param cursor      where the next poll starts; required
 * @param resilience  timeouts, retries and circuit breaker of this carrier; defaults when left out
 */
public record PollChannel(@JsonProperty("base-url") String baseUrl, String path,
                          @JsonProperty("poll-seconds") Integer pollSeconds, String items, Auth auth,
                          Pagination pagination, Cursor cursor, Resilience resilience) {

    /**
     * @param type     {@code api-key} (the secret in {@link #header}), {@code basic} ({@link #user} and the secret
     *                 as password) or {@code oauth2} (client credentials: {@link #tokenUrl}, {@link #clientId},
     *                 optional {@link #scope}; the secret is the client secret)
     * @param header   api-key: the header carrying the key, {@code X-API-Key} when left out
     * @param user     basic: the user name
     * @param tokenUrl oauth2: the token endpoint (absolute URL)
     * @param clientId oauth2: the client id
     * @param scope    oauth2: the scope asked for, if any
     */
    public record Auth(String type, String header, String user, @JsonProperty("token-url") String tokenUrl,
                       @JsonProperty("client-id") String clientId, String scope) {
        public static final Set<String> TYPES = Set.of("api-key", "basic", "oauth2");
    }

    /**
     * @param type    {@code next-link} (the next page's URL, from {@link #header} or the body at {@link #pointer}),
     *                {@code cursor-token} (a token from {@link #header} or {@link #pointer}, sent back as query
     *                parameter {@link #param}) or {@code page-number} (query parameter {@link #param}, from 1,
     *                until a page holds fewer than {@link #size} items)
     * @param header   the response header holding the link or token, e.g. {@code Next-Page-Cursor}
     * @param pointer  JSON Pointer into the page body holding the link or token, e.g. {@code /links/next}
     * @param param    the query parameter of the token or page number
     * @param sizeParam page-number: the query parameter of the page size, if the API takes one
     * @param size     page-number: the page size; a shorter page is the last
     */
    public record Pagination(String type, String header, String pointer, String param,
                             @JsonProperty("size-param") String sizeParam, Integer size) {
        public static final Set<String> TYPES = Set.of("next-link", "cursor-token", "page-number");
    }

    /**
     * @param type           {@code changed-since} (the time of the last complete sweep, less {@link #overlapSeconds})
     *                       or {@code last-event-id} (the id, at {@link #pointer}, of the last event durable)
     * @param param          the query parameter carrying the cursor, e.g. {@code eventUpdatedDateTime:gte}
     * @param pointer        last-event-id: JSON Pointer to the id within an event, e.g. {@code /eventID}
     * @param overlapSeconds changed-since: how far before the last sweep's start the next one starts, 60 when left
     *                       out (events the carrier records late are still fetched; repeats are duplicates)
     * @param initial        the cursor of the very first poll (a time for changed-since); left out: no parameter
     */
    public record Cursor(String type, String param, String pointer, @JsonProperty("overlap-seconds") Integer overlapSeconds,
                         String initial) {
        public static final Set<String> TYPES = Set.of("changed-since", "last-event-id");
    }

    /**
     * @param timeoutMs      longest wait for one response, 10000 when left out
     * @param maxAttempts    tries per page for a retryable failure (5xx, 429, timeout, connection), 3 when left out
     * @param backoffMs      first retry delay, doubled per retry with jitter, 1000 when left out
     * @param maxBackoffMs   longest retry delay (also caps a Retry-After), 60000 when left out
     * @param failureRate    percentage of failed calls in the window that opens the breaker, 50 when left out
     * @param window         calls the failure rate is taken over (also the minimum before it opens), 10 when left out
     * @param openSeconds    how long the breaker stays open before probing, 60 when left out
     * @param halfOpenCalls  probe calls while half-open, 1 when left out
     * @param maxConcurrent  bulkhead: concurrent calls to this carrier, 2 when left out
     */
    public record Resilience(@JsonProperty("timeout-ms") Integer timeoutMs, @JsonProperty("max-attempts") Integer maxAttempts,
                             @JsonProperty("backoff-ms") Integer backoffMs, @JsonProperty("max-backoff-ms") Integer maxBackoffMs,
                             @JsonProperty("failure-rate") Integer failureRate, Integer window,
                             @JsonProperty("open-seconds") Integer openSeconds,
                             @JsonProperty("half-open-calls") Integer halfOpenCalls,
                             @JsonProperty("max-concurrent") Integer maxConcurrent) {
        public static final Resilience DEFAULTS = new Resilience(null, null, null, null, null, null, null, null, null);

        public int timeoutMsOrDefault() { return timeoutMs == null ? 10_000 : timeoutMs; }
        public int maxAttemptsOrDefault() { return maxAttempts == null ? 3 : maxAttempts; }
        public int backoffMsOrDefault() { return backoffMs == null ? 1_000 : backoffMs; }
        public int maxBackoffMsOrDefault() { return maxBackoffMs == null ? 60_000 : maxBackoffMs; }
        public int failureRateOrDefault() { return failureRate == null ? 50 : failureRate; }
        public int windowOrDefault() { return window == null ? 10 : window; }
        public int openSecondsOrDefault() { return openSeconds == null ? 60 : openSeconds; }
        public int halfOpenCallsOrDefault() { return halfOpenCalls == null ? 1 : halfOpenCalls; }
        public int maxConcurrentOrDefault() { return maxConcurrent == null ? 2 : maxConcurrent; }
    }

    public int pollSecondsOrDefault() {
        return pollSeconds == null ? 60 : pollSeconds;
    }

    public Resilience resilienceOrDefault() {
        return resilience == null ? Resilience.DEFAULTS : resilience;
    }
}
