package io.waybill.hub.carrier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The carriers' poll cursors. They live on the compacted topic {@code waybill.poll.cursors}, keyed by partner, rather
 * than under {@code waybill.data-dir}: the cursor is written by the same producer, to the same Kafka, right after the
 * page's events (so it can never be ahead of them), a second hub instance or a moved one finds it without shared
 * disks, and compaction keeps one record per carrier. The topic is read once, when the first carrier is set up;
 * afterwards this instance's own writes keep the copy here current.
 */
public final class PollCursors {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final String topic;
    private final Map<String, PollCursor> cursors = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public PollCursors(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** The partner's cursor: the last one written, or {@link PollCursor#NONE}. */
    public PollCursor get(String partner) {
        load();
        return cursors.getOrDefault(partner, PollCursor.NONE);
    }

    /** After the cursor's record is on the topic. */
    public void saved(String partner, PollCursor cursor) {
        cursors.put(partner, cursor);
    }

    public static String toJson(String partner, PollCursor cursor) {
        try {
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            record.put("partner", partner);
            record.put("position", cursor.position());
            record.put("nextPage", cursor.nextPage());
            record.put("sweepStartedAt", cursor.sweepStartedAt());
            record.put("updatedAt", cursor.updatedAt());
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        cursors.remove(record.key());
                    } else {
                        cursors.put(record.key(), parse(record.value()));
                    }
                }
            }
        }
        loaded = true;
    }

    private static PollCursor parse(String json) {
        try {
            var node = JSON.readTree(json);
            return new PollCursor(text(node, "position"), text(node, "nextPage"), text(node, "sweepStartedAt"), text(node, "updatedAt"));
        } catch (JsonProcessingException e) {
            return PollCursor.NONE;
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
