package io.waybill.adapter.rest;

import io.waybill.adapter.support.WebhookChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final byte[] BODY = "{\"eventID\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookChannel.Signature DCSA =
            new WebhookChannel.Signature("Notification-Signature", null, null, null, null, "sha256=", null, null);
    private static final WebhookChannel.Signature STAMPED = new WebhookChannel.Signature("X-Signature", "hmac-sha1",
            "timestamp+body", ":", "base64", null, "X-Timestamp", 120);

    private static WebhookSignatureVerifier.Headers headers(String... pairs) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map::get;
    }

    private static void verify(WebhookChannel.Signature scheme, List<String> secrets, WebhookSignatureVerifier.Headers headers, byte[] body) {
        WebhookSignatureVerifier.verify("ocean-carrier", scheme, secrets, headers, body, NOW);
    }

    @Test
    void accepts_dcsa_notification_signature_over_the_body() {
        String signature = WebhookSignatureVerifier.sign(DCSA, "s3cret", null, BODY);
        assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
        assertThatCode(() -> verify(DCSA, List.of("s3cret"), headers("notification-signature", signature), BODY)).doesNotThrowAnyException();
    }

    @Test
    void accepts_upper_case_hex_and_prefix() {
        String signature = WebhookSignatureVerifier.sign(DCSA, "s3cret", null, BODY).toUpperCase();
        assertThatCode(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", signature), BODY)).doesNotThrowAnyException();
    }

    @Test
    void rejects_a_signature_made_with_another_secret() {
        String signature = WebhookSignatureVerifier.sign(DCSA, "not-the-secret", null, BODY);
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", signature), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("bad_signature"));
    }

    @Test
    void rejects_a_signature_over_a_different_body() {
        String signature = WebhookSignatureVerifier.sign(DCSA, "s3cret", null, "{\"eventID\":\"e-2\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", signature), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void rejects_a_missing_header() {
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers(), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("unsigned"));
    }

    @Test
    void rejects_a_signature_without_the_declared_prefix_or_not_hex() {
        String bare = WebhookSignatureVerifier.sign(DCSA, "s3cret", null, BODY).substring("sha256=".length());
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", bare), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("bad_signature"));
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", "sha256=zz-not-hex"), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("bad_signature"));
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", "sha256="), BODY))
                .isInstanceOf(PushRejection.class);
    }

    @Test
    void accepts_either_secret_during_a_rotation_and_neither_after_it() {
        String byOld = WebhookSignatureVerifier.sign(DCSA, "old", null, BODY);
        String byNew = WebhookSignatureVerifier.sign(DCSA, "new", null, BODY);
        assertThatCode(() -> verify(DCSA, List.of("new", "old"), headers("Notification-Signature", byOld), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verify(DCSA, List.of("new", "old"), headers("Notification-Signature", byNew), BODY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(DCSA, List.of("new"), headers("Notification-Signature", byOld), BODY)).isInstanceOf(PushRejection.class);
    }

    @Test
    void refuses_with_403_when_no_secret_is_configured() {
        String signature = WebhookSignatureVerifier.sign(DCSA, "s3cret", null, BODY);
        assertThatThrownBy(() -> verify(DCSA, List.of(), headers("Notification-Signature", signature), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void accepts_timestamp_and_body_signed_with_sha1_in_base64() {
        String ts = Long.toString(NOW.getEpochSecond() - 30);
        String signature = WebhookSignatureVerifier.sign(STAMPED, "k", ts, BODY);
        assertThatCode(() -> verify(STAMPED, List.of("k"), headers("X-Signature", signature, "X-Timestamp", ts), BODY))
                .doesNotThrowAnyException();
        String millis = Long.toString((NOW.getEpochSecond() - 30) * 1000);
        String byMillis = WebhookSignatureVerifier.sign(STAMPED, "k", millis, BODY);
        assertThatCode(() -> verify(STAMPED, List.of("k"), headers("X-Signature", byMillis, "X-Timestamp", millis), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void rejects_a_stale_timestamp_even_when_correctly_signed() {
        String ts = Long.toString(NOW.getEpochSecond() - 121);
        String signature = WebhookSignatureVerifier.sign(STAMPED, "k", ts, BODY);
        assertThatThrownBy(() -> verify(STAMPED, List.of("k"), headers("X-Signature", signature, "X-Timestamp", ts), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("stale_timestamp"));
    }

    @Test
    void rejects_a_timestamp_swapped_after_signing() {
        String signedAt = Long.toString(NOW.getEpochSecond() - 10);
        String signature = WebhookSignatureVerifier.sign(STAMPED, "k", signedAt, BODY);
        String other = Long.toString(NOW.getEpochSecond());
        assertThatThrownBy(() -> verify(STAMPED, List.of("k"), headers("X-Signature", signature, "X-Timestamp", other), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("bad_signature"));
    }

    @Test
    void rejects_a_missing_or_garbled_timestamp() {
        String signature = WebhookSignatureVerifier.sign(STAMPED, "k", "1", BODY);
        assertThatThrownBy(() -> verify(STAMPED, List.of("k"), headers("X-Signature", signature), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("unsigned"));
        assertThatThrownBy(() -> verify(STAMPED, List.of("k"), headers("X-Signature", signature, "X-Timestamp", "yesterday"), BODY))
                .isInstanceOfSatisfying(PushRejection.class, r -> assertThat(r.code()).isEqualTo("bad_timestamp"));
    }

    @Test
    void compares_in_constant_time_on_decoded_bytes() {
        // A signature differing only in its last byte is refused like one differing in its first: both go through
        // MessageDigest.isEqual on the full decoded length (nothing short-circuits on a prefix match).
        String good = WebhookSignatureVerifier.sign(DCSA, "s3cret", null, BODY);
        char last = good.charAt(good.length() - 1);
        String lastWrong = good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0');
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", lastWrong), BODY))
                .isInstanceOf(PushRejection.class);
        String truncated = good.substring(0, good.length() - 2);
        assertThatThrownBy(() -> verify(DCSA, List.of("s3cret"), headers("Notification-Signature", truncated), BODY))
                .isInstanceOf(PushRejection.class);
    }
}
