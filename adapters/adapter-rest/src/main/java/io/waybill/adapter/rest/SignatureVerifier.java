package io.waybill.adapter.rest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks Waybill's push signature: {@code X-Waybill-Signature: sha256=<hex>} where hex is the
 * HMAC-SHA256, under the partner's secret, of {@code <X-Waybill-Timestamp> + "." + body}.
 * Signing the timestamp with the body makes a captured request useless after the tolerance
 * window; the {@link ReplayGuard} refuses it inside the window.
 */
public final class SignatureVerifier {

    /** Header carrying {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Waybill-Signature";
    /** Header carrying the signing time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Waybill-Timestamp";
    private static final String SCHEME = "sha256=";
    private static final String HMAC = "HmacSHA256";

    private final Function<String, Optional<String>> secrets;
    private final Duration tolerance;
    private final ReplayGuard replayGuard;

    /**
     * @param secrets   partner id to its secret; empty when the partner has none configured
     * @param tolerance how far the timestamp may be from now, either way
     */
    public SignatureVerifier(Function<String, Optional<String>> secrets, Duration tolerance, ReplayGuard replayGuard) {
        this.secrets = secrets;
        this.tolerance = tolerance;
        this.replayGuard = replayGuard;
    }

    /**
     * Verifies a push and records its signature as seen.
     *
     * @param partner      the partner the push claims to come from (from the URL)
     * @param otherPartners every other declared partner, to tell "signed by someone else" (403) from "bad signature" (401)
     * @return the signature, to {@link ReplayGuard#forget forget} if the push fails on the hub's side
     * @throws PushRejection 401, 403 or 409 with the reason
     */
    public String verify(String partner, Iterable<String> otherPartners, String timestamp, String signature,
                         byte[] body, Instant now) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new PushRejection(401, "unsigned",
                    "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER + " header");
        }
        if (!signature.startsWith(SCHEME)) {
            throw new PushRejection(401, "bad_signature",
                    SIGNATURE_HEADER + " must be 'sha256=<hex HMAC-SHA256 of timestamp.body>'");
        }
        long epochSeconds;
        try {
            epochSeconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new PushRejection(401, "bad_timestamp", TIMESTAMP_HEADER + " must be epoch seconds, was '" + timestamp + "'");
        }
        long skew = Math.abs(now.getEpochSecond() - epochSeconds);
        if (skew > tolerance.toSeconds()) {
            throw new PushRejection(401, "stale_timestamp", TIMESTAMP_HEADER + " is " + skew
                    + " s from the hub's clock; the window is " + tolerance.toSeconds() + " s: sign with the current time");
        }
        byte[] presented = decodeHex(signature.substring(SCHEME.length()));
        String secret = secrets.apply(partner).orElseThrow(() -> new PushRejection(403, "no_credentials",
                "partner '" + partner + "' has no push credentials configured on this hub"));
        if (!matches(secret, timestamp, body, presented)) {
            for (String other : otherPartners) {
                if (!other.equals(partner) && secrets.apply(other).filter(s -> matches(s, timestamp, body, presented)).isPresent()) {
                    throw new PushRejection(403, "wrong_partner",
                            "these credentials do not belong to partner '" + partner + "'");
                }
            }
            throw new PushRejection(401, "bad_signature", "signature does not match the body and timestamp");
        }
        // Keyed on the decoded bytes: the same signature re-sent in upper-case hex is still a replay.
        String seen = partner + ":" + SCHEME + HexFormat.of().formatHex(presented);
        if (!replayGuard.firstSighting(seen, Instant.ofEpochSecond(epochSeconds).plus(tolerance), now)) {
            throw new PushRejection(409, "replay", "this signed request was already received; sign again with a new timestamp to resend");
        }
        return seen;
    }

    /** {@code sha256=<hex>} for a body: what a partner sends. Used by the demo sender, tests and benchmarks. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    private static boolean matches(String secret, String timestamp, byte[] body, byte[] presented) {
        return MessageDigest.isEqual(hmac(secret, timestamp, body), presented);
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update(timestamp.trim().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] decodeHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PushRejection(401, "bad_signature", SIGNATURE_HEADER + " is not hex after 'sha256='");
        }
    }

    /** For tests and tools: a secret lookup from a fixed map. */
    public static Function<String, Optional<String>> fixedSecrets(Map<String, String> secrets) {
        return partner -> Optional.ofNullable(secrets.get(partner));
    }
}
