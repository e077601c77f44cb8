package io.waybill.hub.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.scoring.Scorer;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Writes scoring checkpoints to the compacted state topic, off the scoring route's path: the state
 * of every entity changed since the last checkpoint, then, once Kafka has all of it, a checkpoint
 * record with the canonical topics' positions that state covers. At start-up, {@link ScoringState}
 * loads the state and moves the consumer group back to those positions, so what was scored after
 * the last checkpoint is read and scored again (its alert steps keep their ids: Artemis drops them
 * as duplicates, readers of alerts.v1 may see a record twice) and nothing is lost.
 *
 * <p>Why not a route: a checkpoint holds every changed entity's window (megabytes for thousands of
 * reefers), and the scoring route must not wait for it; this writer works on its own thread, one
 * checkpoint after the other, in order. Why not per batch: writing each touched entity's whole
 * window after every batch made state most of what the hub wrote, and its Kafka round trip most of an
 * alert's latency. A checkpoint is taken every {@code waybill.scoring.checkpoint-seconds} when
 * anything changed, between two batches, and once more when the hub stops, after the scoring
 * route's last batch.
 *
 * <p>A checkpoint Kafka refuses is kept and written with the next one (the newer state of an entity
 * wins), so no entity's change is forgotten.
 */
public final class ScoringCheckpoints extends ServiceSupport {

    /** The checkpoint record's key on the state topic; entity keys are {@code asset/...} or {@code shipment/...}. */
    public static final String CHECKPOINT_KEY = "~checkpoint";

    private static final Logger LOG = LoggerFactory.getLogger(ScoringCheckpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON_TYPE = "application/json";

    /** One checkpoint: the entities' state and the positions it covers ({@code <topic>/<partition>} to the next offset). */
    public record Cut(List<Scorer.Snapshot> snapshots, Map<String, Long> positions) {
    }

    /** The checkpoint record's value. */
    public record Positions(Map<String, Long> positions) {
    }

    private final String bootstrapServers;
    private final Duration interval;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "waybill-scoring-checkpoints");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private KafkaProducer<String, byte[]> producer;
    private Supplier<Cut> cuts = () -> null;
    /** Snapshots of a checkpoint Kafka refused, written again with the next one. */
    private Map<String, Scorer.Snapshot> unwritten = new LinkedHashMap<>();

    public ScoringCheckpoints(String bootstrapServers, Duration interval) {
        this.bootstrapServers = bootstrapServers;
        this.interval = interval;
    }

    /** Where checkpoints come from: a cut of the scoring state, or null when there is none to take now. */
    void setCuts(Supplier<Cut> cuts) {
        this.cuts = cuts;
    }

    @Override
    protected void doStart() {
        synchronized (lock) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.CLIENT_ID_CONFIG, "waybill-scoring-checkpoints"),
                    new StringSerializer(), (topic, bytes) -> bytes);
        }
        writer.scheduleWithFixedDelay(this::checkpoint, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The scoring route has stopped by now: one last checkpoint after its last batch, then the writer ends. */
    @Override
    protected void doStop() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(SEND_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
            LOG.warn("A scoring checkpoint was still being written at stop; the last one is written anyway");
        }
        checkpoint();
        synchronized (lock) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
                producer = null;
            }
        }
    }

    private void checkpoint() {
        try {
            Cut cut = cuts.get();
            if (cut != null) {
                writeNow(cut);
            }
        } catch (RuntimeException e) {
            // Never let the schedule die: the next tick tries again.
            LOG.error("Taking a scoring checkpoint failed", e);
        }
    }

    private void writeNow(Cut cut) {
        Map<String, Scorer.Snapshot> snapshots = new LinkedHashMap<>(unwritten);
        cut.snapshots().forEach(s -> snapshots.put(s.entity(), s));
        long began = System.nanoTime();
        try {
            synchronized (lock) {
                if (producer == null) {
                    throw new IllegalStateException("the checkpoint writer is stopped");
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>(snapshots.size());
                for (Scorer.Snapshot snapshot : snapshots.values()) {
                    sent.add(producer.send(record(snapshot.entity(), snapshot.json().getBytes(StandardCharsets.UTF_8))));
                }
                awaitAll(sent);
                // Only once all of the state is in Kafka may a restart start from these positions.
                awaitAll(List.of(producer.send(record(CHECKPOINT_KEY,
                        JSON.writeValueAsBytes(new Positions(new TreeMap<>(cut.positions())))))));
            }
            unwritten = new LinkedHashMap<>();
            LOG.debug("Scoring checkpoint: {} entities in {} ms", snapshots.size(), (System.nanoTime() - began) / 1_000_000);
        } catch (ExecutionException | TimeoutException | JsonProcessingException | RuntimeException e) {
            unwritten = snapshots;
            LOG.error("A scoring checkpoint of {} entities was not written ({}); it is tried again with the next one, and a restart"
                    + " meanwhile reads again from the one before", snapshots.size(), String.valueOf(e));
        } catch (InterruptedException e) {
            unwritten = snapshots;
            Thread.currentThread().interrupt();
        }
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ScoringTopics.STATE, key, value);
        record.headers().add(RecordHeaders.CONTENT_TYPE, JSON_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static void awaitAll(List<Future<RecordMetadata>> sent) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        for (Future<RecordMetadata> future : sent) {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
