package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.mapping.ActiveMappings;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.ReadSmoother;
import io.waybill.schema.CanonicalEvent;
import io.waybill.schema.EventIds;
import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What of a push gets published, and what the partner is told about each item. */
class PushPublicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    // dockside-rfid.tag-reads smooths reads in windows of 2 s.
    private static final ActiveMappings REPOSITORY_MAPPINGS = repositoryMappings();
    private static final String TAG = "urn:epc:id:sgtin:0614141.812345.6789";

    private final MemoryIdempotentRepository shared = started(new MemoryIdempotentRepository());
    private final PublishedIds publishedIds = new PublishedIds(shared, 10);
    private final PushPublication publication = new PushPublication(publishedIds, REPOSITORY_MAPPINGS);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void new_events_become_records_keyed_by_entity_on_their_type_topic_in_push_order() throws Exception {
        ObjectNode first = event("M-1", "SH-1");
        ObjectNode second = event("M-2", "SH-2");

        plan(new NormalizedItem(0, List.of(first, second)));

        List<Exchange> records = records();
        assertThat(records).extracting(r -> r.getMessage().getHeader(KafkaConstants.KEY)).containsExactly("SH-1", "SH-2");
        assertThat(records).extracting(r -> r.getMessage().getHeader(KafkaConstants.OVERRIDE_TOPIC))
                .containsOnly("canonical.shipment-status.v1");
        assertThat(records.get(0).getMessage().getHeader("content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(JSON.readTree(records.get(0).getMessage().getBody(byte[].class))).isEqualTo(first);
        assertThat(results()).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo("accepted");
            assertThat(item.events()).extracting(EventResult::status).containsExactly("accepted", "accepted");
        });
        assertThat(exchange.getVariable(Variables.PUBLISHED_COUNT, Integer.class)).isEqualTo(2);
    }

    @Test
    void an_event_repeated_within_the_push_is_published_once_and_reported_duplicate() {
        ObjectNode event = event("M-1", "SH-1");

        plan(new NormalizedItem(0, List.of(event)), new NormalizedItem(1, List.of(event.deepCopy())));

        assertThat(records()).hasSize(1);
        assertThat(results()).extracting(ItemResult::status).containsExactly("accepted", "duplicate");
        assertThat(exchange.getVariable(Variables.DUPLICATE_COUNT, Integer.class)).isEqualTo(1);
    }

    @Test
    void an_event_the_shared_repository_knows_is_a_duplicate() {
        ObjectNode event = event("M-1", "SH-1");
        shared.add(event.path("id").asText());

        plan(new NormalizedItem(0, List.of(event)));

        assertThat(records()).isEmpty();
        assertThat(results()).extracting(ItemResult::status).containsExactly("duplicate");
    }

    @Test
    void ids_just_recorded_are_recognised_before_the_shared_repository_reads_them_back() throws Exception {
        ObjectNode event = event("M-1", "SH-1");
        plan(new NormalizedItem(0, List.of(event)));
        publication.recorded(exchange);

        Exchange resend = new DefaultExchange(exchange.getContext());
        resend.getMessage().setBody(List.of(new NormalizedItem(0, List.of(event))));
        publication.plan(resend);

        assertThat(resend.getVariable(Variables.RESULTS, List.class)).extracting("status").containsExactly("duplicate");
        assertThat(shared.contains(event.path("id").asText())).isFalse();
    }

    @Test
    void the_records_that_mark_ids_published_use_the_idempotent_repository_format() {
        ObjectNode event = event("M-1", "SH-1");
        plan(new NormalizedItem(0, List.of(event)));

        List<?> idRecords = exchange.getVariable(Variables.ID_RECORDS, List.class);
        assertThat(idRecords).singleElement().satisfies(record -> {
            Exchange id = (Exchange) record;
            assertThat(id.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo(event.path("id").asText());
            assertThat(id.getMessage().getBody(String.class)).isEqualTo("add");
        });
    }

    @Test
    void an_item_without_events_and_a_rejected_item_are_reported_in_place() {
        RawDocument document = new RawDocument(JSON.createObjectNode(), new byte[0],
                new Provenance("acme-freight", "rest", "json", NOW, null, 1, null));
        RejectedItem rejected = new RejectedItem(document, "acme-freight.status v1",
                new MappingException("acme-freight.status", "transform", "code 'ZZ' is not in table 'status'"));

        plan(new NormalizedItem(0, List.of()), rejected, new NormalizedItem(2, List.of(event("M-3", "SH-3"))));

        assertThat(results()).extracting(ItemResult::index, ItemResult::status, ItemResult::stage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "no_events", null),
                org.assertj.core.groups.Tuple.tuple(1, "rejected", "map"),
                org.assertj.core.groups.Tuple.tuple(2, "accepted", null));
        assertThat(results().get(1).reason()).contains("code 'ZZ' is not in table 'status'");
        assertThat(records()).hasSize(1);
    }

    @Test
    void new_reads_of_a_smoothing_mapping_are_held_one_record_per_window_keyed_by_the_window() throws Exception {
        ObjectNode early = read("R-1", "2026-11-27T11:59:00.100Z", 3, -60);
        ObjectNode late = read("R-2", "2026-11-27T11:59:01.500Z", 2, -48.5);
        ObjectNode next = read("R-3", "2026-11-27T11:59:02.000Z", 1, -70);

        plan(new NormalizedItem(0, List.of(early)), new NormalizedItem(1, List.of(late, next)));

        String window = ReadSmoother.place(early, Duration.ofSeconds(2)).id();
        String nextWindow = ReadSmoother.place(next, Duration.ofSeconds(2)).id();
        List<Exchange> records = records();
        assertThat(records).extracting(r -> r.getMessage().getHeader(KafkaConstants.KEY)).containsExactlyInAnyOrder(window, nextWindow);
        assertThat(records).extracting(r -> r.getMessage().getHeader(KafkaConstants.OVERRIDE_TOPIC)).containsOnly("waybill.smoothing");
        assertThat(records).extracting(r -> r.getMessage().getHeader("waybill.smoothing.window-ms")).containsOnly("2000");
        JsonNode held = records.stream().filter(r -> r.getMessage().getHeader(KafkaConstants.KEY).equals(window))
                .map(r -> readJson(r.getMessage().getBody(byte[].class))).findFirst().orElseThrow();
        assertThat(held.path("id").asText()).isEqualTo(window);
        assertThat(held.at("/data/readCount").asInt()).isEqualTo(5);
        assertThat(held.at("/data/peakRssiDbm").asDouble()).isEqualTo(-48.5);
        assertThat(results()).extracting(ItemResult::status).containsExactly("accepted", "accepted");
        assertThat(results().get(1).events()).extracting(EventResult::id).as("the observations the reads go into")
                .containsExactly(window, nextWindow);
        assertThat(exchange.getVariable(Variables.NEW_EVENT_IDS, List.class)).as("the reads' own ids, recorded as seen")
                .containsExactly(early.path("id").asText(), late.path("id").asText(), next.path("id").asText());
        assertThat(exchange.getVariable(Variables.PUBLISHED_COUNT, Integer.class)).isZero();
        assertThat(exchange.getVariable(Variables.HELD_COUNT, Integer.class)).isEqualTo(3);
    }

    @Test
    void a_read_seen_before_is_a_duplicate_and_is_not_counted_again() {
        ObjectNode read = read("R-1", "2026-11-27T11:59:00.100Z", 3, -60);
        shared.add(read.path("id").asText());

        plan(new NormalizedItem(0, List.of(read)));

        assertThat(records()).isEmpty();
        assertThat(results()).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo("duplicate");
            assertThat(item.events()).extracting(EventResult::id).containsExactly(ReadSmoother.place(read, Duration.ofSeconds(2)).id());
        });
    }

    @Test
    void the_observation_of_a_closed_window_is_published_once() {
        ObjectNode observation = ReadSmoother.merge(List.of(read("R-1", "2026-11-27T11:59:00.100Z", 3, -60)), Duration.ofSeconds(2));
        exchange.setVariable(Variables.SMOOTHED_WINDOWS, true);

        plan(new NormalizedItem(0, List.of(observation)));
        publication.recorded(exchange);

        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.getMessage().getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("canonical.observation.v1");
            assertThat(readJson(record.getMessage().getBody(byte[].class))).isEqualTo(observation);
        });
        plan(new NormalizedItem(0, List.of(observation.deepCopy())));
        assertThat(records()).as("the same window again: a late part, or read again after a restart").isEmpty();
        assertThat(exchange.getVariable(Variables.DUPLICATE_COUNT, Integer.class)).isEqualTo(1);
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode read(String report, String firstSeen, int count, double rssi) {
        ObjectNode data = JSON.createObjectNode().put("locationId", "urn:epc:id:sgln:0614141.00001.0004")
                .put("action", "OBSERVE").put("bizStep", "receiving").put("readPoint", "dock-door-04/antenna-1")
                .put("eventTime", firstSeen).put("eventTimeOffset", "+00:00").put("firstSeen", firstSeen).put("lastSeen", firstSeen)
                .put("readCount", count).put("peakRssiDbm", rssi);
        data.putArray("epcList").add(TAG);
        return CanonicalEvent.build(new SchemaRef(EventType.OBSERVATION, 1), EventIds.deterministic("dockside-rfid", report, 0), data,
                new CanonicalEvent.Lineage("dockside-rfid", "mqtt", "dockside-rfid.tag-reads", 1, NOW, null, null));
    }

    private static ActiveMappings repositoryMappings() {
        Path mappings = Path.of("..").toAbsolutePath().normalize().resolve("mappings");
        return new ActiveMappings(PartnerRegistry.load(mappings), MappingLoader.loadAll(mappings));
    }

    private static MemoryIdempotentRepository started(MemoryIdempotentRepository repository) {
        repository.start();
        return repository;
    }

    private void plan(Object... items) {
        exchange.getMessage().setBody(List.of(items));
        try {
            publication.plan(exchange);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Exchange> records() {
        return exchange.getMessage().getBody(List.class);
    }

    @SuppressWarnings("unchecked")
    private List<ItemResult> results() {
        return exchange.getVariable(Variables.RESULTS, List.class);
    }

    private static ObjectNode event(String messageId, String shipment) {
        ObjectNode data = JSON.createObjectNode()
                .put("shipmentId", shipment).put("status", "PICKED_UP")
                .put("eventTime", "2026-11-27T13:15:00Z").put("eventTimeOffset", "-05:00");
        return CanonicalEvent.build(new SchemaRef(EventType.SHIPMENT_STATUS, 1),
                EventIds.deterministic("acme-freight", messageId, 0), data,
                new CanonicalEvent.Lineage("acme-freight", "rest", "acme-freight.status", 1, NOW, null, null));
    }
}
