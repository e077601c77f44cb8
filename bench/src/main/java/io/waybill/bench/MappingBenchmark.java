package io.waybill.bench;

import static io.waybill.bench.Measures.digest;
import static io.waybill.bench.Measures.gcMillis;
import static io.waybill.bench.Measures.median;
import static io.waybill.bench.Measures.percent;
import static io.waybill.bench.Measures.say;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.CodeTable;
import io.waybill.mapping.FunctionLibrary;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingDefinition;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Mapping benchmark: how many ACME Freight status messages one thread maps per second, next to bare
 * JSLT running the same transform. One JVM, one measuring thread (the script pins the JVM to one core),
 * three workloads over the same pre-parsed messages:
 * <ol type="a">
 *   <li>bare JSLT: {@code status.jslt} compiled with the mapping's functions and code table, applied to
 *       the message: the floor;</li>
 *   <li>the engine: {@link MappingCatalog#select} then {@link MappingEngine#apply} (identity, transform,
 *       envelope, event id), as the hub's item normalizer calls them;</li>
 *   <li>the engine plus {@link SchemaValidator#validate} of each event: the hub's real cost per event.</li>
 * </ol>
 * Parsing the push body is not part of any workload. After a JIT warm-up the workloads take turns
 * in timed passes; the median pass of each is reported, with the ratios to (a).
 *
 * <p>Exit status: 0 when every message mapped to exactly one valid event (whatever the rate), 1 when
 * not, 2 for bad arguments.
 */
public final class MappingBenchmark {

    private static final String STATUS_MAPPING = "acme-freight.status";
    private static final long WARMUP_SLICE_NANOS = 1_000_000_000L;
    /** More than this share of a timed pass without the measuring thread on the CPU (and not in GC) gets a warning. */
    private static final double STOLEN_SHARE_WARNING = 0.05;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Where every workload's results go, so that the JIT cannot find any of them unused. */
    private static volatile long blackhole;

    private MappingBenchmark() {
    }

    /** One way of mapping a message; the int it returns is a digest of the output, for the blackhole. */
    private record Workload(String label, ToIntFunction<RawDocument> mapOne) {
    }

    /** One timed pass of one workload: mappings done, and where the time went. */
    private record Pass(long mappings, long wallNanos, long cpuNanos, long gcMillis, long allocatedBytes) {
        double perSecond() {
            return mappings * 1e9 / wallNanos;
        }

        /** Per second that the core was this workload's (running, or paused for GC): blind to neighbours. */
        double perCpuSecond() {
            return mappings * 1e9 / (cpuNanos + gcMillis * 1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        MappingOptions options;
        try {
            options = MappingOptions.parse(args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.print(MappingOptions.help());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(MappingOptions options) throws IOException {
        Path partnerDir = MappingsDir.locate(StatusSamples.PARTNER).resolve(StatusSamples.PARTNER);
        // Only ACME's folder: selection looks at the document's partner's mappings alone, so the others
        // would change nothing but the chance that one of them, mid-edit, stops the run.
        MappingCatalog catalog;
        try {
            catalog = new MappingCatalog(MappingLoader.loadPartner(partnerDir));
        } catch (MappingException e) {
            System.out.println("RUN FAILED: " + e.getMessage());
            return false;
        }
        Mapping status = catalog.forPartner(StatusSamples.PARTNER).stream()
                .filter(mapping -> mapping.id().equals(STATUS_MAPPING)).findFirst()
                .orElseThrow(() -> new IllegalStateException(partnerDir + ": no mapping " + STATUS_MAPPING));
        Map<String, CodeTable> tables = tables(status);
        Expression bareTransform = compileTransform(status, tables);
        SchemaValidator validator = SchemaValidator.load();
        Instant receivedAt = Instant.now();
        CodeTable statusCodes = tables.values().iterator().next();
        List<RawDocument> documents = StatusSamples.documents(options.messages(), statusCodes, receivedAt);

        String problem = check(catalog, status, bareTransform, validator, documents, receivedAt);
        if (problem != null) {
            System.out.println("RUN FAILED: " + problem);
            return false;
        }
        say("%s: %d messages map to one valid event each, equal to bare JSLT's output", status, documents.size());

        long[] violationsTimed = new long[1];
        List<Workload> workloads = List.of(
                new Workload("(a) bare JSLT: " + status.definition().transform(),
                        document -> bareTransform.apply(document.body()).size()),
                new Workload("(b) engine: select + apply", document -> {
                    Mapping chosen = catalog.select(document);
                    return (int) digest(MappingEngine.apply(chosen, document, receivedAt));
                }),
                new Workload("(c) engine + schema validation", document -> {
                    Mapping chosen = catalog.select(document);
                    List<ObjectNode> events = MappingEngine.apply(chosen, document, receivedAt);
                    for (ObjectNode event : events) {
                        violationsTimed[0] += validator.validate(event).size();
                    }
                    return (int) digest(events);
                }));
        RawDocument[] messages = documents.toArray(RawDocument[]::new);

        say("warm-up: %ds, the workloads taking turns in 1 s slices ...", options.warmup().toSeconds());
        long warmupEnd = System.nanoTime() + options.warmup().toNanos();
        for (int slice = 0; System.nanoTime() < warmupEnd; slice++) {
            timed(workloads.get(slice % workloads.size()), messages, WARMUP_SLICE_NANOS);
        }

        say("timed: %d passes of %ds per workload, interleaved ...", options.passes(), options.duration().toSeconds());
        Map<Workload, List<Pass>> passes = new LinkedHashMap<>();
        workloads.forEach(workload -> passes.put(workload, new ArrayList<>()));
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitBefore = jit.getTotalCompilationTime();
        long timedStart = System.nanoTime();
        for (int round = 0; round < options.passes(); round++) {
            List<String> rates = new ArrayList<>();
            for (int i = 0; i < workloads.size(); i++) {
                // Each round starts with the next workload, so no workload always follows the same one.
                Workload workload = workloads.get((round + i) % workloads.size());
                Pass pass = timed(workload, messages, options.duration().toNanos());
                passes.get(workload).add(pass);
                rates.add(workload.label().substring(0, 3) + String.format(" %,.0f", pass.perSecond()));
            }
            say("round %d: %s mappings/s", round + 1, String.join(", ", rates));
        }
        long timedNanos = System.nanoTime() - timedStart;
        long jitMillis = jit.getTotalCompilationTime() - jitBefore;
        if (violationsTimed[0] > 0) {
            System.out.println("RUN FAILED: " + violationsTimed[0] + " schema violations during the timed passes of (c)");
            return false;
        }
        report(options, status, documents, passes, jitMillis, timedNanos);
        return true;
    }

    /** Runs {@code workload} round and round over the messages for about {@code nanos}. */
    private static Pass timed(Workload workload, RawDocument[] messages, long nanos) {
        long gcBefore = gcMillis();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long end = start + nanos;
        long mappings = 0;
        int digest = 0;
        long now;
        do {
            for (RawDocument message : messages) {
                digest = 31 * digest + workload.mapOne().applyAsInt(message);
            }
            mappings += messages.length;
            now = System.nanoTime();
        } while (now < end);
        blackhole += digest;
        return new Pass(mappings, now - start, THREADS.getCurrentThreadCpuTime() - cpuBefore, gcMillis() - gcBefore,
                THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
    }

    /**
     * Every message goes to the status mapping and gives exactly one event, valid against the
     * canonical schema, whose data is what bare JSLT makes of the message, with an id of its own.
     * Null when all is well, else what is wrong.
     */
    private static String check(MappingCatalog catalog, Mapping status, Expression bareTransform,
                                SchemaValidator validator, List<RawDocument> documents, Instant receivedAt) {
        Set<String> ids = new HashSet<>();
        for (RawDocument document : documents) {
            String message = document.body().path("msg_id").asText();
            try {
                Mapping chosen = catalog.select(document);
                if (chosen != status) {
                    return message + ": selected " + chosen + ", not " + status;
                }
                List<ObjectNode> events = MappingEngine.apply(chosen, document, receivedAt);
                if (events.size() != 1) {
                    return message + ": " + events.size() + " events, expected exactly 1";
                }
                ObjectNode event = events.get(0);
                List<SchemaValidator.Violation> violations = validator.validate(event);
                if (!violations.isEmpty()) {
                    return message + ": the event is not valid: " + violations;
                }
                if (!bareTransform.apply(document.body()).equals(event.get(Envelope.DATA))) {
                    return message + ": bare JSLT and the engine disagree on the event's data";
                }
                if (!ids.add(event.get(Envelope.ID).asText())) {
                    return message + ": event id " + event.get(Envelope.ID).asText() + " given twice";
                }
            } catch (RuntimeException e) {
                return message + ": " + e;
            }
        }
        return null;
    }

    private static void report(MappingOptions options, Mapping status, List<RawDocument> documents,
                               Map<Workload, List<Pass>> passes, long jitMillis, long timedNanos) {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println();
        System.out.println("== Waybill mapping benchmark ==");
        System.out.printf("JVM %s %s, availableProcessors %d%s, max heap %d MB, GC %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), cores,
                cores == 1 ? " (one core: JIT and GC share it with the measuring thread)"
                        : " (NOT one core: JIT and GC run beside the measuring thread, which flatters the rates)",
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+")));
        long withPosition = documents.stream().filter(d -> d.body().has("lat")).count();
        long withNote = documents.stream().filter(d -> d.body().has("note")).count();
        System.out.printf("mapping %s (%s); %,d distinct status messages, pre-parsed (parsing the push is not counted):"
                        + " %d bytes on average, %d%% with a position, %d%% with a note%n",
                status, status.file(), documents.size(), documents.stream().mapToInt(d -> d.raw().length).sum()
                        / documents.size(), withPosition * 100 / documents.size(), withNote * 100 / documents.size());
        System.out.printf("warm-up %ds; %d timed passes of %ds per workload, interleaved; one thread; median pass reported%n",
                options.warmup().toSeconds(), options.passes(), options.duration().toSeconds());
        System.out.println();

        String format = "%-34s %11s %7s %7s %21s %11s %7s %4s %6s%n";
        System.out.printf(format, "workload", "mappings/s", "vs (a)", "us/map", "passes min..max", "per CPU-s", "KB/map",
                "GC", "stolen");
        double floor = median(passes.values().iterator().next(), Pass::perSecond);
        double floorCpu = median(passes.values().iterator().next(), Pass::perCpuSecond);
        double worstStolen = 0;
        List<double[]> medians = new ArrayList<>();
        for (Map.Entry<Workload, List<Pass>> entry : passes.entrySet()) {
            List<Pass> list = entry.getValue();
            double rate = median(list, Pass::perSecond);
            double cpuRate = median(list, Pass::perCpuSecond);
            medians.add(new double[] {rate, cpuRate});
            long mappings = list.stream().mapToLong(Pass::mappings).sum();
            long wall = list.stream().mapToLong(Pass::wallNanos).sum();
            double gcShare = list.stream().mapToLong(Pass::gcMillis).sum() * 1e6 / wall;
            double stolen = Math.max(0, 1 - list.stream().mapToLong(Pass::cpuNanos).sum() / (double) wall - gcShare);
            worstStolen = Math.max(worstStolen, stolen);
            double[] rates = list.stream().mapToDouble(Pass::perSecond).sorted().toArray();
            System.out.printf(format, entry.getKey().label(), String.format("%,.0f", rate),
                    String.format("%.3f", rate / floor), String.format("%.2f", 1e6 / rate),
                    String.format("%,.0f..%,.0f", rates[0], rates[rates.length - 1]), String.format("%,.0f", cpuRate),
                    String.format("%.1f", list.stream().mapToLong(Pass::allocatedBytes).sum() / 1024.0 / mappings),
                    percent(gcShare), percent(stolen));
        }
        System.out.println("(mappings/s: median pass, wall clock; us/map: 1e6 / mappings/s; per CPU-s: median pass, per second"
                + " the measuring thread ran or was paused for GC; KB/map: heap allocated per mapping; GC: share of the"
                + " timed passes in collector pauses; stolen: share in which the measuring thread was neither running nor"
                + " paused for GC)");
        System.out.println();
        double engine = medians.get(1)[0];
        double validated = medians.get(2)[0];
        System.out.printf("(b)/(a) = %.3f (per CPU-s %.3f): the engine around the transform adds %.2f us per mapping"
                        + " (selection, identity, variables, envelope, event id)%n",
                engine / floor, medians.get(1)[1] / floorCpu, 1e6 / engine - 1e6 / floor);
        System.out.printf("(c)/(a) = %.3f (per CPU-s %.3f): schema validation adds a further %.2f us per event%n",
                validated / floor, medians.get(2)[1] / floorCpu, 1e6 / validated - 1e6 / engine);
        if (jitMillis > timedNanos / 1_000_000 / 50) {
            System.out.printf("WARNING: the JIT compiled for %d ms during the timed passes: warm-up too short"
                    + " (try --warmup=60s)%n", jitMillis);
        }
        if (worstStolen > STOLEN_SHARE_WARNING) {
            System.out.printf("WARNING: the measuring thread was off the CPU for up to %.0f%% of a workload's passes"
                    + " (column 'stolen'): another process (or, if the JIT warning shows, the compiler) shared its core;"
                    + " those rates are low: run again on a quiet machine%n", worstStolen * 100);
        }
        // Judged on the wall clock; the rate per CPU second says what a core of its own would have done.
        System.out.printf("BAR %d mappings/s on one core, engine (b): %s (%,.0f mappings/s; %,.0f per CPU-s)%n",
                options.bar(), engine >= options.bar() ? "PASS" : "FAIL", engine, medians.get(1)[1]);
        System.out.printf("(blackhole %d)%n", blackhole);
    }

    /** The mapping's code tables, loaded again from its files as {@link MappingLoader} loads them. */
    private static Map<String, CodeTable> tables(Mapping mapping) {
        Map<String, CodeTable> tables = new LinkedHashMap<>();
        Map<String, MappingDefinition.Table> declared = mapping.definition().tables();
        if (declared != null) {
            declared.forEach((name, table) -> tables.put(name, CodeTable.load(mapping.id(), name,
                    mapping.file().resolveSibling(table.file()), table.defaultValue())));
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException(mapping.file() + ": the status mapping declares no code table");
        }
        return tables;
    }

    /** The mapping's transform file compiled as {@link MappingLoader} compiles it, with the same functions. */
    private static Expression compileTransform(Mapping mapping, Map<String, CodeTable> tables) throws IOException {
        Path file = mapping.file().resolveSibling(mapping.definition().transform());
        try (StringReader source = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            return new Parser(source).withSource(file.toString())
                    .withFunctions(FunctionLibrary.forMapping(mapping.id(), tables)).compile();
        } catch (JsltException e) {
            throw new IllegalStateException(file + " does not compile: " + e.getMessage(), e);
        }
    }





}
