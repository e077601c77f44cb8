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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFID portal reports and EPCIS documents pushed through the whole hub: a burst of reads of one tag
 * is published as one observation, and one EPCIS document gives observations and telemetry.
 */
@ExtendWith(SharedHub.class)
class ReaderFeedsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaybillHub hub;
    private long serial;

    @BeforeEach
    void setUp() {
        hub = SharedHub.hub();
        serial = ThreadLocalRandom.current().nextLong(1, 1L << 38);
    }

    @Test
    void a_burst_of_portal_reads_in_one_push_is_published_as_one_observation_per_tag_and_antenna() {
        Partner dockside = new Partner(hub.httpBaseUrl(), "dockside-rfid", "test-secret-dockside-rfid");
        // A minute ago, 100 ms into a 2 s smoothing window, so the burst stays inside it.
        long micros = (Instant.now().minusSeconds(60).toEpochMilli() / 2000 * 2000 + 100) * 1000;
        String epc = sgtin96(serial);
        String report = """
                {"reader_name": "dock-door-04", "tag_reads": [
                  {"epc": "%s", "antennaPort": 1, "peakRssi": %s, "firstSeenTimestamp": %d, "lastSeenTimestamp": %d, "tagSeenCount": %d}]}""";

        Answer answer = dockside.push("[" + report.formatted(epc, -61, micros, micros + 300_000, 4) + ","
                + report.formatted(epc, -48.5, micros + 900_000, micros + 1_400_000, 9) + ","
                + report.formatted(epc, -55, micros + 1_500_000, micros + 1_500_000, 1) + "]");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String eventId = answer.item(0).path("events").path(0).path("id").asText();
        assertThat(answer.item(0).path("status").asText()).isEqualTo("accepted");
        for (int item = 1; item < 3; item++) {
            assertThat(answer.item(item).path("status").asText()).as("item %d went into item 0's observation", item).isEqualTo("duplicate");
            assertThat(answer.item(item).path("events").path(0).path("id").asText()).isEqualTo(eventId);
        }
        String uri = "urn:epc:id:sgtin:0614141.812345." + serial;
        List<Record> published = TopicReader.readAll(hub.bootstrapServers(), "canonical.observation.v1",
                r -> r.value() != null && r.value().contains("\"" + uri + "\""));
        assertThat(published).hasSize(1);
        JsonNode data = json(published.get(0).value()).path("data");
        assertThat(published.get(0).key()).isEqualTo("urn:epc:id:sgln:0614141.00001.0004");
        assertThat(data.path("readCount").asInt()).isEqualTo(14);
        assertThat(data.path("peakRssiDbm").asDouble()).isEqualTo(-48.5);
        assertThat(data.path("firstSeen").asText()).isEqualTo(Instant.ofEpochMilli(micros / 1000).toString());
        assertThat(data.path("lastSeen").asText()).isEqualTo(Instant.ofEpochMilli(micros / 1000 + 1500).toString());
        assertThat(data.path("readPoint").asText()).isEqualTo("dock-door-04/antenna-1");
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
