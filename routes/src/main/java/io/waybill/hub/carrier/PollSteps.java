package io.waybill.hub.carrier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PollChannel;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.ingest.RawParts;
import io.waybill.hub.ingest.Variables;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * The steps of the {@code carrier-poll} route template (carrier-poll.camel.yaml): each shapes the exchange for the
 * visible step that follows (the HTTP call, the Kafka sends) or reads what that step left. The state of the poll is
 * the {@link PollRun} in the exchange variable {@link #RUN}.
 */
public final class PollSteps {

    /** Exchange variable holding the {@link PollRun}. */
    public static final String RUN = "pollRun";
    /** raw.v1 and dlq.v1: the URL a polled page was fetched from. */
    public static final String POLL_URL = "waybill.poll.url";
    /** The channel name of polled pages, in provenance, raw.v1 headers and mapping {@code accepts.channel}. */
    public static final String CHANNEL = "poll";

    private static final Logger LOG = LoggerFactory.getLogger(PollSteps.class);
    /** A token this close to its expiry is renewed before the call rather than refused by it. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    private final ActiveMappings active;
    private final CarrierPolls carriers;
    private final PollCursors cursors;
    private final NamedSecrets secrets;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    /** Per partner, the digest of the last page dead-lettered: the same unreadable page is not dead-lettered at every poll. */
    private final Map<String, String> lastUnreadable = new ConcurrentHashMap<>();

    private record Token(String value, Instant expiresAt) {
    }

    public PollSteps(ActiveMappings active, CarrierPolls carriers, PollCursors cursors, NamedSecrets secrets, Clock clock) {
        this.active = active;
        this.carriers = carriers;
        this.cursors = cursors;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A poll starts at the carrier's persisted cursor, under its current declaration. */
    public void begin(Exchange exchange) {
        String partner = exchange.getVariable(Variables.PARTNER, String.class);
        exchange.getMessage().removeHeaders("*");
        PollChannel poll = active.partners().find(partner).map(PartnerDeclaration::channels).map(PartnerDeclaration.Channels::poll)
                .orElse(null);
        PollRun run = new PollRun(partner, poll, poll == null ? PollCursor.NONE : cursors.get(partner), clock.instant());
        if (poll == null) {
            run.stop("withdrawn");
        }
        exchange.setVariable(RUN, run);
    }

    /** Whether an OAuth2 token must be fetched before the call. */
    public boolean needsToken(Exchange exchange) {
        PollRun run = run(exchange);
        PollChannel.Auth auth = run.poll().auth();
        if (auth == null || !auth.type().equals("oauth2")) {
            return false;
        }
        Token token = tokens.get(run.partner());
        return token == null || !clock.instant().plus(TOKEN_MARGIN).isBefore(token.expiresAt());
    }

    /** Shapes the client-credentials token request (RFC 6749 4.4) for the token endpoint. */
    public void tokenRequest(Exchange exchange) {
        PollRun run = run(exchange);
        PollChannel.Auth auth = run.poll().auth();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_URI, auth.tokenUrl());
        message.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        String credentials = URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret(run), StandardCharsets.UTF_8);
        message.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        String form = "grant_type=client_credentials" + (auth.scope() == null ? ""
                : "&scope=" + URLEncoder.encode(auth.scope(), StandardCharsets.UTF_8));
        message.setBody(form.getBytes(StandardCharsets.UTF_8));
    }

    /** Keeps the token the endpoint gave; a refusal is the carrier's verdict on the hub's credentials. */
    public void tokenReceived(Exchange exchange) throws IOException {
        PollRun run = run(exchange);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = message.getBody(byte[].class);
        message.removeHeaders("*");
        if (status < 200 || status > 299) {
            throw classify(status, null, "the token endpoint " + run.poll().auth().tokenUrl() + " answered " + status);
        }
        JsonNode token = PollCursors.JSON.readTree(body == null ? new byte[0] : body);
        String value = token.path("access_token").asText(null);
        if (value == null || value.isBlank()) {
            throw new CarrierCallException(CarrierCallException.Kind.AUTH_REFUSED, status, null,
                    "the token endpoint's answer has no access_token");
        }
        long expiresIn = token.path("expires_in").asLong(3600);
        tokens.put(run.partner(), new Token(value, clock.instant().plusSeconds(expiresIn)));
    }

    /** Shapes the GET of the next page: its URL and the carrier's authentication. */
    public void request(Exchange exchange) {
        PollRun run = run(exchange);
        run.attempted();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_URI, run.requestUrl());
        message.setHeader("Accept", "application/json");
        PollChannel.Auth auth = run.poll().auth();
        if (auth != null) {
            switch (auth.type()) {
                case "api-key" -> message.setHeader(auth.header() == null ? "X-API-Key" : auth.header(), secret(run));
                case "basic" -> message.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (auth.user() + ":" + secret(run)).getBytes(StandardCharsets.UTF_8)));
                case "oauth2" -> message.setHeader("Authorization", "Bearer "
                        + Optional.ofNullable(tokens.get(run.partner())).map(Token::value).orElse(""));
                default -> throw new IllegalStateException("unknown auth type " + auth.type());
            }
        }
    }

    /**
     * Inside the circuit breaker, right after the call: a 2xx is a page; anything else becomes a
     * {@link CarrierCallException} of its kind, which the breaker counts (or not) before the route's catch sees it.
     */
    public void response(Exchange exchange) {
        PollRun run = run(exchange);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status <= 299) {
            Map<String, String> headers = new LinkedHashMap<>();
            message.getHeaders().forEach((k, v) -> {
                if (v != null && !k.startsWith("Camel")) {
                    headers.put(k, String.valueOf(v));
                }
            });
            byte[] body = message.getBody(byte[].class);
            run.received(body == null ? new byte[0] : body, headers);
            return;
        }
        String retryAfter = message.getHeader("Retry-After", String.class);
        throw classify(status, retryAfter, "GET " + message.getHeader(Exchange.HTTP_URI) + " answered " + status);
    }

    /** After the page arrived: it counts as the carrier's last success. */
    public void received(Exchange exchange) {
        PollRun run = run(exchange);
        CarrierHealth health = carriers.health(run.partner());
        health.called("ok");
        health.pageReceived();
        exchange.getMessage().removeHeaders("*");
    }

    /**
     * A call that gave no page: retry it after a backoff with jitter (or the carrier's Retry-After, capped) when it is
     * worth it and tries are left; refresh an expired token once; otherwise end this run (the next poll starts from the
     * cursor). Credentials refused are a configuration problem: logged as such, counted, and never retried.
     */
    public void callFailed(Exchange exchange) {
        PollRun run = run(exchange);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getMessage().removeHeaders("*");
        CarrierHealth health = carriers.health(run.partner());
        PollChannel.Resilience resilience = run.poll().resilienceOrDefault();
        if (find(caught, CallNotPermittedException.class) != null) {
            health.called("short-circuited");
            LOG.warn("Carrier {} is degraded: its circuit breaker is {}; polling resumes from its cursor once a probe succeeds",
                    run.partner(), health.breaker().getState());
            run.stop("breaker-open");
            return;
        }
        CarrierCallException failure = find(caught, CarrierCallException.class);
        if (failure == null) {
            // No answer at all: a timeout, a refused or broken connection.
            failure = new CarrierCallException(CarrierCallException.Kind.UNAVAILABLE, 0, null, describe(caught));
        }
        health.called(failure.kind().tag());
        if (failure.kind() == CarrierCallException.Kind.AUTH_REFUSED && "oauth2".equals(authType(run)) && run.refreshTokenOnce()) {
            tokens.remove(run.partner());
            LOG.info("Carrier {} refused the hub's token ({}); fetching a new one and trying again", run.partner(), failure.getMessage());
            run.retryAfter(0);
            return;
        }
        if (failure.kind() == CarrierCallException.Kind.AUTH_REFUSED) {
            // Said loudly once, when it starts; then counted (waybill_carrier_auth_failures_total) at every poll.
            if (health.credentialsRefused()) {
                LOG.debug("Carrier {} still refuses the hub's credentials: {}", run.partner(), failure.getMessage());
                run.stop("auth-refused");
                return;
            }
            LOG.error("CONFIGURATION: carrier {} refuses the hub's credentials ({}); not retrying. Check {} and channels.poll.auth"
                    + " in its partner.yaml", run.partner(), failure.getMessage(), NamedSecrets.name(NamedSecrets.POLL_PREFIX, run.partner()));
            run.stop("auth-refused");
            return;
        }
        if (!failure.kind().retryable() || run.attempt() >= resilience.maxAttemptsOrDefault()) {
            LOG.warn("Carrier {}: {} (try {} of {}); polling again at the next poll from its cursor", run.partner(),
                    failure.getMessage(), run.attempt(), resilience.maxAttemptsOrDefault());
            run.stop(failure.kind().tag());
            return;
        }
        long delay = backoff(resilience, run.attempt(), failure.retryAfter());
        LOG.info("Carrier {}: {}; try {} of {} in {} ms", run.partner(), failure.getMessage(), run.attempt() + 1,
                resilience.maxAttemptsOrDefault(), delay);
        run.retryAfter(delay);
    }

    /**
     * The delay before try {@code attempt + 1}: the carrier's Retry-After when it gave one, else exponential backoff
     * with full jitter (a random delay up to {@code backoff-ms * 2^(attempt-1)}, at least half of it), both capped at
     * {@code max-backoff-ms}.
     */
    static long backoff(PollChannel.Resilience resilience, int attempt, Duration retryAfter) {
        long cap = resilience.maxBackoffMsOrDefault();
        if (retryAfter != null) {
            return Math.min(cap, Math.max(0, retryAfter.toMillis()));
        }
        long ceiling = Math.min(cap, resilience.backoffMsOrDefault() * (1L << Math.min(20, attempt - 1)));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    /** Before the raw.v1 send: the page's bytes, as received. */
    public void archive(Exchange exchange) {
        PollRun run = run(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(new RawParts(exchange.getContext(), java.util.UUID.randomUUID().toString(), run.partner(),
                CHANNEL, clock.instant(), Map.of(RecordHeaders.CONTENT_TYPE, "application/json"), RawParts.of(run.body())));
    }

    /** Body out: the page's events as raw documents; an unreadable page (not JSON, no array where declared) is flagged. */
    public void items(Exchange exchange) {
        PollRun run = run(exchange);
        Provenance provenance = new Provenance(run.partner(), CHANNEL, "json", clock.instant(),
                exchange.getVariable(Variables.RAW_REF, String.class), 0, null);
        JsonNode page;
        try {
            page = PollCursors.JSON.readTree(run.body());
        } catch (JsonProcessingException e) {
            throw new PollPageUnreadable("the page is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PollPageUnreadable("the page is not JSON: " + e.getMessage());
        }
        String pointer = run.poll().items() == null ? "" : run.poll().items();
        JsonNode array = page == null ? null : page.at(pointer);
        if (array == null || !array.isArray()) {
            throw new PollPageUnreadable("the page has no array of events at '" + pointer + "' (channels.poll.items)");
        }
        List<JsonNode> events = new ArrayList<>();
        List<RawDocument> documents = new ArrayList<>();
        for (JsonNode event : array) {
            if (!event.isObject()) {
                throw new PollPageUnreadable("event " + documents.size() + " of the page is not a JSON object");
            }
            try {
                documents.add(new RawDocument(event, PollCursors.JSON.writeValueAsBytes(event), provenance.item(documents.size())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            events.add(event);
        }
        run.items(events, page);
        lastUnreadable.remove(run.partner());
        exchange.getMessage().setBody(documents);
    }

    /** An unreadable page is dead-lettered once: the same bytes at the next poll are only logged. */
    public boolean firstTimeUnreadable(Exchange exchange) {
        PollRun run = run(exchange);
        run.unreadable();
        String digest = digest(run.body());
        boolean first = !digest.equals(lastUnreadable.put(run.partner(), digest));
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("Carrier {}: unreadable page ({}); {}; the cursor stays where it is", run.partner(),
                caught == null ? "?" : caught.getMessage(), first ? "dead-lettered" : "dead-lettered before, not again");
        exchange.getMessage().setBody(List.of());
        return first;
    }

    /** The dlq.v1 record of an unreadable page: its bytes, stage parse. */
    public void deadLetterPage(Exchange exchange) {
        PollRun run = run(exchange);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, run.partner());
        message.setHeader(RecordHeaders.ERROR_STAGE, "parse");
        message.setHeader(RecordHeaders.ERROR_REASON, caught == null ? "unreadable page" : caught.getMessage());
        message.setHeader(RecordHeaders.ERROR_PARTNER, run.partner());
        message.setHeader(RecordHeaders.CHANNEL, CHANNEL);
        message.setHeader(RecordHeaders.ERROR_ITEM, "0");
        message.setHeader(RecordHeaders.ERROR_TIME, clock.instant().toString());
        String rawRef = exchange.getVariable(Variables.RAW_REF, String.class);
        if (rawRef != null) {
            message.setHeader(RecordHeaders.ERROR_SOURCE, rawRef);
        }
        message.setBody(run.body());
    }

    /** After the dead-letter step: the body is no events. */
    public void noEvents(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(List.of());
    }

    /** Whether the page's events went through (they are durable), so the cursor moves. */
    public boolean cursorMoves(Exchange exchange) {
        return run(exchange).nextCursor() != null;
    }

    /** The page's events are durable: the cursor record, keyed by partner, for waybill.poll.cursors. */
    public void cursorRecord(Exchange exchange) {
        PollRun run = run(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, run.partner());
        message.setBody(PollCursors.toJson(run.partner(), run.nextCursor()));
    }

    /** The cursor record is written: the next page, or the end of the run. */
    public void cursorSaved(Exchange exchange) {
        PollRun run = run(exchange);
        exchange.getMessage().removeHeaders("*");
        if (run.pageUnreadable()) {
            run.pageAbandoned();
            return;
        }
        PollCursor saved = run.nextCursor();
        cursors.saved(run.partner(), saved);
        run.cursorSaved(saved);
        if (!run.isActive() && run.outcome().equals("caught-up")) {
            carriers.health(run.partner()).caughtUp();
        }
    }

    /** A run that failed outside a call (Kafka unavailable while a page was made durable...). */
    public void failed(Exchange exchange) {
        PollRun run = run(exchange);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (run == null) {
            LOG.error("Poll of carrier {} could not start: {}", exchange.getVariable(Variables.PARTNER), describe(caught));
            return;
        }
        run.stop("failed");
        LOG.error("Poll of carrier {} failed after {} page(s); the cursor stays at the last durable page: {}", run.partner(),
                run.pages(), describe(caught));
        end(exchange);
    }

    /** The end of a run, whatever ended it. */
    public void end(Exchange exchange) {
        PollRun run = run(exchange);
        carriers.health(run.partner()).runEnded(run.outcome());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(null);
    }

    private String secret(PollRun run) {
        String variable = NamedSecrets.name(NamedSecrets.POLL_PREFIX, run.partner());
        return secrets.get(variable).orElseThrow(() -> new CarrierCallException(CarrierCallException.Kind.AUTH_REFUSED, 0, null,
                "no secret configured: set " + variable));
    }

    private static String authType(PollRun run) {
        return run.poll().auth() == null ? null : run.poll().auth().type();
    }

    static CarrierCallException classify(int status, String retryAfter, String message) {
        if (status == 429) {
            return new CarrierCallException(CarrierCallException.Kind.THROTTLED, status, retryAfter(retryAfter), message);
        }
        if (status == 401 || status == 403) {
            return new CarrierCallException(CarrierCallException.Kind.AUTH_REFUSED, status, null, message);
        }
        if (status >= 500 || status == 408) {
            return new CarrierCallException(CarrierCallException.Kind.UNAVAILABLE, status,
                    status == 503 ? retryAfter(retryAfter) : null, message);
        }
        return new CarrierCallException(CarrierCallException.Kind.REQUEST_REFUSED, status, null, message);
    }

    /** Retry-After as delay-seconds or an HTTP-date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                return Duration.between(Instant.now(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private static String describe(Throwable caught) {
        if (caught == null) {
            return "unknown failure";
        }
        TimeoutException timeout = find(caught, TimeoutException.class);
        if (timeout != null) {
            return "no answer within the timeout";
        }
        StringBuilder text = new StringBuilder(String.valueOf(caught.getMessage()));
        for (Throwable inner = caught.getCause(); inner != null && inner != caught; inner = inner.getCause()) {
            text.append(": ").append(inner.getClass().getSimpleName()).append(' ').append(inner.getMessage());
        }
        return text.toString();
    }

    static <T extends Throwable> T find(Throwable caught, Class<T> type) {
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PollRun run(Exchange exchange) {
        return exchange.getVariable(RUN, PollRun.class);
    }

    /** A page that is not the JSON the declaration promises. */
    public static final class PollPageUnreadable extends RuntimeException {
        public PollPageUnreadable(String message) {
            super(message);
        }
    }
}
