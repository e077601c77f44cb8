package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.MappingException;
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

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What of a push gets published, and what the partner is told about each item. */
class PushPublicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final MemoryIdempotentRepository shared = started(new MemoryIdempotentRepository());
    private final PublishedIds publishedIds = new PublishedIds(shared, 10);
    private final PushPublication publication = new PushPublication(publishedIds);
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
