package io.waybill.hub.demo;

import io.waybill.adapter.rest.WebhookSignatureVerifier;
import io.waybill.adapter.support.WebhookChannel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The demo's pushing carrier: {@code coral-line} delivers DCSA Track &amp; Trace v3 notifications to the hub's webhook,
 * signed as DCSA signs them, with the scheme its partner.yaml declares: a discharge, then a gate-out and the event
 * that retracts it (published as a correction).
 */
public final class DemoWebhooks {

    public static final String PARTNER = "coral-line";
    private static final List<String> NOTIFICATIONS = List.of("/demo/coral-line/discharged-rotterdam.json",
            "/demo/coral-line/gate-out-then-retracted.json");

    private DemoWebhooks() {
    }

    public static void send(String hubBaseUrl, WebhookChannel.Signature scheme, String secret, Consumer<String> report)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String notification : NOTIFICATIONS) {
            byte[] body;
            try (InputStream in = DemoWebhooks.class.getResourceAsStream(notification)) {
                body = Objects.requireNonNull(in, notification).readAllBytes();
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(hubBaseUrl + "/api/v1/partners/" + PARTNER + "/webhook"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header(scheme.header(), WebhookSignatureVerifier.sign(scheme, secret, null, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            report.accept("webhook " + PARTNER + " " + notification.substring(notification.lastIndexOf('/') + 1) + " (DCSA T&T 3, "
                    + scheme.header() + "): " + answer.statusCode() + " " + answer.body());
        }
    }
}
