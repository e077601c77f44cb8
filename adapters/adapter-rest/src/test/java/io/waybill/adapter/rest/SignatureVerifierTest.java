package io.waybill.adapter.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NOW_SECONDS = Long.toString(NOW.getEpochSecond());
    private static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final String ACME = "acme-freight";
    private static final String BLUE = "blue-ocean-lines";
    /** Declared, but nobody configured a push secret for it. */
    private static final String GLOBEX = "globex";
    private static final Map<String, String> SECRETS = Map.of(ACME, "acme-secret", BLUE, "blue-secret");
    private static final List<String> DECLARED = List.of(ACME, BLUE, GLOBEX);

    private static final byte[] BODY = "{\"msg_id\":\"M-1\",\"code\":\"DL\"}".getBytes(StandardCharsets.UTF_8);

    private final ReplayGuard replayGuard = new ReplayGuard();
    private final SignatureVerifier verifier =
            new SignatureVerifier(SignatureVerifier.fixedSecrets(SECRETS), TOLERANCE, replayGuard);

    @Test
    void accepts_a_correctly_signed_body() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);

        assertThatNoException().isThrownBy(() -> verify(ACME, NOW_SECONDS, signature, BODY));
    }

    @Test
    void signature_is_the_hmac_sha256_of_timestamp_dot_body() {
        // Pinned with: printf '%s' '1767225600.{"msg_id":"M-1"}' | openssl dgst -sha256 -hmac 'test-secret'
        // Partners implement this in their own stacks: it must never change.
        byte[] body = "{\"msg_id\":\"M-1\"}".getBytes(StandardCharsets.UTF_8);
        String expected = "sha256=9eb034c8bb0a3760644f830e86d8d5e4c0c9558e610d853a72ab12860ff6510a";

        assertThat(SignatureVerifier.sign("test-secret", "1767225600", body)).isEqualTo(expected);
        SignatureVerifier partnerVerifier = new SignatureVerifier(
                SignatureVerifier.fixedSecrets(Map.of(ACME, "test-secret")), TOLERANCE, new ReplayGuard());
        assertThatNoException().isThrownBy(() -> partnerVerifier.verify(ACME, List.of(ACME), "1767225600", expected,
                body, Instant.ofEpochSecond(1_767_225_600L)));
    }

    @Test
    void rejects_a_push_without_signature_headers_as_unsigned() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);

        assertRejected(() -> verify(ACME, NOW_SECONDS, null, BODY), 401, "unsigned");
        assertRejected(() -> verify(ACME, null, signature, BODY), 401, "unsigned");
        assertRejected(() -> verify(ACME, " ", signature, BODY), 401, "unsigned");
        PushRejection rejection = assertRejected(() -> verify(ACME, NOW_SECONDS, "", BODY), 401, "unsigned");
        assertThat(rejection.reason()).contains("X-Waybill-Signature").contains("X-Waybill-Timestamp");
    }

    @Test
    void rejects_a_signature_without_the_sha256_scheme() {
        String hex = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY).substring("sha256=".length());

        PushRejection rejection = assertRejected(() -> verify(ACME, NOW_SECONDS, hex, BODY), 401, "bad_signature");
        assertThat(rejection.reason()).contains("sha256=");
        assertRejected(() -> verify(ACME, NOW_SECONDS, "sha1=" + hex, BODY), 401, "bad_signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256=not-hex", "sha256=abc", "sha256=zz"})
    void rejects_a_signature_that_is_not_hex(String signature) {
        PushRejection rejection = assertRejected(() -> verify(ACME, NOW_SECONDS, signature, BODY), 401, "bad_signature");
        assertThat(rejection.reason()).contains("not hex");
    }

    @Test
    void rejects_a_body_signed_with_the_wrong_secret() {
        String signature = SignatureVerifier.sign("guessed-secret", NOW_SECONDS, BODY);

        PushRejection rejection = assertRejected(() -> verify(ACME, NOW_SECONDS, signature, BODY), 401, "bad_signature");
        assertThat(rejection.reason()).isEqualTo("signature does not match the body and timestamp");
    }

    @Test
    void rejects_a_body_changed_by_one_byte_after_signing() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = 'X';

        assertRejected(() -> verify(ACME, NOW_SECONDS, signature, tampered), 401, "bad_signature");
    }

    @Test
    void rejects_a_signature_made_for_another_timestamp() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);
        String otherTimestamp = Long.toString(NOW.getEpochSecond() - 1);

        assertRejected(() -> verify(ACME, otherTimestamp, signature, BODY), 401, "bad_signature");
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301})
    void rejects_a_timestamp_more_than_the_tolerance_away_from_the_hub_clock(long offsetSeconds) {
        String timestamp = Long.toString(NOW.getEpochSecond() + offsetSeconds);
        String signature = SignatureVerifier.sign("acme-secret", timestamp, BODY);

        PushRejection rejection = assertRejected(() -> verify(ACME, timestamp, signature, BODY), 401, "stale_timestamp");
        assertThat(rejection.reason()).contains("301 s").contains("300 s");
    }

    @ParameterizedTest
    @ValueSource(longs = {-299, 299, -300, 300})
    void accepts_a_timestamp_within_the_tolerance(long offsetSeconds) {
        String timestamp = Long.toString(NOW.getEpochSecond() + offsetSeconds);
        String signature = SignatureVerifier.sign("acme-secret", timestamp, BODY);

        assertThatNoException().isThrownBy(() -> verify(ACME, timestamp, signature, BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-01T00:00:00Z", "1767225600.5"})
    void rejects_a_timestamp_that_is_not_epoch_seconds(String timestamp) {
        String signature = SignatureVerifier.sign("acme-secret", timestamp, BODY);

        PushRejection rejection = assertRejected(() -> verify(ACME, timestamp, signature, BODY), 401, "bad_timestamp");
        assertThat(rejection.reason()).contains("epoch seconds").contains(timestamp);
    }

    @Test
    void tells_a_partner_signing_with_another_partners_secret_that_the_credentials_are_not_theirs() {
        String signature = SignatureVerifier.sign("blue-secret", NOW_SECONDS, BODY);

        PushRejection rejection = assertRejected(() -> verify(ACME, NOW_SECONDS, signature, BODY), 403, "wrong_partner");
        assertThat(rejection.reason()).contains(ACME);
    }

    @Test
    void refuses_a_partner_without_configured_credentials() {
        String signature = SignatureVerifier.sign("anything", NOW_SECONDS, BODY);

        PushRejection rejection = assertRejected(() -> verify(GLOBEX, NOW_SECONDS, signature, BODY), 403, "no_credentials");
        assertThat(rejection.reason()).contains(GLOBEX);
    }

    @Test
    void rejects_the_same_signed_request_received_twice_as_a_replay() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);
        verify(ACME, NOW_SECONDS, signature, BODY);

        PushRejection rejection = assertRejected(() -> verify(ACME, NOW_SECONDS, signature, BODY), 409, "replay");
        assertThat(rejection.reason()).contains("sign again with a new timestamp");
    }

    @Test
    void rejects_a_replay_that_only_changes_the_case_of_the_hex() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);
        verify(ACME, NOW_SECONDS, signature, BODY);
        String shouted = "sha256=" + signature.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        assertRejected(() -> verify(ACME, NOW_SECONDS, shouted, BODY), 409, "replay");
    }

    @Test
    void accepts_the_same_request_again_once_its_failed_push_is_forgotten() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);
        String seen = verify(ACME, NOW_SECONDS, signature, BODY);

        replayGuard.forget(seen);

        assertThat(verify(ACME, NOW_SECONDS, signature, BODY)).isEqualTo(seen);
    }

    @Test
    void accepts_upper_case_hex() {
        String signature = SignatureVerifier.sign("acme-secret", NOW_SECONDS, BODY);
        String shouted = "sha256=" + signature.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        assertThatNoException().isThrownBy(() -> verify(ACME, NOW_SECONDS, shouted, BODY));
    }

    private String verify(String partner, String timestamp, String signature, byte[] body) {
        return verifier.verify(partner, DECLARED, timestamp, signature, body, NOW);
    }

    private static PushRejection assertRejected(Runnable push, int status, String code) {
        PushRejection rejection = catchThrowableOfType(PushRejection.class, push::run);
        assertThat(rejection).as("expected a %d %s rejection", status, code).isNotNull();
        assertThat(rejection.status()).as("status of %s", rejection.reason()).isEqualTo(status);
        assertThat(rejection.code()).as("code of %s", rejection.reason()).isEqualTo(code);
        return rejection;
    }
}
