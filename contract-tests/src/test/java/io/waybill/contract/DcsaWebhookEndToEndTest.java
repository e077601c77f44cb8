package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.rest.WebhookSignatureVerifier;
import io.waybill.adapter.support.PartnerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DCSA Track &amp; Trace v3 callbacks from the repository's demo carrier {@code coral-line}, over real HTTP to a hub
 * on the shared brokers: signed as DCSA signs them ({@code Notification-Signature: sha256=<hex>}), with the partner's
 * secret or, during a rotation, its previous one; a retraction is published as a correction, not a duplicate.
 */
@ExtendWith(SharedHub.class)
class DcsaWebhookEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "coral-webhook-secret";
    private static final String PREVIOUS = "coral-webhook-secret-before-rotation";

    private static Path root;
    private static FileHub hub;

    @BeforeAll
    static void start() throws IOException {
        root = FileHub.newRoot();
        copy(SharedHub.repoRoot().resolve("mappings/coral-line"), root.resolve("mappings/coral-line"));
        hub = FileHub.start(root, Map.of("WAYBILL_WEBHOOK_SECRET_CORAL_LINE", SECRET,
                "WAYBILL_WEBHOOK_SECRET_CORAL_LINE_PREVIOUS", PREVIOUS));
    }

    @AfterAll
    static void stop() throws IOException {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_signed_notification_is_accepted_and_a_retraction_is_published_as_a_correction() throws IOException {
        byte[] body = Files.readAllBytes(SharedHub.repoRoot()
                .resolve("contract-tests/partners/coral-line/v3-retracted-gate-out-is-a-correction/input.json"));

        Partner.Answer answer = Partner.send(webhook(body, sign(SECRET, body)).build());

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
        List<JsonNode> events = TopicReader.readAll(hub.bootstrap(), "canonical.shipment-status.v1").stream()
                .map(r -> read(r.value())).filter(e -> "coral-line".equals(e.path("partner").asText()))
                .filter(e -> e.path("data").path("partnerEventId").asText().matches(".*-5d4e3f2a1b0[23]")).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("source").asText()).isEqualTo("/waybill/partners/coral-line/webhook");
        JsonNode correction = events.get(1).path("data").path("correction");
        assertThat(correction.path("kind").asText()).isEqualTo("RETRACTED");
        assertThat(correction.path("correctsPartnerEventId").asText())
                .isEqualTo(events.get(0).path("data").path("partnerEventId").asText());
        assertThat(events.get(1).path("id").asText()).isNotEqualTo(events.get(0).path("id").asText());

        // The same notification again (DCSA retries deliveries): duplicates, nothing published twice.
        Partner.Answer again = Partner.send(webhook(body, sign(SECRET, body)).build());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("duplicates").asInt()).isEqualTo(2);
    }

    @Test
    void the_previous_secret_is_accepted_during_a_rotation() throws IOException {
        byte[] body = Files.readAllBytes(SharedHub.repoRoot().resolve("contract-tests/partners/coral-line/v3-discharged-rotterdam/input.json"));
        assertThat(Partner.send(webhook(body, sign(PREVIOUS, body)).build()).status()).isEqualTo(200);
    }

    @Test
    void a_wrong_secret_a_missing_signature_or_a_waybill_signature_is_refused_with_401() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        assertThat(Partner.send(webhook(body, sign("guessed", body)).build()).status()).isEqualTo(401);
        assertThat(Partner.send(webhook(body, null).build()).status()).isEqualTo(401);
        byte[] other = "[{}]".getBytes(StandardCharsets.UTF_8);
        assertThat(Partner.send(webhook(body, sign(SECRET, other)).build()).status()).isEqualTo(401);
    }

    @Test
    void a_partner_without_the_webhook_channel_is_refused_with_403() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.hub.httpBaseUrl() + "/api/v1/partners/no-such-carrier/webhook"))
                .header("Content-Type", "application/json").header("Notification-Signature", sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertThat(Partner.send(request).status()).isEqualTo(403);
    }

    private static String sign(String secret, byte[] body) {
        return WebhookSignatureVerifier.sign(PartnerRegistry.load(root.resolve("mappings")).find("coral-line").orElseThrow()
                .channels().webhook().signature(), secret, null, body);
    }

    private static HttpRequest.Builder webhook(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.hub.httpBaseUrl() + "/api/v1/partners/coral-line/webhook"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return signature == null ? request : request.header("Notification-Signature", signature);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
