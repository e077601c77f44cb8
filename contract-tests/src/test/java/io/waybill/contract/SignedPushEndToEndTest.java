package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.Partner.Answer;
import io.waybill.contract.TopicReader.Record;
import io.waybill.hub.WaybillHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A carrier's signed push through the whole hub on the real embedded brokers: what the carrier
 * is told, and what downstream teams and operators find on the topics.
 */
@ExtendWith(SharedHub.class)
class SignedPushEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaybillHub hub;
    private Partner acme;
    private String run;

    @BeforeEach
    void setUp() {
        hub = SharedHub.hub();
        acme = new Partner(hub.httpBaseUrl(), "acme-freight", SharedHub.SECRETS.get("acme-freight"));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String status(String msgId, String shipment, String code, double lat) {
        return """
                {"type":"status","msg_id":"%s","shipment_ref":"%s","pro":"PRO%s","scac":"ACMF","code":"%s",
                 "ts":"2026-11-27T08:15:00-05:00","city":"Chicago","state":"IL","country":"US","unlocode":"USCHI",
                 "lat":%s,"lon":-87.63}""".formatted(msgId, shipment, run, code, lat);
    }

    @Test
    void batch_with_a_valid_a_duplicate_and_a_schema_invalid_item_publishes_exactly_one_event() {
        String shipment = "SH-" + run;
        String valid = status("AF-" + run + "-1", shipment, "PU", 41.88);
        String invalid = status("AF-" + run + "-2", shipment, "DL", 141.0);

        Answer answer = acme.push("[" + valid + "," + valid + "," + invalid + "]");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(207);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().path("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.body().path("rejected").asInt()).isEqualTo(1);
        String eventId = answer.item(0).path("events").path(0).path("id").asText();
        assertThat(answer.item(0).path("status").asText()).isEqualTo("accepted");
        assertThat(answer.item(1).path("status").asText()).isEqualTo("duplicate");
        assertThat(answer.item(1).path("events").path(0).path("id").asText()).isEqualTo(eventId);
        assertThat(answer.item(2).path("status").asText()).isEqualTo("rejected");
        assertThat(answer.item(2).path("stage").asText()).isEqualTo("validate");
        assertThat(answer.item(2).path("reason").asText()).contains("/data/location/geo/lat");
        assertThat(answer.item(2).path("deadLettered").asBoolean()).isTrue();

        List<Record> published = TopicReader.readAll(hub.bootstrapServers(), "canonical.shipment-status.v1",
                r -> shipment.equals(r.key()));
        assertThat(published).hasSize(1);
        JsonNode event = json(published.get(0).value());
        assertThat(event.path("id").asText()).isEqualTo(eventId);
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("io.waybill.shipment-status.v1");
        assertThat(event.path("subject").asText()).isEqualTo(shipment);
        assertThat(event.path("partner").asText()).isEqualTo("acme-freight");
        assertThat(event.path("mappingid").asText()).isEqualTo("acme-freight.status");
        assertThat(event.path("rawref").asText()).isEqualTo(answer.body().path("rawRef").asText()).startsWith("raw.v1/");
        assertThat(event.path("data").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(event.path("data").path("eventTime").asText()).isEqualTo("2026-11-27T13:15:00Z");
        assertThat(event.path("data").path("eventTimeOffset").asText()).isEqualTo("-05:00");
        assertThat(published.get(0).headers()).containsOnlyKeys("content-type");

        List<Record> deadLetters = TopicReader.readAll(hub.bootstrapServers(), "dlq.v1",
                r -> r.value() != null && r.value().contains("AF-" + run + "-2"));
        assertThat(deadLetters).hasSize(1);
        Record dead = deadLetters.get(0);
        assertThat(dead.key()).isEqualTo("acme-freight");
        assertThat(dead.headers()).containsEntry("waybill.error.stage", "validate")
                .containsEntry("waybill.error.partner", "acme-freight")
                .containsEntry("waybill.error.mapping", "acme-freight.status v1")
                .containsEntry("waybill.error.item", "2")
                .containsEntry("waybill.error.source", answer.body().path("rawRef").asText());
        assertThat(dead.headers().get("waybill.error.reason")).contains("/data/location/geo/lat");
        assertThat(json(dead.value()).path("msg_id").asText()).isEqualTo("AF-" + run + "-2");
    }

    @Test
    void the_raw_message_is_archived_as_received() {
        String body = "[" + status("AF-" + run + "-raw", "SH-RAW-" + run, "IT", 40.0) + "]\n";
        Answer answer = acme.push(body);
        assertThat(answer.status()).isEqualTo(200);

        String[] ref = answer.body().path("rawRef").asText().split("/");
        List<Record> raw = TopicReader.readAll(hub.bootstrapServers(), "raw.v1",
                r -> r.partition() == Integer.parseInt(ref[1]) && r.offset() == Long.parseLong(ref[2]));
        assertThat(raw).hasSize(1);
        assertThat(raw.get(0).value()).isEqualTo(body);
        assertThat(raw.get(0).key()).isEqualTo("acme-freight");
        assertThat(raw.get(0).headers()).containsEntry("waybill.partner", "acme-freight")
                .containsEntry("waybill.channel", "rest").containsKey("waybill.received-at")
                .doesNotContainKeys("X-Waybill-Signature", "User-Agent", "Host");
    }

    @Test
    void a_resent_message_is_reported_as_duplicate_with_the_same_event_id() {
        String body = status("AF-" + run + "-resend", "SH-RS-" + run, "AR", 41.0);
        Answer first = acme.push(body);
        // A resend is a new request: the partner signs it again (an identical signed request is a replay).
        Answer second = Partner.send(acme.signed(body.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(1),
                "application/json").build());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.item(0).path("status").asText()).isEqualTo("duplicate");
        assertThat(second.item(0).path("events").path(0).path("id"))
                .isEqualTo(first.item(0).path("events").path(0).path("id"));
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "canonical.shipment-status.v1",
                r -> ("SH-RS-" + run).equals(r.key()))).hasSize(1);
    }

    @Test
    void one_push_can_carry_status_and_eta_messages_to_their_own_topics() {
        String eta = """
                {"type":"eta","msg_id":"AF-%s-eta","shipment_ref":"SH-ETA-%s","eta":"2026-11-28T14:00:00-05:00",
                 "ts":"2026-11-27T08:15:00-05:00","destination":{"unlocode":"USNYC","name":"New York"}}"""
                .formatted(run, run);
        Answer answer = acme.push("[" + status("AF-" + run + "-st", "SH-ETA-" + run, "DP", 41.0) + "," + eta + "]");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<Record> etas = TopicReader.readAll(hub.bootstrapServers(), "canonical.eta.v1", r -> ("SH-ETA-" + run).equals(r.key()));
        assertThat(etas).hasSize(1);
        assertThat(json(etas.get(0).value()).path("data").path("estimatedTime").asText()).isEqualTo("2026-11-28T19:00:00Z");
    }

    @Test
    void careless_items_are_rejected_one_by_one_and_their_neighbours_still_published() {
        String good = status("AF-" + run + "-good", "SH-MIX-" + run, "PU", 41.0);
        String unknownCode = status("AF-" + run + "-zz", "SH-MIX-" + run, "ZZ", 41.0);
        String noIdentity = "{\"type\":\"status\",\"shipment_ref\":\"SH-MIX-" + run + "\",\"code\":\"PU\",\"ts\":\"2026-11-27T08:15:00Z\"}";
        String badTime = status("AF-" + run + "-time", "SH-MIX-" + run, "PU", 41.0).replace("2026-11-27T08:15:00-05:00", "yesterday");
        String unknownKind = "{\"type\":\"invoice\",\"msg_id\":\"X\"}";
        String notAnObject = "\"hello\"";

        Answer answer = acme.push("[" + String.join(",", good, unknownCode, noIdentity, badTime, unknownKind, notAnObject) + "]");

        assertThat(answer.status()).isEqualTo(207);
        assertThat(answer.item(0).path("status").asText()).isEqualTo("accepted");
        assertThat(answer.item(1).path("reason").asText()).contains("code 'ZZ' is not in table 'status'");
        assertThat(answer.item(2).path("reason").asText()).contains("identity");
        assertThat(answer.item(3).path("reason").asText()).contains("'yesterday' is not an ISO-8601 date-time");
        assertThat(answer.item(4).path("reason").asText()).contains("no mapping of partner acme-freight accepts")
                .contains("acme-freight.status").contains("acme-freight.eta");
        assertThat(answer.item(5).path("reason").asText()).contains("not an object");
        for (int i = 1; i <= 5; i++) {
            assertThat(answer.item(i).path("status").asText()).isEqualTo("rejected");
            assertThat(answer.item(i).path("stage").asText()).isEqualTo("map");
        }
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "canonical.shipment-status.v1",
                r -> ("SH-MIX-" + run).equals(r.key()))).hasSize(1);
    }

    @Test
    void a_push_where_every_item_is_rejected_gets_422() {
        Answer answer = acme.push("[" + status("AF-" + run + "-bad", "SH-BAD-" + run, "??", 41.0) + "]");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("rejected").asInt()).isEqualTo(1);
    }

    @Test
    void unsigned_push_is_refused_with_401() {
        Answer answer = Partner.send(acme.request(status("AF-" + run, "SH-U", "PU", 1).getBytes(StandardCharsets.UTF_8),
                "application/json").build());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("unsigned");
    }

    @Test
    void wrong_secret_is_refused_with_401() {
        Partner impostor = new Partner(hub.httpBaseUrl(), "acme-freight", "guessed-secret");
        Answer answer = impostor.push(status("AF-" + run, "SH-W", "PU", 1));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("bad_signature");
    }

    @Test
    void timestamp_outside_the_window_is_refused_with_401() {
        byte[] body = status("AF-" + run + "-old", "SH-OLD", "PU", 1).getBytes(StandardCharsets.UTF_8);
        Answer answer = Partner.send(acme.signed(body, Instant.now().minusSeconds(301), "application/json").build());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("stale_timestamp");
        assertThat(answer.body().path("reason").asText()).contains("300 s");
    }

    @Test
    void the_same_signed_request_sent_twice_is_refused_the_second_time() {
        HttpRequest request = acme.signed(status("AF-" + run + "-replay", "SH-REPLAY-" + run, "PU", 1)).build();
        Answer first = Partner.send(request);
        Answer replay = Partner.send(request);
        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().path("error").asText()).isEqualTo("replay");
    }

    @Test
    void credentials_of_another_partner_are_refused_with_403() {
        Partner blueAsAcme = new Partner(hub.httpBaseUrl(), "acme-freight", SharedHub.SECRETS.get("blue-ocean-lines"));
        Answer answer = blueAsAcme.push(status("AF-" + run, "SH-X", "PU", 1));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("error").asText()).isEqualTo("wrong_partner");
    }

    @Test
    void an_undeclared_partner_is_refused_with_403() {
        Partner stranger = new Partner(hub.httpBaseUrl(), "nobody", "x");
        assertThat(stranger.push("{}").status()).isEqualTo(403);
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413() {
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        Answer answer = Partner.send(acme.signed(huge, Instant.now(), "application/json").build());
        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void an_unsupported_content_type_is_refused_with_415_and_dead_lettered() {
        byte[] body = ("<status id='" + run + "'/>").getBytes(StandardCharsets.UTF_8);
        Answer answer = Partner.send(acme.signed(body, Instant.now(), "application/xml").build());
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body().path("reason").asText()).contains("application/xml").contains("application/json");
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "dlq.v1", r -> r.value() != null && r.value().contains(run)))
                .singleElement().satisfies(r -> assertThat(r.headers()).containsEntry("waybill.error.stage", "parse"));
    }

    @Test
    void malformed_json_is_refused_with_400_naming_the_place_and_dead_lettered() {
        byte[] body = ("[{\"msg_id\": \"" + run + "\", \"code\": PU}]").getBytes(StandardCharsets.UTF_8);
        Answer answer = Partner.send(acme.signed(body, Instant.now(), "application/json").build());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("malformed_json");
        assertThat(answer.body().path("reason").asText()).contains("line 1, column");
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "dlq.v1", r -> r.value() != null && r.value().contains(run)))
                .singleElement().satisfies(r -> assertThat(r.headers())
                        .containsEntry("waybill.error.stage", "parse")
                        .containsEntry("waybill.error.partner", "acme-freight"));
    }

    @Test
    void health_is_ready_and_metrics_count_per_partner() throws Exception {
        acme.push(status("AF-" + run + "-metrics", "SH-M-" + run, "PU", 41.0));
        new Partner(hub.httpBaseUrl(), "stranger-" + run, "x").push("{}");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("UP");

        String metrics = client.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("waybill_items_received_total\\{[^}]*partner=\"acme-freight\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("waybill_events_published_total\\{[^}]*partner=\"acme-freight\"[^}]*\\} [1-9]");
        // An undeclared partner in the URL must not mint a metric series of its own.
        assertThat(metrics).containsPattern("waybill_pushes_refused_total\\{[^}]*partner=\"unknown\"[^}]*\\} [1-9]")
                .doesNotContain("stranger-" + run);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
