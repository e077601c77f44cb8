package io.waybill.adapter.rest;

import io.waybill.adapter.support.WebhookChannel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Checks a webhook call against the signature scheme its partner declares ({@link WebhookChannel.Signature}):
 * which header, which HMAC, over the body or the timestamp and body, hex or base64, with or without a prefix,
 * and how fresh the timestamp must be. Any of the partner's current secrets may have signed it (two during a
 * rotation). Signatures are compared in constant time ({@link MessageDigest#isEqual}) on the decoded bytes.
 */
public final class WebhookSignatureVerifier {

    /** What a scheme needs from a request: a header by name (case-insensitive), null when absent. */
    public interface Headers extends Function<String, String> {
    }

    private WebhookSignatureVerifier() {
    }

    /**
     * @param secrets the partner's valid secrets, newest first; empty when none is configured
     * @throws PushRejection 401 (unsigned, bad or stale signature) or 403 (no secret configured)
     */
    public static void verify(String partner, WebhookChannel.Signature scheme, List<String> secrets, Headers headers,
                              byte[] body, Instant now) {
        String presentedText = headers.apply(scheme.header());
        if (presentedText == null || presentedText.isBlank()) {
            throw new PushRejection(401, "unsigned", "missing " + scheme.header() + " header");
        }
        String timestamp = null;
        if (scheme.timestampHeader() != null) {
            timestamp = headers.apply(scheme.timestampHeader());
            if (timestamp == null || timestamp.isBlank()) {
                throw new PushRejection(401, "unsigned", "missing " + scheme.timestampHeader() + " header");
            }
            checkFresh(scheme, timestamp.trim(), now);
        }
        String prefix = scheme.prefixOrDefault();
        String value = presentedText.trim();
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new PushRejection(401, "bad_signature", scheme.header() + " must start with '" + prefix + "'");
        }
        byte[] presented = decode(scheme, value.substring(prefix.length()).trim());
        if (secrets.isEmpty()) {
            throw new PushRejection(403, "no_credentials", "partner '" + partner + "' has no webhook secret configured on this hub");
        }
        byte[] signed = signedBytes(scheme, timestamp, body);
        boolean matched = false;
        for (String secret : secrets) {
            // No early exit: the time taken does not tell which secret matched.
            matched |= MessageDigest.isEqual(hmac(scheme, secret, signed), presented);
        }
        if (!matched) {
            throw new PushRejection(401, "bad_signature", "signature does not match the body"
                    + (timestamp == null ? "" : " and timestamp"));
        }
    }

    /** The header value a partner using this scheme sends: for the demo sender and tests. */
    public static String sign(WebhookChannel.Signature scheme, String secret, String timestamp, byte[] body) {
        byte[] mac = hmac(scheme, secret, signedBytes(scheme, timestamp, body));
        return scheme.prefixOrDefault() + (scheme.encodingOrDefault().equals("base64")
                ? Base64.getEncoder().encodeToString(mac) : HexFormat.of().formatHex(mac));
    }

    private static void checkFresh(WebhookChannel.Signature scheme, String timestamp, Instant now) {
        long value;
        try {
            value = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new PushRejection(401, "bad_timestamp", scheme.timestampHeader() + " must be epoch seconds, was '" + timestamp + "'");
        }
        // Epoch milliseconds are told from seconds by size (seconds pass 10^11 in the year 5138).
        long seconds = value > 100_000_000_000L ? value / 1000 : value;
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > scheme.toleranceSecondsOrDefault()) {
            throw new PushRejection(401, "stale_timestamp", scheme.timestampHeader() + " is " + skew + " s from the hub's clock;"
                    + " the window is " + scheme.toleranceSecondsOrDefault() + " s");
        }
    }

    private static byte[] signedBytes(WebhookChannel.Signature scheme, String timestamp, byte[] body) {
        if (!scheme.signsOrDefault().equals("timestamp+body")) {
            return body;
        }
        byte[] head = (timestamp.trim() + scheme.separatorOrDefault()).getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[head.length + body.length];
        System.arraycopy(head, 0, signed, 0, head.length);
        System.arraycopy(body, 0, signed, head.length, body.length);
        return signed;
    }

    private static byte[] decode(WebhookChannel.Signature scheme, String text) {
        try {
            return scheme.encodingOrDefault().equals("base64") ? Base64.getDecoder().decode(text)
                    : HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PushRejection(401, "bad_signature", scheme.header() + " is not " + scheme.encodingOrDefault()
                    + " after '" + scheme.prefixOrDefault() + "'");
        }
    }

    private static byte[] hmac(WebhookChannel.Signature scheme, String secret, byte[] signed) {
        String algorithm = scheme.algorithmOrDefault().equals("hmac-sha1") ? "HmacSHA1" : "HmacSHA256";
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
