package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.rest.SignatureVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** A partner's side of the push API, as a carrier's engineer would write it. */
public final class Partner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String id;
    private final String secret;

    public Partner(String baseUrl, String id, String secret) {
        this.baseUrl = baseUrl;
        this.id = id;
        this.secret = secret;
    }

    /** A signed request for this body, signed now. */
    public HttpRequest.Builder signed(String body) {
        return signed(body.getBytes(StandardCharsets.UTF_8), Instant.now(), "application/json");
    }

    public HttpRequest.Builder signed(byte[] body, Instant at, String contentType) {
        String timestamp = Long.toString(at.getEpochSecond());
        return request(body, contentType)
                .header(SignatureVerifier.TIMESTAMP_HEADER, timestamp)
                .header(SignatureVerifier.SIGNATURE_HEADER, SignatureVerifier.sign(secret, timestamp, body));
    }

    public HttpRequest.Builder request(byte[] body, String contentType) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/partners/" + id + "/messages"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Pushes a JSON body, signed now. */
    public Answer push(String body) {
        return send(signed(body).build());
    }

    public static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** The hub's answer: status and JSON body. */
    public record Answer(int status, JsonNode body, HttpResponse<String> response) {
        public JsonNode item(int index) {
            return body.path("items").path(index);
        }
    }
}
