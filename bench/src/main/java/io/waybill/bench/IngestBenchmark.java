package io.waybill.bench;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * Full-path ingest benchmark. One hub in this process (embedded Kafka and Artemis, the real YAML
 * routes, the repository's mappings); a bare Kafka producer sends canonical-event-sized records to the
 * same broker (the baseline, timed before and again after the full path), and concurrent clients push
 * signed ACME Freight status batches through {@code POST /api/v1/partners/acme-freight/messages}.
 * Prints events/s for both and their ratio: the hub is judged by the ratio, since absolute rates move
 * with the machine.
 *
 * <p>Exit status: 0 when every push was answered 200 with every item accepted (whatever the rate),
 * 1 when the run failed (a push failed, or the canonical topic does not hold what was accepted),
 * 2 for bad arguments.
 */
public final class IngestBenchmark {

    private static final String PARTNER = "acme-freight";
    private static final String SECRET_VARIABLE = "WAYBILL_SECRET_ACME_FREIGHT";
    private static final String SECRET = "bench-secret-acme";
    private static final int WARMUP_PUSH_ITEMS = 10;
    private static final long PROBE_IDLE_MILLIS = 3_000;
    private static final double NOISY_NEIGHBOUR_SHARE = 0.15;
    private static final int THREAD_POOLS_SHOWN = 12;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.print(BenchOptions.help());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(BenchOptions options) throws Exception {
        Path dataDir = Files.createTempDirectory("waybill-bench");
        try {
            HubSettings settings = settings(dataDir, MappingsDir.locate(PARTNER));
            long starting = System.nanoTime();
            try (WaybillHub hub = WaybillHub.start(settings, Map.of(SECRET_VARIABLE, SECRET))) {
                return measure(options, settings, hub, (System.nanoTime() - starting) / 1_000_000);
            }
        } finally {
            deleteTree(dataDir);
        }
    }

    /** Baseline, full path and check against a started hub; true when nothing failed. */
    private static boolean measure(BenchOptions options, HubSettings settings, WaybillHub hub, long startMillis)
            throws Exception {
        String canonicalTopic = new SchemaRef(EventType.SHIPMENT_STATUS, 1).topic();
        StatusBatches batches = new StatusBatches(Long.toString(System.currentTimeMillis(), 36), options.shipments());
        PushLoad load = new PushLoad(URI.create(hub.httpBaseUrl() + "/api/v1/partners/" + PARTNER + "/messages"),
                SECRET, batches);

        long accepted = load.pushOnce(WARMUP_PUSH_ITEMS);
        KafkaBaseline.Sample sample = KafkaBaseline.sample(hub.bootstrapServers(), canonicalTopic);
        say("hub started in %d ms; warm-up push accepted %d; canonical record: %d bytes, key %s",
                startMillis, accepted, sample.value().length, sample.key());

        say("baseline: bare producer, %,d warm-up + %d x %,d timed records of %d bytes to %s,"
                        + " before and after the full path ...", options.baselineWarmupRecords(), options.baselinePasses(),
                options.baselineRecords(), sample.value().length, KafkaBaseline.TOPIC);
        List<KafkaBaseline.Result> passes = new ArrayList<>();
        List<PushLoad.Result> results = new ArrayList<>();
        long[] idleProbe;
        try (KafkaBaseline bare = KafkaBaseline.open(hub.bootstrapServers(), settings.get(HubSettings.KAFKA_PARTITIONS),
                sample, options.shipments());
             KafkaProbe probe = new KafkaProbe(hub.bootstrapServers(), sample.value())) {
            bare.warmUp(options.baselineWarmupRecords());
            passes.addAll(baselinePasses(bare, options, "before"));

            probe.start();
            Thread.sleep(PROBE_IDLE_MILLIS);
            idleProbe = probe.stop();
            say("synchronous Kafka send with the hub idle: p50 %.2f ms, p99 %.2f ms (%d sends)",
                    Quantiles.millis(idleProbe, 0.5), Quantiles.millis(idleProbe, 0.99), idleProbe.length);
            for (int clients : options.clients()) {
                for (int batch : options.batches()) {
                    Duration untimed = results.isEmpty() ? options.warmup() : options.settle();
                    say("full path: C=%d B=%d, %ds untimed + %ds timed ...", clients, batch,
                            untimed.toSeconds(), options.duration().toSeconds());
                    PushLoad.Result result = load.run(clients, batch, untimed, options.duration(), probe);
                    results.add(result);
                    accepted += result.acceptedEvents();
                    say("full path: C=%d B=%d: %s", clients, batch, result.failures() == 0
                            ? String.format("%,.0f events/s (%,d pushes timed), p50 %.0f ms, p99 %.0f ms",
                            result.eventsPerSecond(), result.requests(), result.latencyMillis(0.50),
                            result.latencyMillis(0.99))
                            : "FAILED, " + result.failures() + " failed pushes");
                }
            }
            // Again with everything compiled and the hub idle: the best pass of both is the baseline.
            passes.addAll(baselinePasses(bare, options, "after"));
        }
        KafkaBaseline.Result baseline = passes.stream().max(Comparator.comparingDouble(KafkaBaseline.Result::perSecond))
                .orElseThrow();
        long written = KafkaBaseline.recordCount(hub.bootstrapServers(), canonicalTopic);
        boolean baselineOk = passes.stream().allMatch(pass -> pass.errors() == 0);
        return report(options, sample, baseline, baselineOk, idleProbe, results, written, accepted);
    }

    private static List<KafkaBaseline.Result> baselinePasses(KafkaBaseline bare, BenchOptions options, String when) {
        List<KafkaBaseline.Result> passes = bare.timedPasses(options.baselineRecords(), options.baselinePasses());
        say("baseline %s: %s records/s (%d errors)", when, passes.stream()
                        .map(pass -> String.format("%,.0f", pass.perSecond())).collect(Collectors.joining(" / ")),
                passes.stream().mapToLong(KafkaBaseline.Result::errors).sum());
        return passes;
    }

    private static boolean report(BenchOptions options, KafkaBaseline.Sample sample, KafkaBaseline.Result baseline,
                                  boolean baselineOk, long[] idleProbe, List<PushLoad.Result> results, long written,
                                  long accepted) {
        System.out.println();
        System.out.println("== Waybill ingest benchmark ==");
        System.out.printf("JVM %s %s, %d cores, max heap %d MB, GC %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+")));
        System.out.printf("baseline: best of %d passes (half before, half after the full path) of N=%,d records of %d bytes,"
                        + " acks=all, idempotent, linger 5 ms, 64 KB batches%n",
                2 * options.baselinePasses(), options.baselineRecords(), sample.value().length);
        System.out.printf("full path: signed pushes of B acme-freight status messages from C clients, %ds warm-up, then"
                        + " %ds settling (after the first) + %ds timed per combination, %d shipments%n",
                options.warmup().toSeconds(), options.settle().toSeconds(), options.duration().toSeconds(), options.shipments());
        System.out.printf("synchronous Kafka send (linger 0, acks=all), hub idle: p50 %.2f ms, p99 %.2f ms%n",
                Quantiles.millis(idleProbe, 0.5), Quantiles.millis(idleProbe, 0.99));
        System.out.println();
        String format = "%-22s %4s %5s %10s %7s %8s %8s %8s %7s %5s %5s %6s%n";
        System.out.printf(format, "run", "C", "B", "events/s", "ratio", "p50 ms", "p99 ms", "sync ms", "CPU/ev", "CPU", "other",
                "GC ms");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(format, "baseline (bare Kafka)", "-", "-",
                baselineOk ? String.format("%,.0f", baseline.perSecond()) : "FAILED", "1.000", "-", "-", "-",
                String.format("%.0f us", baseline.cpuShare() * cores * 1e6 / baseline.perSecond()),
                percent(baseline.cpuShare()), percent(baseline.machineCpuShare() - baseline.cpuShare()), "-");
        for (PushLoad.Result r : results) {
            if (r.failures() == 0) {
                System.out.printf(format, "full path", r.clients(), r.batch(),
                        String.format("%,.0f", r.eventsPerSecond()),
                        String.format("%.3f", r.eventsPerSecond() / baseline.perSecond()),
                        String.format("%.0f", r.latencyMillis(0.50)), String.format("%.0f", r.latencyMillis(0.99)),
                        String.format("%.1f", r.probeMillis(0.50)),
                        String.format("%.0f us", r.processCpuNanos() / 1e3 / Math.max(1, r.events())), percent(r.cpuShare()),
                        percent(r.machineCpuShare() - r.cpuShare()), r.gcMillis());
            } else {
                System.out.printf("%-22s %4d %5d %10s   %d failed pushes%n", "full path", r.clients(), r.batch(),
                        "FAILED", r.failures());
                r.failureSamples().forEach(why -> System.out.println("    " + why));
            }
        }
        System.out.println("(p50/p99: push latency; sync: p50 of one synchronous Kafka send timed during the phase; CPU/ev: this"
                + " process's CPU time per event; CPU: this process, other: the rest of the machine, as shares of all cores)");
        System.out.println();
        if (options.threadCpu()) {
            results.stream().filter(r -> r.events() > 0).forEach(IngestBenchmark::printThreadCpu);
        }

        double busiestNeighbour = DoubleStream.concat(
                        DoubleStream.of(baseline.machineCpuShare() - baseline.cpuShare()),
                        results.stream().mapToDouble(r -> r.machineCpuShare() - r.cpuShare()))
                .filter(share -> !Double.isNaN(share)).max().orElse(0);
        if (busiestNeighbour > NOISY_NEIGHBOUR_SHARE) {
            System.out.printf("WARNING: other processes used up to %.0f%% of the CPU during a timed phase (column 'other'):"
                    + " rates from this run are low and ratios less reliable; run again on a quiet machine%n",
                    busiestNeighbour * 100);
        }
        boolean consistent = written == accepted;
        System.out.printf("canonical records on the topic: %,d; events accepted by the hub: %,d: %s%n", written, accepted,
                consistent ? "consistent" : "MISMATCH");
        boolean failed = !baselineOk || !consistent || results.stream().anyMatch(r -> r.failures() > 0);
        Optional<PushLoad.Result> best = results.stream().filter(r -> r.failures() == 0)
                .max(Comparator.comparingDouble(PushLoad.Result::eventsPerSecond));
        best.ifPresent(r -> System.out.printf("best full path: C=%d B=%d, %,.0f events/s = %.3f x baseline%n",
                r.clients(), r.batch(), r.eventsPerSecond(), r.eventsPerSecond() / baseline.perSecond()));
        boolean pass = !failed && best.filter(r -> r.eventsPerSecond() >= options.bar()).isPresent();
        if (failed) {
            System.out.println("RUN FAILED: a push or the baseline failed, or the topic does not hold what was accepted;"
                    + " rates above are not valid");
        }
        System.out.printf("BAR %d events/s: %s%n", options.bar(), pass ? "PASS" : "FAIL");
        return !failed;
    }

    /** CPU per event by thread pool; what no Java thread accounts for is the JVM's own (JIT, GC). */
    private static void printThreadCpu(PushLoad.Result r) {
        System.out.printf("CPU per event by thread pool, C=%d B=%d (us/event):%n", r.clients(), r.batch());
        long javaThreads = 0;
        int shown = 0;
        for (Map.Entry<String, Long> pool : r.cpuByPool().entrySet()) {
            javaThreads += pool.getValue();
            if (shown++ < THREAD_POOLS_SHOWN) {
                System.out.printf("  %8.1f  %s%n", pool.getValue() / 1e3 / r.events(), pool.getKey());
            }
        }
        System.out.printf("  %8.1f  (JVM: JIT compiler, GC, VM threads)%n", (r.processCpuNanos() - javaThreads) / 1e3 / r.events());
        System.out.println();
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "?" : String.format("%.0f%%", Math.max(0, share) * 100);
    }

    /** Free ports, a throw-away data dir, the repository's mappings; any {@code -Dwaybill.*} given wins. */
    private static HubSettings settings(Path dataDir, Path mappingsDir) {
        return BenchHub.settings(dataDir, mappingsDir, Map.of());
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
