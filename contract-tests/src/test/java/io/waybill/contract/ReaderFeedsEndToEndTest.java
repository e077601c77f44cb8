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
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFID portal reports and EPCIS documents pushed through the whole hub: the reads of one tag in one
 * smoothing window, in one push or in several, are published as one observation once the window has
 * closed, and one EPCIS document gives observations and telemetry.
 */
@ExtendWith(SharedHub.class)
class ReaderFeedsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaybillHub hub;
    private long serial;
    private Instant window;

    @BeforeEach
    void setUp() {
        hub = SharedHub.hub();
        serial = ThreadLocalRandom.current().nextLong(1, 1L << 38);
        window = Instant.ofEpochMilli(Instant.now().minusSeconds(60).toEpochMilli() / 2000 * 2000);
    }

    @Test
    void a_burst_of_portal_reads_in_one_push_is_published_as_one_observation_per_tag_and_antenna() {
        Partner dockside = new Partner(hub.httpBaseUrl(), "dockside-rfid", "test-secret-dockside-rfid");
        String epc = sgtin96(serial);

        Answer answer = dockside.push("[" + report(epc, -61, 0, 300, 4) + "," + report(epc, -48.5, 900, 1400, 9) + ","
                + report(epc, -55, 1500, 1500, 1) + "]");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String eventId = answer.item(0).path("events").path(0).path("id").asText();
        for (int item = 0; item < 3; item++) {
            assertThat(answer.item(item).path("status").asText()).as("item %d", item).isEqualTo("accepted");
            assertThat(answer.item(item).path("events").path(0).path("id").asText()).as("the observation item %d's read goes into", item)
                    .isEqualTo(eventId);
        }
        JsonNode published = awaitObservation(epc);
        assertThat(published.path("id").asText()).isEqualTo(eventId);
        JsonNode data = published.path("data");
        assertThat(data.path("readCount").asInt()).isEqualTo(14);
        assertThat(data.path("peakRssiDbm").asDouble()).isEqualTo(-48.5);
        assertThat(data.path("firstSeen").asText()).isEqualTo(at(0).toString());
        assertThat(data.path("lastSeen").asText()).isEqualTo(at(1500).toString());
        assertThat(data.path("readPoint").asText()).isEqualTo("dock-door-04/antenna-1");
        assertThat(observations(epc)).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("urn:epc:id:sgln:0614141.00001.0004"));
    }

    @Test
    void reads_of_one_tag_in_several_pushes_become_one_observation_and_a_resent_push_is_not_counted_twice() {
        Partner dockside = new Partner(hub.httpBaseUrl(), "dockside-rfid", "test-secret-dockside-rfid");
        String epc = sgtin96(serial);
        String second = "[" + report(epc, -48.5, 900, 1400, 9) + "," + report(epc, -55, 1500, 1500, 1) + "]";

        Answer first = dockside.push("[" + report(epc, -61, 0, 300, 4) + "]");
        Answer then = dockside.push(second);
        // Sent again, as after a lost answer: signed anew (a space apart, so not refused as a replayed signature).
        Answer resent = dockside.push(second + " ");

        assertThat(List.of(first, then, resent)).allSatisfy(answer -> assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200));
        String eventId = first.item(0).path("events").path(0).path("id").asText();
        assertThat(then.item(1).path("status").asText()).isEqualTo("accepted");
        assertThat(then.item(1).path("events").path(0).path("id").asText()).isEqualTo(eventId);
        assertThat(resent.item(0).path("status").asText()).as("reads already taken").isEqualTo("duplicate");
        assertThat(resent.item(1).path("events").path(0).path("id").asText()).isEqualTo(eventId);
        JsonNode published = awaitObservation(epc);
        assertThat(published.path("id").asText()).isEqualTo(eventId);
        assertThat(published.at("/data/readCount").asInt()).as("4 + 9 + 1, the resent reads not again").isEqualTo(14);
        assertThat(published.at("/data/firstSeen").asText()).isEqualTo(at(0).toString());
        assertThat(published.at("/data/lastSeen").asText()).isEqualTo(at(1500).toString());
        assertThat(published.at("/data/peakRssiDbm").asDouble()).isEqualTo(-48.5);
    }

    @Test
    void a_read_that_arrives_after_its_window_was_published_does_not_publish_it_again() {
        Partner dockside = new Partner(hub.httpBaseUrl(), "dockside-rfid", "test-secret-dockside-rfid");
        String epc = sgtin96(serial);
        assertThat(dockside.push("[" + report(epc, -61, 0, 300, 4) + "]").status()).isEqualTo(200);
        JsonNode published = awaitObservation(epc);
        double duplicates = Metrics.value(hub, "waybill_events_duplicates_total");

        Answer late = dockside.push("[" + report(epc, -40, 1200, 1300, 7) + "]");

        assertThat(late.item(0).path("status").asText()).isEqualTo("accepted");
        assertThat(late.item(0).path("events").path(0).path("id").asText()).isEqualTo(published.path("id").asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> Metrics.value(hub, "waybill_events_duplicates_total") > duplicates);
        assertThat(observations(epc)).as("published once, with the reads it had").singleElement()
                .satisfies(r -> assertThat(json(r.value()).at("/data/readCount").asInt()).isEqualTo(4));
        assertThat(Metrics.exported(hub, "waybill_smoothing_open_windows")).isTrue();
        assertThat(Metrics.value(hub, "waybill_smoothing_open_windows")).isZero();
    }

    @Test
    void a_read_from_a_reader_whose_clock_runs_a_day_ahead_is_not_held_until_then() {
        Partner dockside = new Partner(hub.httpBaseUrl(), "dockside-rfid", "test-secret-dockside-rfid");
        String epc = sgtin96(serial);
        long now = Instant.now().toEpochMilli() * 1000;
        String report = """
                [{"reader_name": "dock-door-04", "tag_reads": [
                  {"epc": "%s", "antennaPort": 1, "peakRssi": -50, "firstSeenTimestamp": %d, "lastSeenTimestamp": %d, "tagSeenCount": 2}]}]"""
                .formatted(epc, now + 86_400_000_000L, now);

        Answer answer = dockside.push(report);

        assertThat(answer.item(0).path("status").asText()).as(answer.body().toString()).isEqualTo("accepted");
        assertThat(awaitObservation(epc).at("/data/readCount").asInt()).isEqualTo(2);
    }

    @Test
    void one_epcis_document_gives_observations_and_telemetry_on_their_own_topics() {
        Partner coldchain = new Partner(hub.httpBaseUrl(), "coldchain-epcis", "test-secret-coldchain-epcis");
        String sscc = "urn:epc:id:sscc:0614141." + (1_000_000_000L + serial % 8_000_000_000L);
        Instant time = Instant.now().minusSeconds(3600);
        String document = """
                {"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "%s",
                 "epcisBody": {"eventList": [
                  {"type": "ObjectEvent", "eventID": "ni:///sha-256;%d", "eventTime": "%s", "eventTimeZoneOffset": "+01:00",
                   "epcList": ["%s"], "action": "OBSERVE", "bizStep": "storing",
                   "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1235"},
                   "sensorElementList": [{"sensorMetadata": {"deviceID": "urn:epc:id:giai:4000001.111"},
                     "sensorReport": [{"type": "gs1:Temperature", "value": 39.2, "uom": "FAH"},
                                      {"type": "gs1:RelativeHumidity", "value": 55, "uom": "A93"}]}]}]}}"""
                .formatted(time.plusSeconds(60), serial, time, sscc);

        Answer answer = coldchain.push(document);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.item(0).path("events")).extracting(e -> e.path("type").asText())
                .containsExactly("io.waybill.observation.v1", "io.waybill.telemetry.v1");
        assertThat(TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1",
                r -> r.value() != null && r.value().contains("\"" + sscc + "\""))).hasSize(1);
        List<Record> telemetry = TopicReader.readAll(hub.bootstrapServers(), "canonical.telemetry.v1", r -> sscc.equals(r.key()));
        assertThat(telemetry).hasSize(1);
        assertThat(json(telemetry.get(0).value()).at("/data/readings/temperatureC").asDouble()).isEqualTo(4.0);
        assertThat(json(telemetry.get(0).value()).at("/data/readings/humidityPercent").asDouble()).isEqualTo(55.0);
    }

    /** A portal report of one read of the tag, {@code from} to {@code to} ms into {@link #window}. */
    private String report(String epc, double rssi, int from, int to, int count) {
        return """
                {"reader_name": "dock-door-04", "tag_reads": [
                  {"epc": "%s", "antennaPort": 1, "peakRssi": %s, "firstSeenTimestamp": %d, "lastSeenTimestamp": %d, "tagSeenCount": %d}]}"""
                .formatted(epc, rssi, at(from).toEpochMilli() * 1000, at(to).toEpochMilli() * 1000, count);
    }

    /** {@code millis} after the start of this test's 2 s smoothing window, a minute ago (plus 100 ms). */
    private Instant at(long millis) {
        return window.plusMillis(100 + millis);
    }

    private List<Record> observations(String epc) {
        String uri = "urn:epc:id:sgtin:0614141.812345." + new BigInteger(epc, 16).and(BigInteger.ONE.shiftLeft(38).subtract(BigInteger.ONE));
        return TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1",
                r -> r.value() != null && r.value().contains("\"" + uri + "\""));
    }

    /** The one observation of the tag, once its window has closed (the grace after its last read arrived). */
    private JsonNode awaitObservation(String epc) {
        List<Record> published = await().atMost(Duration.ofSeconds(60)).until(() -> observations(epc), list -> !list.isEmpty());
        assertThat(published).hasSize(1);
        return json(published.get(0).value());
    }

    /** An SGTIN-96 in hex: filter 3, partition 5, company prefix 0614141, item reference 812345, the serial given. */
    private static String sgtin96(long serial) {
        BigInteger bits = BigInteger.valueOf(0x30).shiftLeft(3).or(BigInteger.valueOf(3))
                .shiftLeft(3).or(BigInteger.valueOf(5))
                .shiftLeft(24).or(BigInteger.valueOf(614141))
                .shiftLeft(20).or(BigInteger.valueOf(812345))
                .shiftLeft(38).or(BigInteger.valueOf(serial));
        return String.format("%024X", bits);
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
