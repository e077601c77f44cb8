package io.waybill.adapter.support;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Set;

/**
 * {@code channels.webhook}: the partner's platform calls the hub at
 * {@code POST /api/v1/partners/<partner>/webhook}, signed the way that platform signs, declared in
 * {@link Signature}. The secret comes from {@code WAYBILL_WEBHOOK_SECRET_<PARTNER>}; during a rotation
 * {@code WAYBILL_WEBHOOK_SECRET_<PARTNER>_PREVIOUS} is accepted too.
 *
 * @param formats   required: {@code [json]}
 * @param signature required: how requests are signed
 */
public record WebhookChannel(List<String> formats, Signature signature) {

    public static final Set<String> FORMATS = Set.of("json");

    /**
     * A webhook signature scheme. DCSA Track &amp; Trace callbacks: {@code {header: Notification-Signature,
     * algorithm: hmac-sha256, signs: body, encoding: hex, prefix: "sha256="}}.
     *
     * @param header           required; the header carrying the signature, e.g. {@code X-Hub-Signature-256}
     * @param algorithm        {@code hmac-sha256} (default) or {@code hmac-sha1}
     * @param signs            {@code body} (default) or {@code timestamp+body} (needs {@link #timestampHeader})
     * @param separator        between timestamp and body when both are signed, {@code "."} when left out
     * @param encoding         {@code hex} (default) or {@code base64}
     * @param prefix           text before the signature in the header, e.g. {@code sha256=}; none when left out
     * @param timestampHeader  the header carrying the signing time (epoch seconds, or epoch milliseconds); required
     *                         for {@code timestamp+body}, and when given, checked against {@link #toleranceSeconds}
     * @param toleranceSeconds how far that time may be from the hub's clock, 300 when left out
     */
    public record Signature(String header, String algorithm, String signs, String separator, String encoding, String prefix,
                            @JsonProperty("timestamp-header") String timestampHeader,
                            @JsonProperty("tolerance-seconds") Integer toleranceSeconds) {
        public static final Set<String> ALGORITHMS = Set.of("hmac-sha256", "hmac-sha1");
        public static final Set<String> SIGNS = Set.of("body", "timestamp+body");
        public static final Set<String> ENCODINGS = Set.of("hex", "base64");

        public String algorithmOrDefault() { return algorithm == null ? "hmac-sha256" : algorithm; }
        public String signsOrDefault() { return signs == null ? "body" : signs; }
        public String separatorOrDefault() { return separator == null ? "." : separator; }
        public String encodingOrDefault() { return encoding == null ? "hex" : encoding; }
        public String prefixOrDefault() { return prefix == null ? "" : prefix; }
        public int toleranceSecondsOrDefault() { return toleranceSeconds == null ? 300 : toleranceSeconds; }
    }
}
