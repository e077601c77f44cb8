package io.waybill.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.rest.SignatureVerifier;
import io.waybill.adapter.support.PartnerDeclaration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The demo's partner side: sends the bundled samples to a hub over real HTTP, signed as the
 * partners would sign them, and reads the hub's per-item answers. It is a client of the push
 * API and nothing more, so what it reports is what a carrier would be told.
 */
public final class DemoSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String hubBaseUrl;
    private final Function<String, Optional<String>> secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Long> lastSigned = new HashMap<>();

    /**
     * @param hubBaseUrl e.g. {@code http://127.0.0.1:8080}
     * @param secrets    partner id to its push secret (the hub's own lookup, so both sides agree)
     */
    public DemoSender(String hubBaseUrl, Function<String, Optional<String>> secrets) {
        this.hubBaseUrl = hubBaseUrl;
        this.secrets = secrets;
    }

    /** Sends the pushes of {@code demo/pushes.yaml}; each outcome is reported to {@code lines} as it comes. */
    public DemoSummary send(Consumer<String> lines) {
        return send(DemoPush.script(), lines);
    }

    /** Sends pushes in order, one at a time; a failed push is reported and the next one still goes. */
    public synchronized DemoSummary send(List<DemoPush> pushes, Consumer<String> lines) {
        List<PushOutcome> outcomes = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (DemoPush push : pushes) {
            boolean resend = !sent.add(push.partner() + "/" + push.sample());
            PushOutcome outcome = push(push, resend);
            outcomes.add(outcome);
            outcome.lines(outcomes.size(), pushes.size()).forEach(lines);
        }
        return new DemoSummary(List.copyOf(outcomes));
    }

    private PushOutcome push(DemoPush push, boolean resend) {
        Optional<String> secret = secrets.apply(push.partner());
        if (secret.isEmpty()) {
            return PushOutcome.refused(push, resend, 0, "not sent: no push secret for " + push.partner()
                    + " (set " + PartnerDeclaration.secretEnvName(push.partner()) + ")");
        }
        byte[] body = push.body();
        String timestamp;
        try {
            timestamp = Long.toString(signingTime(push));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushOutcome.refused(push, resend, 0, "interrupted before it was sent");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(hubBaseUrl + "/api/v1/partners/" + push.partner() + "/messages"))
                .timeout(TIMEOUT)
                .header("Content-Type", PushBodyParser.JSON)
                .header(SignatureVerifier.TIMESTAMP_HEADER, timestamp)
                .header(SignatureVerifier.SIGNATURE_HEADER, SignatureVerifier.sign(secret.get(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return PushOutcome.refused(push, resend, 0, "could not reach the hub at " + hubBaseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PushOutcome.refused(push, resend, 0, "interrupted before the hub answered");
        }
        return outcome(push, resend, response.statusCode(), response.body());
    }

    /**
     * The epoch second to sign with. A resend must be signed anew, and the same bytes signed in the
     * same second give the same signature, which the hub refuses as a replay: so a sample signed
     * in this second already waits for the next one (the timestamp stays the true time).
     */
    private long signingTime(DemoPush push) throws InterruptedException {
        String sample = push.partner() + "/" + push.sample();
        long now = clock.instant().getEpochSecond();
        Long previous = lastSigned.get(sample);
        while (previous != null && now <= previous) {
            Thread.sleep(Math.max(1, (previous + 1) * 1000 - clock.millis()));
            now = clock.instant().getEpochSecond();
        }
        lastSigned.put(sample, now);
        return now;
    }

    private PushOutcome outcome(DemoPush push, boolean resend, int status, byte[] body) {
        JsonNode answer;
        try {
            answer = mapper.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.path("items").isArray()) {
            String why = answer != null && answer.has("error")
                    ? answer.path("error").asText() + ": " + answer.path("reason").asText()
                    : new String(body, StandardCharsets.UTF_8);
            return PushOutcome.refused(push, resend, status, why);
        }
        List<PushOutcome.Rejection> rejections = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            if (item.path("status").asText().equals("rejected")) {
                rejections.add(new PushOutcome.Rejection(item.path("index").asInt(), item.path("stage").asText(),
                        item.path("reason").asText(), item.path("deadLettered").asBoolean()));
            }
        }
        return new PushOutcome(push, resend, status, answer.path("received").asInt(), answer.path("accepted").asLong(),
                answer.path("duplicates").asLong(), answer.path("rejected").asLong(), List.copyOf(rejections), null);
    }
}
