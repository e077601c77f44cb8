package io.waybill.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Times one synchronous send ({@code send(...).get()}, linger 0, acks=all, idempotent: how the hub's
 * idempotent repository records each event id) to the bench topic, one record every few
 * milliseconds. Its latency is the floor under any step that waits for Kafka per event, and shows
 * how much waiting the broker and the CPU add under load.
 */
final class KafkaProbe implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 20;

    private final KafkaProducer<String, byte[]> producer;
    private final byte[] value;
    private volatile boolean running;
    private Thread thread;
    private long[] samples = new long[4096];
    private int count;

    KafkaProbe(String bootstrap, byte[] value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        this.value = value;
    }

    /** Starts timing sends in the background, forgetting earlier samples. */
    synchronized void start() {
        count = 0;
        running = true;
        thread = new Thread(this::loop, "kafka-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops and returns the sorted send latencies in nanoseconds. */
    long[] stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (this) {
            long[] sorted = Arrays.copyOf(samples, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private void loop() {
        long n = 0;
        while (running) {
            long began = System.nanoTime();
            try {
                producer.send(new ProducerRecord<>(KafkaBaseline.TOPIC, "probe-" + n++, value)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                continue;
            }
            record(System.nanoTime() - began);
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    @Override
    public void close() {
        producer.close();
    }
}
