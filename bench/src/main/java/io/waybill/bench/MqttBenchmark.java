package io.waybill.bench;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.Stream;


/**
 * QoS 1 telemetry through the whole MQTT path: devices publish Coldchain Gateways readings to the
 * hub's embedded Artemis, the hub subscribes (shared subscription, persistent session, manual
 * acknowledgements), archives, maps, validates, deduplicates and publishes them to
 * {@code canonical.telemetry.v1}; the rate is records arriving there. Next to it, in the same run
 * and on the same broker, the broker's own rate: the same publishers, the same payloads, QoS 1, to a
 * bare subscriber that only counts. Ratio = full path / best bare pass.
 */
public final class MqttBenchmark {

    static final String[][] DECLARED = {
            {"publishers", "4", "MQTT publisher connections"},
            {"inflight", "5000", "messages published but not yet arrived (on canonical.telemetry.v1, or at the bare subscriber), in all"},
            {"devices", "200", "gateways the readings come from (topics telemetry/coldchain-gateways/CG-xxxx/readings)"},
            {"warmup", "180s", "untimed load before each timed phase of the full path (on 2 cores the JIT compiler still took 9-29 us per message after 60 s, 2-5 after 180 s); the bare passes get a third of it"},
            {"duration", "30s", "each timed phase"},
            {"bar", "20000", "messages/s the full path must reach"},
            {"bar-ratio", "0.5", "share of the bare broker rate the full path must reach"},
            {"broker", "artemis", "the MQTT broker: artemis (the hub's embedded one, in this JVM) or mosquitto (/usr/sbin/mosquitto, its own process; its CPU is counted with this process's)"},
            {"thread-cpu", "false", "also print each timed phase's CPU per message by thread pool (true or false)"},
    };

    private static final String PARTNER = "coldchain-gateways";
    private static final String TELEMETRY = "canonical.telemetry.v1";

