package io.waybill.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling the full path is compared against: a bare producer, configured as STACK.md measured it
 * (acks=all, idempotent, linger 5 ms, 64 KB batches), sending records shaped like a real canonical
 * event to a topic on the same broker.
 */
final class KafkaBaseline implements AutoCloseable {

    /** Bench-only topic, so the canonical topics hold only what the hub wrote. */
    static final String TOPIC = "bench.baseline.v1";

    /** A record as the hub wrote it, to copy. */
    record Sample(String key, byte[] value, Headers headers) {
    }

    /** What a timed pass achieved. */
    record Result(long records, long errors, double seconds, String firstError, double cpuShare, double machineCpuShare) {
        double perSecond() {
            return records / seconds;
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Sample sample;
    private final int shipments;

    private KafkaBaseline(KafkaProducer<String, byte[]> producer, Sample sample, int shipments) {
        this.producer = producer;
        this.sample = sample;
        this.shipments = shipments;
    }

    /** The first record of {@code topic}: a canonical event the hub produced. */
    static Sample sample(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return new Sample(record.key(), record.value(), record.headers());
                }
            }
        }
        throw new IllegalStateException("no record on " + topic + " after the warm-up push");
    }

    /** Records on {@code topic} now: the sum of its end offsets (nothing is deleted during a run). */
    static long recordCount(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Creates the bench topic and a producer configured as STACK.md measured it. */
    static KafkaBaseline open(String bootstrap, int partitions, Sample sample, int shipments) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaBaseline(new KafkaProducer<>(config), sample, shipments);
    }

    /** An untimed pass: the broker's and the producer's code get compiled. */
    void warmUp(int records) {
        pass(records);
    }

    /**
     * {@code passes} timed passes of {@code records}; a pass ends when every record is acknowledged. Keys
     * spread over the shipments like the hub's entity keys.
     */
    List<Result> timedPasses(int records, int passes) {
        List<Result> timed = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            timed.add(pass(records));
        }
        return timed;
    }

    @Override
    public void close() {
        producer.close();
    }

    private Result pass(int records) {
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        MachineCpu.Snapshot machineAtStart = MachineCpu.now();
        long cpuAtStart = MachineCpu.processCpuNanos();
        long began = System.nanoTime();
        for (int i = 0; i < records; i++) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, null,
                    sample.key() + "-" + (i % shipments), sample.value());
            for (Header header : sample.headers()) {
                record.headers().add(header);
            }
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, failure.toString());
                }
            });
        }
        producer.flush();
        long elapsed = System.nanoTime() - began;
        double cpuShare = (MachineCpu.processCpuNanos() - cpuAtStart) / (elapsed * (double) Runtime.getRuntime().availableProcessors());
        return new Result(records, errors.get(), elapsed / 1e9, firstError.get(), cpuShare,
                MachineCpu.now().busyShareSince(machineAtStart));
    }
}
