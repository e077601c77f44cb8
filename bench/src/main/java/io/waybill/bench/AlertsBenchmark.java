package io.waybill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.scoring.ScoringTopics;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Telemetry-to-alert latency at a steady rate: a producer sends reefer telemetry to
 * canonical.telemetry.v1 at {@code --rate} events/s; the hub's scoring route raises and clears
 * temperature-excursion alerts; the latency of an alert is from the moment the telemetry event that
 * triggered it was handed to the producer to the moment the alert record is read from alerts.v1 (and,
 * separately, received from the Artemis multicast address {@code alerts}). The baseline, in the same
 * run on the same broker: a bare Kafka produce-to-consume at the same rate.
 */
public final class AlertsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final int STEP_MINUTES = 5;
    private static final int CYCLE = 48;
    private static final int HOT_REPORTS = 4;
    private static final String BASELINE_TOPIC = "bench.latency.v1";
    private static final Duration STRAGGLERS = Duration.ofSeconds(10);

    private AlertsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AlertsOptions options;
        try {
            options = AlertsOptions.parse(args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.print(AlertsOptions.help());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(AlertsOptions options) throws Exception {
        Path dataDir = Files.createTempDirectory("waybill-bench-alerts");
        try (WaybillHub hub = WaybillHub.start(settings(dataDir, MappingsDir.locate("reefer-link")), Map.of())) {
            createTopic(hub.bootstrapServers(), BASELINE_TOPIC);
            say("hub up; %d events/s for %s warm-up + %s timed, %d reefers", options.rate(), options.warmup(),
                    options.duration(), options.assets());
            Result baseline = baseline(hub, options);
            Result[] full = fullPath(hub, options);
            say("hub counters: %s", scoringCounters(hub));
            System.out.println();
            System.out.printf(Locale.ROOT, "%-40s %10s %9s %8s %8s %8s%n", "run", "events/s", "samples", "p50 ms", "p99 ms", "max ms");
            baseline.print("baseline: bare Kafka produce -> consume");
            full[0].print("telemetry -> alert on alerts.v1");
            full[1].print("telemetry -> alert on Artemis 'alerts'");
            double p99 = full[0].quantile(0.99);
            boolean sent = full[0].failures == 0 && full[0].samples.length > 0 && full[1].samples.length > 0;
            System.out.printf(Locale.ROOT, "%nBAR p99 < %d ms (telemetry -> alerts.v1): %s (p99 %.1f ms, %.1fx the baseline's p99)%n",
                    options.barMs(), p99 < options.barMs() ? "PASS" : "FAIL", p99, p99 / baseline.quantile(0.99));
            if (!sent) {
                System.out.println("FAILED: " + full[0].failures + " send failures, " + full[0].samples.length
                        + " alerts on alerts.v1, " + full[1].samples.length + " on Artemis");
            }
            return sent;
        } finally {
            deleteTree(dataDir);
        }
    }

    /** Latency samples of one run. */
    private record Result(double eventsPerSecond, long[] samples, long failures) {
        double quantile(double q) {
            return Quantiles.millis(samples, q);
        }

        void print(String name) {
            System.out.printf(Locale.ROOT, "%-40s %,10.0f %,9d %8.1f %8.1f %8.1f%n", name, eventsPerSecond, samples.length,
                    quantile(0.50), quantile(0.99), quantile(1.0));
        }
    }

    /** Collects latencies of records whose send time falls in the timed phase. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Bare Kafka: the same rate of the same size of record, produced and consumed on the same broker. */
    private static Result baseline(WaybillHub hub, AlertsOptions options) throws Exception {
        Samples samples = new Samples();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong timedFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong timedTo = new AtomicLong(Long.MAX_VALUE);
        Thread reader = tail(hub.bootstrapServers(), BASELINE_TOPIC, done, record -> {
            long now = System.nanoTime();
            long sent = Long.parseLong(record.key().substring(record.key().indexOf('/') + 1));
            if (sent >= timedFrom.get() && sent < timedTo.get()) {
                samples.add(now - sent);
            }
        });
        String payload = telemetry("RFB00000", 0, 0);
        long failures = pace(hub.bootstrapServers(), options, timedFrom, timedTo, (producer, i, failed) -> {
            long now = System.nanoTime();
            producer.send(new ProducerRecord<>(BASELINE_TOPIC, "b/" + now, payload), (metadata, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                }
            });
        });
        awaitQuietly(STRAGGLERS);
        done.set(true);
        reader.join();
        return new Result(options.rate(), samples.sorted(), failures);
    }

    /** Telemetry in, alerts out: read from alerts.v1 and from Artemis. */
    private static Result[] fullPath(WaybillHub hub, AlertsOptions options) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Samples kafka = new Samples();
        Samples artemis = new Samples();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong timedFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong timedTo = new AtomicLong(Long.MAX_VALUE);
        Thread reader = tail(hub.bootstrapServers(), ScoringTopics.ALERTS, done, record -> {
            long now = System.nanoTime();
            record(record.value(), now, sentAt, timedFrom.get(), timedTo.get(), kafka);
        });
        Connection connection = new ActiveMQConnectionFactory(hub.artemisUrl()).createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createTopic(ScoringTopics.ADDRESS_ALERTS)).setMessageListener(message -> {
            long now = System.nanoTime();
            try {
                record(((TextMessage) message).getText(), now, sentAt, timedFrom.get(), timedTo.get(), artemis);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
        int[] reports = new int[options.assets()];
        long failures = pace(hub.bootstrapServers(), options, timedFrom, timedTo, (producer, i, failed) -> {
            int asset = (int) (i % options.assets());
            int report = reports[asset]++;
            String assetId = String.format(Locale.ROOT, "RFB%05d", asset);
            String value = telemetry(assetId, report, asset % CYCLE);
            String id = "bench-" + assetId + "-" + report;
            long now = System.nanoTime();
            sentAt.put(id, now);
            producer.send(new ProducerRecord<>("canonical.telemetry.v1", assetId, value), (metadata, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                }
            });
        });
        awaitQuietly(STRAGGLERS);
        done.set(true);
        reader.join();
        connection.close();
        return new Result[]{new Result(options.rate(), kafka.sorted(), failures), new Result(options.rate(), artemis.sorted(), failures)};
    }

    private static void record(String json, long now, Map<String, Long> sentAt, long from, long to, Samples samples) {
        try {
            String trigger = JSON.readTree(json).path("triggerEventId").asText();
            Long sent = sentAt.get(trigger);
            if (sent != null && sent >= from && sent < to) {
                samples.add(now - sent);
            }
        } catch (IOException e) {
            throw new IllegalStateException("an alert record that is not JSON: " + json, e);
        }
    }

    /** Sends one event: the producer, the event's number, the failure counter. */
    private interface Send {
        void send(KafkaProducer<String, String> producer, long index, AtomicLong failed);
    }

    /** Warm-up, then the timed phase, at a steady rate: event i goes at start + i / rate, never earlier. */
    private static long pace(String bootstrap, AlertsOptions options, AtomicLong timedFrom, AtomicLong timedTo, Send send) {
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            long interval = 1_000_000_000L / options.rate();
            long start = System.nanoTime();
            long warmupEnd = start + options.warmup().toNanos();
            long end = warmupEnd + options.duration().toNanos();
            timedFrom.set(warmupEnd);
            timedTo.set(end);
            for (long i = 0; ; i++) {
                long due = start + i * interval;
                if (due >= end) {
                    break;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                send.send(producer, i, failed);
            }
            producer.flush();
        }
        return failed.get();
    }

    /** A consumer of the topic from its end, on its own thread, until {@code done}. */
    private static Thread tail(String bootstrap, String topic, AtomicBoolean done, Consumer<ConsumerRecord<String, String>> each) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!done.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(each);
                }
            }
        }, "bench-tail-" + topic);
        thread.start();
        return thread;
    }

    /**
     * A reefer's report number {@code report} in canonical form: every reefer reports every 5 minutes of
     * event time, all in step (so none looks silent); its set point is 5 °C (allowed 2-8). One report
     * in {@value #CYCLE} (shifted by the reefer's {@code phase}, so alerts spread evenly) starts
     * {@value #HOT_REPORTS} reports at 9.5 °C: 15 minutes out of range raise an alert, the hour's
     * window draining clears it, so every reefer raises and clears once per 4 hours of event time.
     */
    private static String telemetry(String asset, int report, int phase) {
        Instant time = T0.plusSeconds(report * STEP_MINUTES * 60L);
        ObjectNode data = JSON.createObjectNode().put("assetId", asset).put("eventTime", time.toString())
                .put("eventTimeOffset", "+00:00");
        data.putObject("readings").put("temperatureC", (report + phase) % CYCLE < HOT_REPORTS ? 9.5 : 5.0).put("setpointC", 5.0);
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", "bench-" + asset + "-" + report)
                .put("source", "/waybill/bench/alerts").put("type", "io.waybill.telemetry.v1").put("subject", asset)
                .put("time", time.toString()).put("datacontenttype", "application/json")
                .put("dataschema", "https://schemas.waybill.io/telemetry/v1.schema.json");
        event.set("data", data);
        return event.toString();
    }

    /** The hub's scoring and alert counters from its Prometheus endpoint. */
    private static String scoringCounters(WaybillHub hub) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hub.httpBaseUrl() + "/observe/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return String.join(", ", metrics.lines()
                .filter(line -> line.startsWith("waybill_scoring_") || line.startsWith("waybill_alerts_sent")).toList());
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
    }

    private static void awaitQuietly(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    /** Free ports, a throw-away data dir, the repository's mappings and policies; any {@code -Dwaybill.*} given wins. */
    private static HubSettings settings(Path dataDir, Path mappingsDir) {
        return BenchHub.settings(dataDir, mappingsDir, Map.of(HubSettings.MAPPINGS_WATCH.name(), "false"));
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