    private MqttBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values;
        try {
            values = BenchOptions.values(DECLARED, args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.print(BenchOptions.help(DECLARED));
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Options options;
        try {
            options = new Options(BenchOptions.positive(values, "publishers"), BenchOptions.positive(values, "inflight"),
                BenchOptions.positive(values, "devices"), BenchOptions.duration(values, "warmup"),
                BenchOptions.duration(values, "duration"), BenchOptions.positive(values, "bar"),
                Double.parseDouble(values.get("bar-ratio")), Boolean.parseBoolean(values.get("thread-cpu")), broker(values.get("broker")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private record Options(int publishers, int inflight, int devices, Duration warmup, Duration duration, int bar, double barRatio,
                           boolean threadCpu, String broker) {
    }

    private static String broker(String name) {
        if (!List.of("artemis", "mosquitto").contains(name)) {
            throw new IllegalArgumentException("--broker: artemis or mosquitto, not '" + name + "'");
        }
        return name;
    }

    /**
     * A timed phase: messages/s, this process's and everybody else's share of the machine, and this
     * process's CPU per message (less at the mercy of neighbours than the rate), in all and by thread pool.
     */
    private record Pass(String name, double rate, double cpuShare, double otherShare, double cpuMicrosPerMessage,
                        long messages, long processCpuNanos, long brokerCpuNanos, Map<String, Long> cpuByPool,
                        Map<String, Long> jvmCpuByKind) {
    }

    private static boolean run(Options options) throws Exception {
        Path dataDir = Files.createTempDirectory("waybill-bench-mqtt");
        MosquittoBroker mosquitto = "mosquitto".equals(options.broker) ? MosquittoBroker.start(dataDir) : null;
        Map<String, String> extra = mosquitto == null ? Map.of() : Map.of(HubSettings.MQTT_URL.name(), mosquitto.url());
        brokerCpu = mosquitto == null ? () -> 0L
                : () -> mosquitto.handle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        try (WaybillHub hub = WaybillHub.start(settings(dataDir, extra), Map.of())) {
            say("hub started; MQTT %s (%s), Kafka %s; %d publishers, %d messages in flight end to end, %d devices", hub.mqttUrl(),
                    options.broker, hub.bootstrapServers(), options.publishers, options.inflight, options.devices);
            long base = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
            LongFunction<byte[]> reading = seq -> ("{\"device_id\":\"" + device(seq, options) + "\",\"ts\":" + (base + seq)
                    + ",\"asset\":\"TRLR-" + (seq % options.devices) + "\",\"temp\":3.4,\"humidity\":71.5,\"door\":\"closed\","
                    + "\"battery\":87,\"setpoint\":4.0,\"gps\":{\"lat\":51.9225,\"lon\":4.47917}}").getBytes(StandardCharsets.UTF_8);
            List<Pass> bare = new ArrayList<>();
            bare.add(barePass(hub, options, reading, "bare broker (1)"));
            Pass full;
            long published;
            Semaphore window = new Semaphore(options.inflight);
            try (Counter canonical = Counter.onTopic(hub.bootstrapServers(), TELEMETRY, window)) {
                AtomicLong seq = new AtomicLong();
                try (Load load = new Load(hub.mqttUrl(), options, s -> "telemetry/" + PARTNER + "/" + device(s, options) + "/readings",
                        reading, seq, window)) {
                    load.sleep(options.warmup);
                    full = measure("full path", options.duration, canonical::count, load);
                }
                published = seq.get();
                if (options.threadCpu) {
                    printProducerRequests();
                }
                waitUntil(Duration.ofMinutes(3), () -> canonical.count() >= published);
                say("check: %,d readings acknowledged by the broker, %,d events on %s", published, canonical.count(), TELEMETRY);
                if (canonical.count() != published) {
                    say("RUN FAILED: the counts differ");
                    return false;
                }
            }
            bare.add(barePass(hub, options, reading, "bare broker (2)"));
            Pass best = bare.stream().max(Comparator.comparingDouble(Pass::rate)).orElseThrow();
            double ratio = full.rate / best.rate;
            if (options.threadCpu) {
                for (Pass pass : List.of(bare.get(0), bare.get(1), full)) {
                    printThreadCpu(pass);
                }
            }
            if (mosquitto != null) {
                System.out.printf(Locale.ROOT, "%nMosquitto's CPU is counted in CPU and CPU us/msg.%n");
            }
            System.out.printf(Locale.ROOT, "%n%-20s %12s %8s %6s %6s %10s%n", "run", "messages/s", "ratio", "CPU", "other", "CPU us/msg");
            for (Pass pass : List.of(bare.get(0), bare.get(1), full)) {
                System.out.printf(Locale.ROOT, "%-20s %,12.0f %8.3f %6s %6s %10.0f%n", pass.name, pass.rate, pass.rate / best.rate,
                        Measures.percent(pass.cpuShare), Measures.percent(pass.otherShare), pass.cpuMicrosPerMessage);
            }
            boolean rateMet = full.rate >= options.bar;
            boolean ratioMet = ratio >= options.barRatio;
            System.out.printf(Locale.ROOT, "BAR %d messages/s: %s%nBAR %.2f of the bare broker: %s (%.3f)%n", options.bar,
                    rateMet ? "PASS" : "FAIL", options.barRatio, ratioMet ? "PASS" : "FAIL", ratio);
            if (Stream.of(bare.get(0), bare.get(1), full).anyMatch(p -> p.otherShare > 0.15)) {
                System.out.println("WARNING: other processes took more than 15% of the CPU in a timed phase: rates are low");
            }
            return true;
        } finally {
            if (mosquitto != null) {
                mosquitto.close();
            }
            deleteTree(dataDir);
        }
    }

    /** CPU nanoseconds of a broker outside this process (Mosquitto), counted as this process's; 0 for the embedded Artemis. */
    private static java.util.function.LongSupplier brokerCpu = () -> 0L;

    private static String device(long seq, Options options) {
        return String.format(Locale.ROOT, "CG-%04d", seq % options.devices);
    }

    /** The same publishers and payloads to bench/bare/..., QoS 1, to a subscriber that only counts (and acknowledges). */
    private static Pass barePass(WaybillHub hub, Options options, LongFunction<byte[]> reading, String name) throws Exception {
        AtomicLong received = new AtomicLong();
        Semaphore window = new Semaphore(options.inflight);
        MqttClient subscriber = new MqttClient(hub.mqttUrl(), "bench-bare-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions connect = new MqttConnectionOptions();
        connect.setCleanStart(true);
        connect.setReceiveMaximum(65_535);
        // A callback, not a listener per subscription: paho 1.2.5's subscribe(topic, qos, listener) recurses forever.
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
                window.release();
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        subscriber.connect(connect);
        subscriber.subscribe("bench/bare/#", 1);
        try (Load load = new Load(hub.mqttUrl(), options, s -> "bench/bare/" + device(s, options), reading, new AtomicLong(), window)) {
            load.sleep(options.warmup.dividedBy(3));
            return measure(name, options.duration, received::get, load);
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private static Pass measure(String name, Duration duration, java.util.function.LongSupplier count, Load load) throws InterruptedException {
        MachineCpu.Snapshot machine = MachineCpu.now();
        ThreadCpu threads = ThreadCpu.start();
        long brokerAtStart = brokerCpu.getAsLong();
        long cpu = MachineCpu.processCpuNanos() + brokerAtStart;
        long started = System.nanoTime();
        long before = count.getAsLong();
        load.sleep(duration);
        long after = count.getAsLong();
        long brokerUsed = brokerCpu.getAsLong() - brokerAtStart;
        long cpuUsed = MachineCpu.processCpuNanos() + brokerUsed + brokerAtStart - cpu;
        Map<String, Long> cpuByPool = threads.sinceStart();
        Map<String, Long> jvmCpu = threads.jvmSinceStart();
        double seconds = (System.nanoTime() - started) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double cpuShare = cpuUsed / 1e9 / seconds / cores;
        double machineShare = MachineCpu.now().busyShareSince(machine);
        long messages = after - before;
        Pass pass = new Pass(name, messages / seconds, cpuShare, Math.max(0, machineShare - cpuShare),
                messages == 0 ? Double.NaN : cpuUsed / 1e3 / messages, messages, cpuUsed, brokerUsed, cpuByPool, jvmCpu);
        say("%s: %,.0f messages/s", name, pass.rate);
        return pass;
    }

    private static final int THREAD_POOLS_SHOWN = 18;

    /**
     * How the hub's Kafka producers batched what they sent so far (their JMX metrics): records per
     * produce request, and the average batch, per producer and the topics it wrote.
     */
    private static void printProducerRequests() throws javax.management.JMException {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        System.out.printf(Locale.ROOT, "%nKafka producers (requests, records per request, average batch bytes: topics and records):%n");
        for (javax.management.ObjectName producer : server.queryNames(new javax.management.ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
            String client = producer.getKeyProperty("client-id");
            StringBuilder topics = new StringBuilder();
            for (javax.management.ObjectName topic : server.queryNames(new javax.management.ObjectName(
                    "kafka.producer:type=producer-topic-metrics,client-id=" + client + ",*"), null)) {
                topics.append(' ').append(topic.getKeyProperty("topic")).append('=')
                        .append(String.format(Locale.ROOT, "%,.0f", (Double) server.getAttribute(topic, "record-send-total")));
            }
            System.out.printf(Locale.ROOT, "  %-12s %,10.0f requests %8.1f records/request %9.0f B/batch %s%n", client,
                    (Double) server.getAttribute(producer, "request-total"),
                    (Double) server.getAttribute(producer, "records-per-request-avg"),
                    (Double) server.getAttribute(producer, "batch-size-avg"), topics);
        }
    }

    /** Where this process's CPU went in a timed phase, per message, by thread pool (the hub's, the brokers', the bench's). */
    private static void printThreadCpu(Pass pass) {
        System.out.printf(Locale.ROOT, "%nCPU per message by thread pool, %s (us/message):%n", pass.name);
        long javaThreads = 0;
        int shown = 0;
        for (Map.Entry<String, Long> pool : pass.cpuByPool.entrySet()) {
            javaThreads += pool.getValue();
            if (shown++ < THREAD_POOLS_SHOWN) {
                System.out.printf(Locale.ROOT, "  %8.1f  %s%n", pool.getValue() / 1e3 / pass.messages, pool.getKey());
            }
        }
        if (pass.brokerCpuNanos > 0) {
            System.out.printf(Locale.ROOT, "  %8.1f  (Mosquitto, its own process)%n", pass.brokerCpuNanos / 1e3 / pass.messages);
        }
        long jvmThreads = 0;
        for (Map.Entry<String, Long> kind : pass.jvmCpuByKind.entrySet()) {
            jvmThreads += kind.getValue();
            System.out.printf(Locale.ROOT, "  %8.1f  (JVM: %s)%n", kind.getValue() / 1e3 / pass.messages, kind.getKey());
        }
        System.out.printf(Locale.ROOT, "  %8.1f  (JVM: %s)%n", (pass.processCpuNanos - pass.brokerCpuNanos - javaThreads - jvmThreads)
                / 1e3 / pass.messages, jvmThreads == 0 ? "JIT compiler, GC, VM threads" : "other threads");
    }

    /**
     * Publishers that keep at most {@code window} messages published but not yet arrived at the far end
     * (which releases a permit per arrival), until closed: the rate is the path's, with no backlog
     * growing in the broker.
     */
    private static final class Load implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private final List<MqttAsyncClient> clients = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong failures = new AtomicLong();

        Load(String url, Options options, LongFunction<String> topic, LongFunction<byte[]> payload, AtomicLong acknowledged,
             Semaphore window) throws MqttException {
            AtomicLong next = new AtomicLong();
            for (int p = 0; p < options.publishers; p++) {
                MqttAsyncClient client = new MqttAsyncClient(url, "bench-publisher-" + p + "-" + System.nanoTime(), new MemoryPersistence());
                MqttConnectionOptions connect = new MqttConnectionOptions();
                connect.setCleanStart(true);
                client.connect(connect).waitForCompletion(30_000);
                clients.add(client);
                MqttActionListener done = new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        acknowledged.incrementAndGet();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable exception) {
                        failures.incrementAndGet();
                        window.release();
                    }
                };
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            if (!window.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                                continue;
                            }
                            long seq = next.getAndIncrement();
                            client.publish(topic.apply(seq), payload.apply(seq), 1, false, null, done);
                        } catch (InterruptedException e) {
                            return;
                        } catch (MqttException e) {
                            // Client-side back-pressure (too many publishes in progress): give the slot back, go on.
                            window.release();
                            Thread.onSpinWait();
                        }
                    }
                }, "bench-publisher-" + p);
                thread.start();
                threads.add(thread);
            }
        }

        void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Thread thread : threads) {
                thread.interrupt();
                thread.join();
            }
            for (MqttAsyncClient client : clients) {
                waitUntil(Duration.ofMinutes(2), () -> client.getPendingTokens().length == 0);
                client.disconnect().waitForCompletion(10_000);
                client.close();
            }
            if (failures.get() > 0) {
                say("%,d publishes failed", failures.get());
            }
        }
    }

