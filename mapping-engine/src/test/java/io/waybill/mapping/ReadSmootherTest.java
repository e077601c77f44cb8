package io.waybill.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.mapping.ReadSmoother.Contribution;
import io.waybill.mapping.ReadSmoother.Smoothed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read smoothing: per tag and read point, within epoch-aligned windows of event time, bounded. */
class ReadSmootherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG_A = "urn:epc:id:sgtin:0614141.812345.6789";
    private static final String TAG_B = "urn:epc:id:sscc:0614141.1234567890";

    @Test
    void reads_of_one_tag_at_one_read_point_in_a_window_become_one_observation() {
        ReadSmoother smoother = new ReadSmoother(Duration.ofSeconds(2), 100);
        assertThat(smoother.offer(read("id-1", TAG_A, "dock-1", "2026-11-27T10:00:00.100Z", -61.0, null), at(0))).isEmpty();
        assertThat(smoother.offer(read("id-2", TAG_A, "dock-1", "2026-11-27T10:00:01.900Z", -48.5, 3), at(1))).isEmpty();
        assertThat(smoother.offer(read("id-3", TAG_A, "dock-1", "2026-11-27T10:00:00.050Z", -70.0, null), at(2))).isEmpty();

        List<Smoothed> closed = smoother.flush();

        assertThat(closed).hasSize(1);
        ObjectNode event = closed.get(0).event();
        assertThat(event.get("id").asText()).as("the window's id").isEqualTo(windowOf(read("x", TAG_A, "dock-1", "2026-11-27T10:00:01Z", null, null)))
                .isNotIn("id-1", "id-2", "id-3");
        assertThat(event.get("ingesttime").asText()).as("the rest from the earliest read").isEqualTo("ingest-id-3");
        assertThat(event.at("/data/firstSeen").asText()).isEqualTo("2026-11-27T10:00:00.050Z");
        assertThat(event.at("/data/lastSeen").asText()).isEqualTo("2026-11-27T10:00:01.900Z");
        assertThat(event.at("/data/eventTime").asText()).isEqualTo("2026-11-27T10:00:01.900Z");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-27T10:00:01.900Z");
        assertThat(event.at("/data/readCount").asInt()).as("1 + 3 + 1").isEqualTo(5);
        assertThat(event.at("/data/peakRssiDbm").asDouble()).isEqualTo(-48.5);
        assertThat(closed.get(0).from()).containsExactly(at(0), at(1), at(2));
    }

    @Test
    void another_tag_another_read_point_or_another_window_stays_apart() {
        ReadSmoother smoother = new ReadSmoother(Duration.ofSeconds(2), 100);
        smoother.offer(read("a", TAG_A, "dock-1", "2026-11-27T10:00:00Z", -50.0, null), at(0));
        smoother.offer(read("b", TAG_B, "dock-1", "2026-11-27T10:00:00.500Z", -50.0, null), at(1));
        smoother.offer(read("c", TAG_A, "dock-2", "2026-11-27T10:00:00.500Z", -50.0, null), at(2));
        smoother.offer(read("d", TAG_A, "dock-1", "2026-11-27T10:00:02Z", -50.0, null), at(3));

        List<Smoothed> closed = smoother.flush();
        assertThat(closed).extracting(s -> s.event().get("ingesttime").asText()).containsExactly("ingest-a", "ingest-b", "ingest-c", "ingest-d");
        assertThat(closed).extracting(s -> s.event().get("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void the_result_does_not_depend_on_the_order_of_the_reads() {
        List<ObjectNode> reads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reads.add(read("id-" + i, i % 2 == 0 ? TAG_A : TAG_B, "dock-" + (i % 3), "2026-11-27T10:00:0" + (i % 10) + "Z",
                    -40.0 - i, null));
        }
        List<ObjectNode> shuffled = new ArrayList<>(reads);
        Collections.shuffle(shuffled, new java.util.Random(7));

        assertThat(ids(smooth(shuffled))).isEqualTo(ids(smooth(reads)));
    }

    @Test
    void a_window_closes_once_the_reads_have_moved_a_whole_window_past_it() {
        ReadSmoother smoother = new ReadSmoother(Duration.ofSeconds(2), 100);
        smoother.offer(read("a", TAG_A, "dock-1", "2026-11-27T10:00:00Z", -50.0, null), at(0));
        assertThat(smoother.offer(read("b", TAG_B, "dock-1", "2026-11-27T10:00:03.999Z", -50.0, null), at(1))).isEmpty();

        List<Smoothed> closed = smoother.offer(read("c", TAG_B, "dock-1", "2026-11-27T10:00:04Z", -50.0, null), at(2));

        assertThat(closed).extracting(s -> s.event().get("ingesttime").asText()).containsExactly("ingest-a");
        assertThat(smoother.openWindows()).isEqualTo(2);
    }

    @Test
    void memory_is_bounded_the_oldest_window_closes_early_at_the_cap() {
        ReadSmoother smoother = new ReadSmoother(Duration.ofMinutes(10), 3);
        for (int i = 0; i < 3; i++) {
            assertThat(smoother.offer(read("t" + i, "urn:epc:id:sgtin:0614141.812345." + i, "dock-1",
                    "2026-11-27T10:00:0" + i + "Z", -50.0, null), at(i))).isEmpty();
        }
        List<Smoothed> closed = smoother.offer(read("t3", "urn:epc:id:sgtin:0614141.812345.3", "dock-1",
                "2026-11-27T10:00:03Z", -50.0, null), at(3));

        assertThat(closed).extracting(s -> s.event().get("ingesttime").asText()).containsExactly("ingest-t0");
        assertThat(smoother.openWindows()).isEqualTo(3);
    }

    @Test
    void an_observation_of_several_epcs_passes_through() {
        ReadSmoother smoother = new ReadSmoother(Duration.ofSeconds(2), 100);
        ObjectNode pallet = read("p", TAG_A, "dock-1", "2026-11-27T10:00:00Z", null, null);
        ((com.fasterxml.jackson.databind.node.ArrayNode) pallet.at("/data/epcList")).add(TAG_B);

        assertThat(smoother.offer(pallet, at(0))).extracting(Smoothed::event).containsExactly(pallet);
        assertThat(smoother.flush()).isEmpty();
    }

    @Test
    void settings_below_one_are_refused() {
        assertThatThrownBy(() -> new ReadSmoother(Duration.ZERO, 1)).hasMessageContaining("window must be 1 ms or more");
        assertThatThrownBy(() -> new ReadSmoother(Duration.ofSeconds(1), 0)).hasMessageContaining("maxOpenWindows must be 1 or more");
    }

    @Test
    void a_batch_is_smoothed_only_for_mappings_that_declare_smoothing_and_items_keep_their_event(@TempDir Path mappings) {
        PartnerFolder folder = PartnerFolder.in(mappings, "dock");
        folder.write("reads.mapping.yaml", """
                id: dock.reads
                version: 1
                accepts: {when: '.kind == "read"'}
                produces: observation/v1
                identity: .id
                transform: reads.jslt
                smoothing: {window: 2s}
                """);
        folder.write("scans.mapping.yaml", """
                id: dock.scans
                version: 1
                accepts: {when: '.kind == "scan"'}
                produces: observation/v1
                identity: .id
                transform: reads.jslt
                """);
        folder.write("reads.jslt", "{\"locationId\": \"DC\", \"epcList\": [.epc], \"action\": \"OBSERVE\"}");
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        ObjectNode read0 = mapped("dock.reads", read("r0", TAG_A, "dock-1", "2026-11-27T10:00:00Z", -60.0, null));
        ObjectNode read1 = mapped("dock.reads", read("r1", TAG_A, "dock-1", "2026-11-27T10:00:01Z", -50.0, null));
        ObjectNode scan0 = mapped("dock.scans", read("s0", TAG_A, "dock-1", "2026-11-27T10:00:00Z", null, null));
        ObjectNode scan1 = mapped("dock.scans", read("s1", TAG_A, "dock-1", "2026-11-27T10:00:01Z", null, null));

        List<List<ObjectNode>> smoothed = ReadSmoother.smoothBatch(catalog, List.of(List.of(read0), List.of(scan0, scan1), List.of(read1)));

        assertThat(smoothed.get(0)).extracting(e -> e.get("ingesttime").asText()).containsExactly("ingest-r0");
        assertThat(smoothed.get(0).get(0).at("/data/readCount").asInt()).isEqualTo(2);
        assertThat(smoothed.get(1)).containsExactly(scan0, scan1);
        assertThat(smoothed.get(2)).as("the second read's item lists the event it went into").containsExactly(smoothed.get(0).get(0));
    }

    @Test
    void a_batch_without_smoothing_mappings_is_returned_as_it_is(@TempDir Path mappings) {
        PartnerFolder.acmeStatus(mappings);
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        List<List<ObjectNode>> batch = List.of(List.of(read("r0", TAG_A, "dock-1", "2026-11-27T10:00:00Z", -60.0, null)));

        assertThat(ReadSmoother.smoothBatch(catalog, batch)).isSameAs(batch);
    }

    @Test
    void the_id_names_the_tag_read_point_and_window_not_the_reads() {
        String window = windowOf(read("a", TAG_A, "dock-1", "2026-11-27T10:00:00.100Z", null, null));

        assertThat(windowOf(read("b", TAG_A, "dock-1", "2026-11-27T10:00:01.999Z", null, null))).isEqualTo(window);
        assertThat(windowOf(read("a", TAG_A, "dock-1", "2026-11-27T10:00:02Z", null, null))).as("next window").isNotEqualTo(window);
        assertThat(windowOf(read("a", TAG_A, "dock-2", "2026-11-27T10:00:00.100Z", null, null))).as("read point").isNotEqualTo(window);
        assertThat(windowOf(read("a", TAG_B, "dock-1", "2026-11-27T10:00:00.100Z", null, null))).as("tag").isNotEqualTo(window);
        assertThat(ReadSmoother.place(read("a", TAG_A, "dock-1", "2026-11-27T10:00:00.100Z", null, null), Duration.ofSeconds(4)).id())
                .as("window length").isNotEqualTo(window);
        assertThat(ReadSmoother.place(read("a", TAG_A, "dock-1", "2026-11-27T10:00:00.100Z", null, null), Duration.ofSeconds(2)).end())
                .isEqualTo(java.time.Instant.parse("2026-11-27T10:00:02Z"));
    }

    @Test
    void batches_smoothed_one_by_one_then_merged_give_what_one_batch_gives() {
        Duration window = Duration.ofSeconds(4);
        List<ObjectNode> reads = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Within 3 s of each other: no window closes early, whatever the order.
            reads.add(read("id-" + i, i % 2 == 0 ? TAG_A : TAG_B, "dock-" + (i % 3), "2026-11-27T10:00:0" + (3 + i / 6 % 3) + "." + (100 + i) + "Z",
                    -40.0 - (i * 7 % 31), i % 4 == 0 ? i : null));
        }
        Collections.shuffle(reads, new java.util.Random(11));
        java.util.Map<String, List<ObjectNode>> partials = new java.util.TreeMap<>();
        for (List<ObjectNode> batch : List.of(reads.subList(0, 13), reads.subList(13, 40), reads.subList(40, 60))) {
            smooth(batch, window).forEach(s -> partials.computeIfAbsent(s.event().get("id").asText(), id -> new ArrayList<>()).add(s.event()));
        }

        java.util.Map<String, ObjectNode> whole = new java.util.TreeMap<>();
        smooth(reads, window).forEach(s -> assertThat(whole.put(s.event().get("id").asText(), s.event())).isNull());
        java.util.Map<String, ObjectNode> merged = new java.util.TreeMap<>();
        partials.forEach((id, parts) -> merged.put(id, ReadSmoother.merge(parts, window)));

        assertThat(whole).as("two tags at three read points, two windows").hasSize(12);
        assertThat(partials.values()).as("every window was split across batches").allMatch(parts -> parts.size() > 1);
        assertThat(merged).isEqualTo(whole);
    }

    @Test
    void absurd_read_counts_add_up_to_the_largest_count_not_a_negative_one() {
        ObjectNode huge = read("a", TAG_A, "dock-1", "2026-11-27T10:00:00Z", null, null);
        ((ObjectNode) huge.get("data")).put("readCount", Long.MAX_VALUE - 1);
        ObjectNode again = huge.deepCopy().put("id", "b");

        ObjectNode merged = ReadSmoother.merge(List.of(huge, again), Duration.ofSeconds(2));

        assertThat(merged.at("/data/readCount").asLong()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void observations_of_different_windows_do_not_merge() {
        List<ObjectNode> two = List.of(read("a", TAG_A, "dock-1", "2026-11-27T10:00:00Z", null, null),
                read("b", TAG_A, "dock-1", "2026-11-27T10:00:02Z", null, null));

        assertThatThrownBy(() -> ReadSmoother.merge(two, Duration.ofSeconds(2))).hasMessageContaining("not all of one window");
    }

    private static String windowOf(ObjectNode read) {
        return ReadSmoother.place(read, Duration.ofSeconds(2)).id();
    }

    private static List<String> ids(List<Smoothed> smoothed) {
        return smoothed.stream().map(s -> s.event().get("id").asText() + "/" + s.event().at("/data/readCount").asText()).sorted().toList();
    }

    private static List<Smoothed> smooth(List<ObjectNode> reads) {
        return smooth(reads, Duration.ofSeconds(2));
    }

    private static List<Smoothed> smooth(List<ObjectNode> reads, Duration window) {
        ReadSmoother smoother = new ReadSmoother(window, 1000);
        List<Smoothed> out = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            out.addAll(smoother.offer(reads.get(i), at(i)));
        }
        out.addAll(smoother.flush());
        return out;
    }

    private static Contribution at(int item) {
        return new Contribution(item, 0);
    }

    private static ObjectNode mapped(String mappingId, ObjectNode event) {
        return event.put("mappingid", mappingId);
    }

    /** An observation event of one read, as a mapping gives it. */
    private static ObjectNode read(String id, String epc, String readPoint, String time, Double rssi, Integer count) {
        ObjectNode event = JSON.createObjectNode().put("id", id).put("time", time).put("mappingid", "dock.reads")
                .put("partner", "dock").put("ingesttime", "ingest-" + id);
        ObjectNode data = event.putObject("data").put("locationId", "DC-1").put("action", "OBSERVE").put("readPoint", readPoint)
                .put("eventTime", time).put("eventTimeOffset", "+00:00").put("firstSeen", time).put("lastSeen", time);
        data.putArray("epcList").add(epc);
        if (rssi != null) {
            data.put("peakRssiDbm", rssi);
        }
        if (count != null) {
            data.put("readCount", count);
        }
        return event;
    }
}
