package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.Partner.Answer;
import io.waybill.contract.TopicReader.Record;
import io.waybill.hub.WaybillHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EPCIS 2.0 documents pushed through the whole hub by {@code coldchain-epcis}, whose rest channel makes each
 * event of a document an item of its own: a bad event is dead-lettered with its reason while the document's
 * other events are published, a document posted again is a duplicate event by event, and a document with no
 * events to split gets a clear answer.
 */
@ExtendWith(SharedHub.class)
class EpcisPushEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaybillHub hub;
    private Partner coldchain;
    private long run;
    private String sscc;
    private Instant time;

    @BeforeEach
    void setUp() {
        hub = SharedHub.hub();
        coldchain = new Partner(hub.httpBaseUrl(), "coldchain-epcis", "test-secret-coldchain-epcis");
        run = ThreadLocalRandom.current().nextLong(1, 1L << 38);
        sscc = "urn:epc:id:sscc:0614141." + (1_000_000_000L + run % 8_000_000_000L);
        time = Instant.now().minusSeconds(3600);
    }

    @Test
    void one_bad_event_is_dead_lettered_with_its_reason_and_the_documents_other_events_are_published() {
        Answer answer = coldchain.push(document(
                aggregation("agg-" + run),
                objectEvent("far-" + run, "2125-01-01T00:00:00Z", "[\"" + sscc + "\"]", 4.0),
                objectEvent(null, time.toString(), "[\"" + sscc + "\"]", 39.2),
                objectEvent("empty-" + run, time.toString(), "[]", null),
                "\"not an event " + run + "\"",
                transformation("tr-" + run)));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(207);
        assertThat(answer.body().path("received").asInt()).isEqualTo(6);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.body().path("rejected").asInt()).isEqualTo(3);
        assertThat(answer.body().path("noEvents").asInt()).isEqualTo(1);
        assertThat(answer.body().path("items")).extracting(item -> item.path("status").asText())
                .containsExactly("accepted", "rejected", "accepted", "rejected", "rejected", "no_events");
        assertThat(answer.item(1).path("stage").asText()).isEqualTo("map");
        assertThat(answer.item(1).path("reason").asText()).contains("/data/eventTime").contains("2125-01-01T00:00:00Z is more than PT10M after");
        assertThat(answer.item(1).path("deadLettered").asBoolean()).isTrue();
        assertThat(answer.item(2).path("events")).extracting(e -> e.path("type").asText())
                .containsExactly("io.waybill.observation.v1", "io.waybill.telemetry.v1");
        assertThat(answer.item(3).path("stage").asText()).isEqualTo("validate");
        assertThat(answer.item(3).path("reason").asText()).contains("epcList");
        assertThat(answer.item(4).path("stage").asText()).isEqualTo("map");
        assertThat(answer.item(4).path("reason").asText()).contains("is a JSON string, not an object");

        List<Record> observations = TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1",
                r -> r.value() != null && r.value().contains("\"" + sscc + "\""));
        assertThat(observations).extracting(r -> json(r.value()).at("/data/action").asText()).containsExactly("ADD", "OBSERVE");
        assertThat(observations).extracting(r -> json(r.value()).path("id").asText()).containsExactly(
                answer.item(0).path("events").path(0).path("id").asText(), answer.item(2).path("events").path(0).path("id").asText());
        List<Record> telemetry = TopicReader.readAll(hub.bootstrapServers(), "canonical.telemetry.v1", r -> sscc.equals(r.key()));
        assertThat(telemetry).singleElement().satisfies(r -> assertThat(json(r.value()).at("/data/readings/temperatureC").asDouble())
                .isEqualTo(4.0));

        List<Record> farFuture = TopicReader.readAll(hub.bootstrapServers(), "dlq.v1",
                r -> r.value() != null && r.value().contains("far-" + run));
        assertThat(farFuture).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo("coldchain-epcis");
            assertThat(dead.headers()).containsEntry("waybill.error.stage", "map")
                    .containsEntry("waybill.error.partner", "coldchain-epcis")
                    .containsEntry("waybill.error.item", "1")
                    .containsEntry("waybill.error.source", answer.body().path("rawRef").asText());
            assertThat(dead.headers().get("waybill.error.reason")).contains("2125-01-01T00:00:00Z is more than PT10M after");
            JsonNode deadDocument = json(dead.value());
            assertThat(deadDocument.path("type").asText()).as("the dead letter is a document the partner can fix and send again")
                    .isEqualTo("EPCISDocument");
            assertThat(deadDocument.at("/epcisBody/eventList")).singleElement()
                    .satisfies(event -> assertThat(event.path("eventID").asText()).isEqualTo("far-" + run));
        });
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "dlq.v1", r -> r.value() != null && r.value().contains("empty-" + run)))
                .singleElement().satisfies(dead -> assertThat(dead.headers()).containsEntry("waybill.error.stage", "validate")
                        .containsEntry("waybill.error.item", "3"));
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "dlq.v1", r -> r.value() != null && r.value().contains("not an event " + run)))
                .singleElement().satisfies(dead -> assertThat(dead.headers()).containsEntry("waybill.error.item", "4"));
    }

    @Test
    void the_document_sent_again_with_its_bad_event_fixed_publishes_only_that_event() {
        String agg = aggregation("agg-" + run);
        String unnamed = objectEvent(null, time.toString(), "[\"" + sscc + "\"]", 39.2);
        Answer first = coldchain.push(document(agg, objectEvent("late-" + run, "2125-01-01T00:00:00Z", "[\"" + sscc + "\"]", null), unnamed));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(207);

        Answer again = coldchain.push(document(agg, objectEvent("late-" + run, time.plusSeconds(60).toString(), "[\"" + sscc + "\"]", null),
                unnamed));

        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().path("items")).extracting(item -> item.path("status").asText())
                .containsExactly("duplicate", "accepted", "duplicate");
        assertThat(again.item(0).path("events").path(0).path("id").asText())
                .isEqualTo(first.item(0).path("events").path(0).path("id").asText());
        assertThat(again.item(2).path("events")).as("an event without an eventID is known again by its hash")
                .extracting(e -> e.path("id").asText())
                .containsExactlyElementsOf(first.item(2).path("events").findValuesAsText("id"));
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1",
                r -> r.value() != null && r.value().contains("\"" + sscc + "\""))).hasSize(3);
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "canonical.telemetry.v1", r -> sscc.equals(r.key()))).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"epcisBody\": {\"eventList\": {\"type\": \"ObjectEvent\"}} | the document's /epcisBody/eventList is a JSON object, not an array of items (channels.rest.items)",
            "\"epcisBody\": {\"eventList\": []}                        | the document's /epcisBody/eventList is empty: it holds no item to process (channels.rest.items)",
            "\"epcisBody\": {}                                         | the document has no /epcisBody/eventList: its items are expected there, as a JSON array (channels.rest.items)"})
    void a_document_without_events_to_split_is_refused_whole_with_the_reason_and_dead_lettered(String body, String reason) {
        String document = "{\"type\": \"EPCISDocument\", \"creationDate\": \"" + time + "\", \"run\": \"" + run + "\", " + body + "}";

        Answer answer = coldchain.push(document);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("no_items");
        assertThat(answer.body().path("reason").asText()).isEqualTo(reason);
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "dlq.v1", r -> r.value() != null && r.value().contains("\"" + run + "\"")))
                .singleElement().satisfies(dead -> assertThat(dead.headers()).containsEntry("waybill.error.stage", "parse")
                        .containsEntry("waybill.error.reason", reason));

        Answer next = coldchain.push(document(aggregation("after-" + run)));
        assertThat(next.status()).as("the route still takes documents: " + next.body()).isEqualTo(200);
    }

    private String document(String... events) {
        return """
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "%s",
                 "epcisBody": {"eventList": [%s]}}""".formatted(time.plusSeconds(120), String.join(",\n", events));
    }

    private String aggregation(String eventId) {
        return """
                {"type": "AggregationEvent", "eventID": "%s", "eventTime": "%s", "eventTimeZoneOffset": "+01:00",
                 "parentID": "%s", "childEPCs": ["urn:epc:id:sgtin:0614141.107346.%d"], "action": "ADD", "bizStep": "packing",
                 "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"}}""".formatted(eventId, time.minusSeconds(600), sscc, run);
    }

    /** An ObjectEvent; without an eventID when {@code eventId} is null, with a temperature in °F when one is given. */
    private String objectEvent(String eventId, String eventTime, String epcList, Double fahrenheit) {
        return "{\"type\": \"ObjectEvent\"" + (eventId == null ? "" : ", \"eventID\": \"" + eventId + "\"")
                + ", \"eventTime\": \"" + eventTime + "\", \"eventTimeZoneOffset\": \"+01:00\", \"epcList\": " + epcList
                + ", \"action\": \"OBSERVE\", \"bizStep\": \"shipping\", \"readPoint\": {\"id\": \"urn:epc:id:sgln:0614141.07346.1235\"}"
                + (fahrenheit == null ? "" : ", \"sensorElementList\": [{\"sensorMetadata\": {\"deviceID\": \"urn:epc:id:giai:4000001.112\"},"
                + " \"sensorReport\": [{\"type\": \"gs1:Temperature\", \"value\": " + fahrenheit + ", \"uom\": \"FAH\"}]}]")
                + "}";
    }

    private String transformation(String eventId) {
        return """
                {"type": "TransformationEvent", "eventID": "%s", "eventTime": "%s", "eventTimeZoneOffset": "+01:00",
                 "inputEPCList": ["urn:epc:id:sgtin:0614141.107346.%d"], "outputEPCList": ["urn:epc:id:sgtin:0614141.107347.%d"]}"""
                .formatted(eventId, time, run, run);
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