    /** Counts the records arriving on a topic from now on. */
    private static final class Counter implements AutoCloseable {
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Counter(String bootstrap, String topic, Semaphore window) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-mqtt-" + System.nanoTime());
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties);
            consumer.subscribe(List.of(topic));
            // Joined and positioned at the end before any load starts.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.assignment().forEach(partition -> consumer.position(partition));
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        int arrived = consumer.poll(Duration.ofMillis(100)).count();
                        count.addAndGet(arrived);
                        window.release(arrived);
                    }
                }
            }, "bench-canonical-counter");
            thread.start();
        }

        static Counter onTopic(String bootstrap, String topic, Semaphore window) {
            return new Counter(bootstrap, topic, window);
        }

        long count() {
            return count.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /** Free ports, a throw-away data dir, the repository's mappings; any {@code -Dwaybill.*} given wins. */
    private static HubSettings settings(Path dataDir, Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(extra);
        all.put(HubSettings.MAPPINGS_WATCH.name(), "false");
        all.put(HubSettings.MQTT_CLIENT_ID.name(), "waybill-bench");
        return BenchHub.settings(dataDir, MappingsDir.locate(PARTNER), all);
    }

    /** Polls every 100 ms until {@code done} or the time is up; false when it is up. */
    private static boolean waitUntil(Duration atMost, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
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
