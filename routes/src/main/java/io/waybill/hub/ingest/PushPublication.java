package io.waybill.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.hub.kafka.Topics;
import io.waybill.hub.mapping.ActiveMappings;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.ReadSmoother;
import io.waybill.schema.CanonicalEvent;
import io.waybill.schema.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.component.kafka.KafkaConstants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what of a push gets published and shapes the Kafka records. An event whose id the
 * shared idempotent repository already holds, or that appeared earlier in the same push, is a
 * duplicate; every other event becomes a record: structured CloudEvent JSON, keyed by its entity
 * (the subject) so an entity's events stay ordered in one partition, on the topic of its type and
 * major version. The records of a push are sent as one batch, in push order.
 */
public final class PushPublication {

    /** Header of a held record: the length of its smoothing window, in milliseconds. */
    public static final String WINDOW_MS_HEADER = "waybill.smoothing.window-ms";

    private final PublishedIds publishedIds;
    private final ActiveMappings mappings;
    private final ObjectMapper mapper = new ObjectMapper();

    public PushPublication(PublishedIds publishedIds, ActiveMappings mappings) {
        this.publishedIds = publishedIds;
        this.mappings = mappings;
    }

    /**
     * Body in: what the items became ({@link NormalizedItem} or {@link RejectedItem}),
     * in push order. Body out: the records to publish. Variables out: the answer per item, the
     * ids to record once published, and the counts for metrics.
     */
    public void plan(Exchange exchange) throws JsonProcessingException {
        List<?> items = exchange.getMessage().getBody(List.class);
        // Observations whose windows closed are published as they are; anything else may be a read to hold.
        boolean windowsClosed = Boolean.TRUE.equals(exchange.getVariable(Variables.SMOOTHED_WINDOWS, Boolean.class));
        MappingCatalog catalog = mappings.catalog();
        Map<String, Optional<Duration>> windows = new HashMap<>();
        Map<String, ReadSmoother> smoothers = new HashMap<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        List<Exchange> records = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        Set<String> inThisPush = new HashSet<>();
        int duplicates = 0;
        int published = 0;
        int held = 0;
        for (Object item : items) {
            if (item instanceof RejectedItem rejected) {
                results.add(rejected.result());
                continue;
            }
            NormalizedItem normalized = (NormalizedItem) item;
            List<EventResult> events = new ArrayList<>(normalized.events().size());
            for (ObjectNode event : normalized.events()) {
                String id = event.path(Envelope.ID).asText();
                String type = event.path(Envelope.TYPE).asText();
                String mappingId = event.path(Envelope.MAPPING_ID).asText();
                Duration window = windowsClosed ? null : windows.computeIfAbsent(mappingId,
                        m -> catalog.byId(m).map(Mapping::smoothingWindow)).orElse(null);
                ReadSmoother.Placement placement = window == null ? null : ReadSmoother.place(event, window);
                boolean duplicate = publishedIds.contains(id) || !inThisPush.add(id);
                events.add(new EventResult(placement == null ? id : placement.id(), type,
                        duplicate ? EventResult.DUPLICATE : EventResult.ACCEPTED));
                if (duplicate) {
                    duplicates++;
                    continue;
                }
                newIds.add(id);
                if (placement == null) {
                    records.add(record(exchange, event));
                    published++;
                } else {
                    ReadSmoother smoother = smoothers.computeIfAbsent(mappingId,
                            m -> new ReadSmoother(window, ReadSmoother.DEFAULT_MAX_OPEN_WINDOWS));
                    for (ReadSmoother.Smoothed closed : smoother.offer(event, new ReadSmoother.Contribution(0, 0))) {
                        records.add(held(exchange, closed.event(), window));
                    }
                    held++;
                }
            }
            results.add(ItemResult.published(normalized.index(), events));
        }
        for (Map.Entry<String, ReadSmoother> smoother : smoothers.entrySet()) {
            Duration window = windows.get(smoother.getKey()).orElseThrow();
            for (ReadSmoother.Smoothed closed : smoother.getValue().flush()) {
                records.add(held(exchange, closed.event(), window));
            }
        }
        exchange.setVariable(Variables.RESULTS, results);
        exchange.setVariable(Variables.NEW_EVENT_IDS, newIds);
        exchange.setVariable(Variables.ID_RECORDS, idRecords(exchange, newIds));
        exchange.setVariable(Variables.PUBLISHED_COUNT, published);
        exchange.setVariable(Variables.HELD_COUNT, held);
        exchange.setVariable(Variables.DUPLICATE_COUNT, duplicates);
        exchange.getMessage().setBody(records);
    }

    /** Once the events are published: the records that mark their ids as seen, for every hub instance. */
    private static List<Exchange> idRecords(Exchange exchange, List<String> ids) {
        List<Exchange> records = new ArrayList<>(ids.size());
        for (String id : ids) {
            Exchange record = new DefaultExchange(exchange.getContext());
            record.getMessage().setHeader(KafkaConstants.KEY, id);
            record.getMessage().setBody(PublishedIds.ADD_ACTION);
            records.add(record);
        }
        return records;
    }

    /** After the id records are acknowledged: recognise these ids at once, before the repository reads them back. */
    @SuppressWarnings("unchecked")
    public void recorded(Exchange exchange) {
        publishedIds.recorded(exchange.getVariable(Variables.NEW_EVENT_IDS, List.class));
    }

    /** A batch's aggregate of the new reads of one window, for the smoothing topic, keyed by the window's id. */
    private Exchange held(Exchange exchange, ObjectNode aggregate, Duration window) throws JsonProcessingException {
        Exchange recordExchange = new DefaultExchange(exchange.getContext());
        Message record = recordExchange.getMessage();
        record.setHeader(KafkaConstants.OVERRIDE_TOPIC, Topics.SMOOTHING);
        record.setHeader(KafkaConstants.KEY, aggregate.path(Envelope.ID).asText());
        record.setHeader(RecordHeaders.CONTENT_TYPE, Envelope.STRUCTURED_CONTENT_TYPE);
        record.setHeader(WINDOW_MS_HEADER, Long.toString(window.toMillis()));
        record.setBody(mapper.writeValueAsBytes(aggregate));
        return recordExchange;
    }

    // An exchange per record, not a bare message: camel-kafka only propagates record headers from an exchange.
    private Exchange record(Exchange exchange, ObjectNode event) throws JsonProcessingException {
        Exchange recordExchange = new DefaultExchange(exchange.getContext());
        Message record = recordExchange.getMessage();
        record.setHeader(KafkaConstants.OVERRIDE_TOPIC, CanonicalEvent.schemaRef(event).topic());
        record.setHeader(KafkaConstants.KEY, CanonicalEvent.subject(event));
        record.setHeader(RecordHeaders.CONTENT_TYPE, Envelope.STRUCTURED_CONTENT_TYPE);
        record.setBody(mapper.writeValueAsBytes(event));
        return recordExchange;
    }
}
