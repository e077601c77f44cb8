package io.waybill.hub.scoring;

import io.waybill.hub.config.StartupException;
import io.waybill.scoring.Scorer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads every entity's last snapshot from the compacted state topic into the scorer, before the
 * scoring route starts: with the consumer group's committed offsets, that resumes scoring where it
 * stopped instead of reading the canonical topics from the beginning.
 */
public final class ScoringState {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringState.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

    private ScoringState() {
    }

    public static void load(String bootstrapServers, Scorer scorer) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long began = System.nanoTime();
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(ScoringTopics.STATE, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Duration.ofNanos(System.nanoTime() - began).compareTo(LOAD_TIMEOUT) > 0) {
                    throw new StartupException("reading " + ScoringTopics.STATE + " took longer than " + LOAD_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        int skipped = 0;
        for (Map.Entry<String, String> snapshot : latest.entrySet()) {
            try {
                scorer.restore(snapshot.getValue());
            } catch (RuntimeException e) {
                skipped++;
                LOG.warn("Scoring state of {} on {} is not readable, starting it afresh: {}", snapshot.getKey(),
                        ScoringTopics.STATE, e.getMessage());
            }
        }
        LOG.info("Scoring state loaded from {}: {} entities in {} ms{}", ScoringTopics.STATE, latest.size() - skipped,
                Duration.ofNanos(System.nanoTime() - began).toMillis(), skipped == 0 ? "" : " (" + skipped + " unreadable)");
    }
}
