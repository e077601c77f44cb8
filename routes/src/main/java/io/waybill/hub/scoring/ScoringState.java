package io.waybill.hub.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.config.StartupException;
import io.waybill.scoring.Scorer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the last scoring checkpoint from the compacted state topic before the scoring route starts:
 * every entity's state into the scorer, and the positions that state covers into the consumer group
 * (see {@link ScoringCheckpoints}). The group's committed offsets may be ahead of them, by what was
 * scored after the checkpoint; the group is moved back, so that is read and scored again rather than
 * lost, and scoring resumes where the state stops instead of at the beginning of the canonical topics.
 */
public final class ScoringState {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringState.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScoringState() {
    }

    /**
     * Loads the state into the scorer and moves the group back to the checkpoint. Returns where
     * scoring resumes ({@code <topic>/<partition>} to the next offset): the checkpoint's positions,
     * or the group's committed offsets when there is no checkpoint.
     */
    public static Map<String, Long> load(String bootstrapServers, Scorer scorer) {
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
        String checkpoint = latest.remove(ScoringCheckpoints.CHECKPOINT_KEY);
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
        return resumeFrom(bootstrapServers, checkpoint);
    }

    /**
     * Moves the scoring group's committed offsets back to the checkpoint's positions where they are
     * ahead; a partition the checkpoint does not cover is read from its beginning. Without a
     * checkpoint (none written yet, or an unreadable one) the committed offsets stay.
     */
    private static Map<String, Long> resumeFrom(String bootstrapServers, String checkpoint) {
        Map<String, Long> positions = null;
        if (checkpoint != null) {
            try {
                positions = JSON.readValue(checkpoint, ScoringCheckpoints.Positions.class).positions();
            } catch (IOException e) {
                LOG.warn("The scoring checkpoint on {} is not readable ({}): scoring resumes from the group's committed offsets",
                        ScoringTopics.STATE, e.getMessage());
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ScoringTopics.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (positions == null) {
                Map<String, Long> resume = new HashMap<>();
                committed.forEach((partition, offset) -> {
                    if (offset != null) {
                        resume.put(partition.topic() + "/" + partition.partition(), offset.offset());
                    }
                });
                return resume;
            }
            Map<TopicPartition, OffsetAndMetadata> back = new HashMap<>();
            Set<TopicPartition> uncovered = new HashSet<>();
            long again = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getValue() == null) {
                    continue;
                }
                Long position = positions.get(entry.getKey().topic() + "/" + entry.getKey().partition());
                if (position == null) {
                    uncovered.add(entry.getKey());
                    again += entry.getValue().offset();
                } else if (position < entry.getValue().offset()) {
                    back.put(entry.getKey(), new OffsetAndMetadata(position));
                    again += entry.getValue().offset() - position;
                }
            }
            if (!back.isEmpty()) {
                admin.alterConsumerGroupOffsets(ScoringTopics.GROUP_ID, back).all().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            if (!uncovered.isEmpty()) {
                admin.deleteConsumerGroupOffsets(ScoringTopics.GROUP_ID, uncovered).all().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            if (again > 0) {
                LOG.info("Scoring resumes from its last checkpoint: {} event(s) scored after it are read again", again);
            }
            return positions;
        } catch (ExecutionException | TimeoutException e) {
            // A running member (another hub in the group) refuses the change; it has the partitions' state anyway.
            LOG.warn("Scoring could not move group {} back to its checkpoint ({}): it resumes from the committed offsets",
                    ScoringTopics.GROUP_ID, String.valueOf(e.getCause() == null ? e : e.getCause()));
            return positions == null ? Map.of() : positions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while moving scoring back to its checkpoint", e);
        }
    }
}
