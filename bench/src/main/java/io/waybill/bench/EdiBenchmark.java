package io.waybill.bench;

import static io.waybill.bench.Measures.digest;
import static io.waybill.bench.Measures.gcMillis;
import static io.waybill.bench.Measures.median;
import static io.waybill.bench.Measures.percent;
import static io.waybill.bench.Measures.say;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.edi.EdiContext;
import io.waybill.adapter.edi.EdiFinding;
import io.waybill.adapter.edi.EdiReadResult;
import io.waybill.adapter.edi.EdiReader;
import io.waybill.adapter.edi.EdiStatus;
import io.waybill.adapter.edi.EdiTransaction;
import io.waybill.adapter.edi.InterchangeSummary;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.CodeTable;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingDefinition;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * EDI benchmark: how many MB and transactions per second of X12 214s one thread takes from bytes to
 * valid canonical events, next to StAEDI merely lexing the same bytes. One JVM, one measuring thread
 * (the script pins the JVM to one core), four workloads, each reading the same generated file
 * ({@link Edi214Samples}) whole, from a {@link ByteArrayInputStream}, again and again:
 * <ol type="a">
 *   <li>StAEDI lexing: an {@link EDIStreamReader} with no control or transaction schema, taking the text
 *       of every segment tag and element and building nothing: the floor of parsing;</li>
 *   <li>{@link EdiReader}: raw documents with their loops, envelope checks, element checks;</li>
 *   <li>(b) and, for every transaction as it is delivered, {@link MappingCatalog#select} then
 *       {@link MappingEngine#apply};</li>
 *   <li>(c) and {@link SchemaValidator#validate} of every event: the hub's real cost per received file,
 *       short of archiving it, acknowledging it and sending the events.</li>
 * </ol>
 * After a JIT warm-up the workloads take turns in timed passes; the median pass of each is reported,
 * with the ratios to (a).
 *
 * <p>Exit status: 0 when the file was read cleanly and every transaction mapped to valid events
 * (whatever the rate), 1 when not, 2 for bad arguments.
 */
public final class EdiBenchmark {

    /** The 214 mapping, by its file name in the partner's folder (its id is the author's to choose). */
    private static final String MAPPING_FILE = "status-214.mapping.yaml";
    /** The mapping's table of AT701 status codes, which the generated 214s rotate through. */
    private static final String STATUS_TABLE = "status";
    /** The channel of the raw documents when the mapping accepts any: files dropped into the inbox. */
    private static final String DEFAULT_CHANNEL = "drop";
    private static final long WARMUP_SLICE_NANOS = 1_000_000_000L;
    /** More than this share of a timed pass without the measuring thread on the CPU (and not in GC) gets a warning. */
    private static final double STOLEN_SHARE_WARNING = 0.05;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** StAEDI logs every unused type of a schema it loads, at INFO; held here so that its level holds. */
    private static final Logger STAEDI_LOG = Logger.getLogger("io.xlate.edi");

    /** Where every workload's digests go, so that the JIT cannot find any of its work unused. */
    private static volatile long blackhole;

    private EdiBenchmark() {
    }

    /** One way of reading the whole file, and the events every read of it must make. */
    private record Workload(String label, long events, Function<byte[], Tally> read) {
    }

    /**
     * What one read of the file saw, checked against what the file holds after every read.
     *
     * @param violations schema violations found (workload d only)
     * @param digest     something of every output, for the blackhole
     */
    private record Tally(int transactions, long events, long violations, long digest) {
    }

    /** One timed pass of one workload: whole reads of the file, and where the time went. */
    private record Pass(int reads, long bytes, long transactions, long events, long wallNanos, long cpuNanos,
                        long gcMillis, long allocatedBytes) {
        double megabytesPerSecond() {
            return bytes * 1e3 / wallNanos;
        }

        double transactionsPerSecond() {
            return transactions * 1e9 / wallNanos;
        }

        /** MB per second that the core was this workload's (running, or paused for GC): blind to neighbours. */
        double megabytesPerCpuSecond() {
            return bytes * 1e3 / (cpuNanos + gcMillis * 1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        STAEDI_LOG.setLevel(Level.WARNING);
        EdiOptions options;
        try {
            options = EdiOptions.parse(args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.print(EdiOptions.help());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(EdiOptions options) {
        Path partnerDir = MappingsDir.locate(Edi214Samples.PARTNER).resolve(Edi214Samples.PARTNER);
        if (!Files.isRegularFile(partnerDir.resolve(MAPPING_FILE))) {
            System.out.println("RUN FAILED: " + partnerDir.resolve(MAPPING_FILE) + " does not exist (yet)");
            return false;
        }
        // Only the partner's folder: selection looks at the document's partner's mappings alone.
        MappingCatalog catalog;
        try {
            catalog = new MappingCatalog(MappingLoader.loadPartner(partnerDir));
        } catch (MappingException e) {
            System.out.println("RUN FAILED: " + e.getMessage());
            return false;
        }
        Mapping status214 = catalog.forPartner(Edi214Samples.PARTNER).stream()
                .filter(mapping -> mapping.file().getFileName().toString().equals(MAPPING_FILE)).findFirst()
                .orElseThrow(() -> new IllegalStateException(partnerDir.resolve(MAPPING_FILE) + " was not loaded"));
        MappingDefinition.Accepts accepts = status214.definition().accepts();
        String channel = accepts != null && accepts.channel() != null ? accepts.channel() : DEFAULT_CHANNEL;

        Edi214Samples.File file = Edi214Samples.generate(options.sizeMb() * 1_000_000, statusCodes(status214));
        Instant receivedAt = Instant.now();
        EdiContext context = EdiContext.of(Edi214Samples.PARTNER, channel, receivedAt);
        EdiReader reader = new EdiReader();
        EDIInputFactory lexer = lexerFactory();
        SchemaValidator validator = SchemaValidator.load();

        long[] eventsPerFile = new long[1];
        String problem = check(file, lexer, reader, context, catalog, status214, validator, eventsPerFile);
        if (problem != null) {
            System.out.println("RUN FAILED: " + problem);
            return false;
        }
        say("%s: %,d transactions read cleanly, each mapped to valid events (%,d in all), event ids unique",
                status214, file.transactions(), eventsPerFile[0]);

        long eventsPerRead = eventsPerFile[0];
        List<Workload> workloads = List.of(
                new Workload("(a) StAEDI lexing, no schema", 0, data -> lex(lexer, data)),
                new Workload("(b) EdiReader: raw documents", 0, data -> {
                    long[] digest = new long[1];
                    int delivered = read(reader, context, data, transaction -> digest[0] += transaction.document().body().size());
                    return new Tally(delivered, 0, 0, digest[0]);
                }),
                new Workload("(c) (b) + select + apply", eventsPerRead, data -> {
                    long[] counts = new long[2];
                    int delivered = read(reader, context, data, transaction -> {
                        RawDocument document = transaction.document();
                        List<ObjectNode> events = MappingEngine.apply(catalog.select(document), document, receivedAt);
                        counts[0] += events.size();
                        counts[1] += digest(events);
                    });
                    return new Tally(delivered, counts[0], 0, counts[1]);
                }),
                new Workload("(d) (c) + schema validation", eventsPerRead, data -> {
                    long[] counts = new long[3];
                    int delivered = read(reader, context, data, transaction -> {
                        RawDocument document = transaction.document();
                        List<ObjectNode> events = MappingEngine.apply(catalog.select(document), document, receivedAt);
                        for (ObjectNode event : events) {
                            counts[2] += validator.validate(event).size();
                        }
                        counts[0] += events.size();
                        counts[1] += digest(events);
                    });
                    return new Tally(delivered, counts[0], counts[2], counts[1]);
                }));

        try {
            say("warm-up: %ds, the workloads taking turns in 1 s slices ...", options.warmup().toSeconds());
            long warmupEnd = System.nanoTime() + options.warmup().toNanos();
            for (int slice = 0; System.nanoTime() < warmupEnd; slice++) {
                timed(workloads.get(slice % workloads.size()), file, WARMUP_SLICE_NANOS);
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
                    Pass pass = timed(workload, file, options.duration().toNanos());
                    passes.get(workload).add(pass);
                    rates.add(workload.label().substring(0, 3) + String.format(" %.2f", pass.megabytesPerSecond()));
                }
                say("round %d: %s MB/s", round + 1, String.join(", ", rates));
            }
            long timedNanos = System.nanoTime() - timedStart;
            report(options, status214, file, eventsPerRead, passes, jit.getTotalCompilationTime() - jitBefore, timedNanos);
            return true;
        } catch (IllegalStateException e) {
            System.out.println("RUN FAILED: " + e.getMessage());
            return false;
        }
    }

    /**
     * Reads the file whole with {@code reader}, handing each transaction to {@code mapping}; the number
     * delivered. A read that stops early fails the run.
     */
    private static int read(EdiReader reader, EdiContext context, byte[] file, Consumer<EdiTransaction> mapping) {
        EdiReadResult result = reader.read(new ByteArrayInputStream(file), context, mapping);
        if (!result.readToEnd()) {
            throw new IllegalStateException("the reader stopped: " + result.failure().message());
        }
        return result.transactionsDelivered();
    }

    /** The floor: StAEDI's lexer and its X12 dialect, nothing checked against a schema, nothing kept. */
    private static EDIInputFactory lexerFactory() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        // As EdiReader: line breaks after the segment terminator are not segments.
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    /**
     * Every event of the file through one StAEDI reader (it reads interchange after interchange),
     * taking the text of every segment tag and element.
     */
    private static Tally lex(EDIInputFactory factory, byte[] file) {
        int transactions = 0;
        long digest = 0;
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(file), "UTF-8")) {
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case START_SEGMENT -> {
                        // Without a control schema there are no group and transaction events: count ST tags.
                        String tag = reader.getText();
                        if (tag.equals("ST")) {
                            transactions++;
                        }
                        digest += tag.length();
                    }
                    case ELEMENT_DATA -> digest += reader.getText().length();
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException | IOException e) {
            throw new IllegalStateException("StAEDI cannot lex the generated file: " + e.getMessage(), e);
        }
        return new Tally(transactions, 0, 0, digest);
    }

    /** Runs {@code workload} over the whole file, again and again, for about {@code nanos} (at least once). */
    private static Pass timed(Workload workload, Edi214Samples.File file, long nanos) {
        byte[] bytes = file.bytes();
        long gcBefore = gcMillis();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long end = start + nanos;
        int reads = 0;
        long digest = 0;
        long now;
        do {
            Tally tally = workload.read().apply(bytes);
            if (tally.transactions() != file.transactions() || tally.events() != workload.events()) {
                throw new IllegalStateException(workload.label() + " saw " + tally.transactions() + " transactions and "
                        + tally.events() + " events, expected " + file.transactions() + " and " + workload.events());
            }
            if (tally.violations() > 0) {
                throw new IllegalStateException(workload.label() + ": " + tally.violations() + " schema violations");
            }
            digest = 31 * digest + tally.digest();
            reads++;
            now = System.nanoTime();
        } while (now < end);
        blackhole += digest;
        return new Pass(reads, (long) reads * bytes.length, (long) reads * file.transactions(), reads * workload.events(),
                now - start, THREADS.getCurrentThreadCpuTime() - cpuBefore, gcMillis() - gcBefore,
                THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
    }

    /**
     * The file as every workload must see it: StAEDI lexes every transaction; the reader reads it to the
     * end and delivers every transaction, with no finding at any level; every transaction is selected by
     * the 214 mapping and gives at least one event, each valid against the canonical schema, with an id of
     * its own. Null when all is well, else what is wrong; {@code eventsPerFile[0]} gets the events made.
     */
    private static String check(Edi214Samples.File file, EDIInputFactory lexer, EdiReader reader, EdiContext context,
                                MappingCatalog catalog, Mapping status214, SchemaValidator validator, long[] eventsPerFile) {
        Tally lexed;
        try {
            lexed = lex(lexer, file.bytes());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        if (lexed.transactions() != file.transactions()) {
            return "StAEDI lexed " + lexed.transactions() + " transactions, the file holds " + file.transactions();
        }
        List<EdiTransaction> delivered = new ArrayList<>();
        EdiReadResult result = reader.read(new ByteArrayInputStream(file.bytes()), context, delivered::add);
        if (!result.readToEnd()) {
            return "the reader stopped: " + result.failure().message();
        }
        if (result.interchanges().size() != file.interchanges() || delivered.size() != file.transactions()) {
            return "the reader saw " + result.interchanges().size() + " interchanges and delivered " + delivered.size()
                    + " transactions; the file holds " + file.interchanges() + " and " + file.transactions();
        }
        for (InterchangeSummary interchange : result.interchanges()) {
            List<EdiFinding> findings = new ArrayList<>(interchange.findings());
            interchange.groups().forEach(group -> findings.addAll(group.findings()));
            interchange.allTransactions().forEach(transaction -> findings.addAll(transaction.findings()));
            if (interchange.status() != EdiStatus.ACCEPTED || !findings.isEmpty()) {
                return "interchange " + interchange.id() + " is " + interchange.status() + ": "
                        + findings.stream().map(EdiFinding::message).limit(3).collect(Collectors.joining("; "));
            }
        }
        Set<String> ids = new HashSet<>();
        long events = 0;
        for (EdiTransaction transaction : delivered) {
            String where = "transaction " + transaction.interchange().controlNumber() + "/" + transaction.groupControlNumber()
                    + "/" + transaction.controlNumber();
            RawDocument document = transaction.document();
            try {
                Mapping chosen = catalog.select(document);
                if (chosen != status214) {
                    return where + ": selected " + chosen + ", not " + status214;
                }
                List<ObjectNode> made = MappingEngine.apply(chosen, document, context.receivedAt());
                if (made.isEmpty()) {
                    return where + ": no event";
                }
                for (ObjectNode event : made) {
                    List<SchemaValidator.Violation> violations = validator.validate(event);
                    if (!violations.isEmpty()) {
                        return where + ": an event is not valid: " + violations;
                    }
                    if (!ids.add(event.get(Envelope.ID).asText())) {
                        return where + ": event id " + event.get(Envelope.ID).asText() + " given twice";
                    }
                }
                events += made.size();
            } catch (RuntimeException e) {
                return where + ": " + e;
            }
        }
        eventsPerFile[0] = events;
        return null;
    }

    private static void report(EdiOptions options, Mapping status214, Edi214Samples.File file, long eventsPerFile,
                               Map<Workload, List<Pass>> passes, long jitMillis, long timedNanos) {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println();
        System.out.println("== Waybill EDI benchmark ==");
        System.out.printf("JVM %s %s, availableProcessors %d%s, max heap %d MB, GC %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), cores,
                cores == 1 ? " (one core: JIT and GC share it with the measuring thread)"
                        : " (NOT one core: JIT and GC run beside the measuring thread, which flatters the rates)",
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("+")));
        System.out.printf("file: %,d bytes of X12 214 (004010) in memory, %,d interchanges, %,d groups, %,d transactions"
                        + " (%,d bytes each on average), %,d LX loops (%.2f per transaction), %,d of them reporting a status%n",
                file.bytes().length, file.interchanges(), file.groups(), file.transactions(),
                file.bytes().length / file.transactions(), file.loops(), file.loops() / (double) file.transactions(),
                file.statuses());
        System.out.printf("mapping %s (%s): %,d events per read of the file (%.2f per transaction)%n",
                status214, status214.file(), eventsPerFile, eventsPerFile / (double) file.transactions());
        System.out.printf("warm-up %ds; %d timed passes of %ds per workload, interleaved; one thread; median pass reported%n",
                options.warmup().toSeconds(), options.passes(), options.duration().toSeconds());
        System.out.println();

        String format = "%-30s %7s %9s %9s %7s %7s %15s %8s %7s %4s %6s%n";
        System.out.printf(format, "workload", "MB/s", "tx/s", "events/s", "vs (a)", "us/tx", "MB/s min..max",
                "MB/CPU-s", "KB/tx", "GC", "stolen");
        List<Pass> floorPasses = passes.values().iterator().next();
        double floor = median(floorPasses, Pass::megabytesPerSecond);
        double floorCpu = median(floorPasses, Pass::megabytesPerCpuSecond);
        double worstStolen = 0;
        List<double[]> medians = new ArrayList<>();
        for (Map.Entry<Workload, List<Pass>> entry : passes.entrySet()) {
            List<Pass> list = entry.getValue();
            double rate = median(list, Pass::megabytesPerSecond);
            double transactions = median(list, Pass::transactionsPerSecond);
            double cpuRate = median(list, Pass::megabytesPerCpuSecond);
            medians.add(new double[] {rate, transactions, cpuRate});
            long wall = list.stream().mapToLong(Pass::wallNanos).sum();
            double gcShare = list.stream().mapToLong(Pass::gcMillis).sum() * 1e6 / wall;
            double stolen = Math.max(0, 1 - list.stream().mapToLong(Pass::cpuNanos).sum() / (double) wall - gcShare);
            worstStolen = Math.max(worstStolen, stolen);
            double[] rates = list.stream().mapToDouble(Pass::megabytesPerSecond).sorted().toArray();
            boolean mapped = entry.getKey().events() > 0;
            System.out.printf(format, entry.getKey().label(), String.format("%.2f", rate), String.format("%,.0f", transactions),
                    mapped ? String.format("%,.0f", transactions * eventsPerFile / file.transactions()) : "-",
                    String.format("%.3f", rate / floor), String.format("%.1f", 1e6 / transactions),
                    String.format("%.2f..%.2f", rates[0], rates[rates.length - 1]), String.format("%.2f", cpuRate),
                    String.format("%.1f", list.stream().mapToLong(Pass::allocatedBytes).sum() / 1024.0
                            / list.stream().mapToLong(Pass::transactions).sum()),
                    percent(gcShare), percent(stolen));
        }
        System.out.println("(MB = 10^6 bytes of the file; MB/s and tx/s: median pass, wall clock; events/s: tx/s x events per"
                + " transaction; us/tx: 1e6 / tx/s; MB/CPU-s: median pass, per second the measuring thread ran or was"
                + " paused for GC; KB/tx: heap allocated per transaction; GC: share of the timed passes in collector"
                + " pauses; stolen: share in which the measuring thread was neither running nor paused for GC)");
        System.out.println();
        double eventsPerTransaction = eventsPerFile / (double) file.transactions();
        double[] usPerTransaction = medians.stream().mapToDouble(m -> 1e6 / m[1]).toArray();
        System.out.printf("(b)/(a) = %.3f (per CPU-s %.3f): the reader adds %.1f us per transaction to lexing"
                        + " (control schema, loops, element checks, the JSON tree, raw bytes, envelope block)%n",
                medians.get(1)[0] / floor, medians.get(1)[2] / floorCpu, usPerTransaction[1] - usPerTransaction[0]);
        System.out.printf("(c)/(a) = %.3f (per CPU-s %.3f): select + apply add a further %.1f us per transaction"
                        + " (%.1f us per event)%n",
                medians.get(2)[0] / floor, medians.get(2)[2] / floorCpu, usPerTransaction[2] - usPerTransaction[1],
                (usPerTransaction[2] - usPerTransaction[1]) / eventsPerTransaction);
        System.out.printf("(d)/(a) = %.3f (per CPU-s %.3f): schema validation adds a further %.1f us per transaction"
                        + " (%.1f us per event)%n",
                medians.get(3)[0] / floor, medians.get(3)[2] / floorCpu, usPerTransaction[3] - usPerTransaction[2],
                (usPerTransaction[3] - usPerTransaction[2]) / eventsPerTransaction);
        System.out.printf("(d) per transaction: %.0f%% parse, %.0f%% map, %.0f%% validate (%.1f us)%n",
                usPerTransaction[1] / usPerTransaction[3] * 100,
                (usPerTransaction[2] - usPerTransaction[1]) / usPerTransaction[3] * 100,
                (usPerTransaction[3] - usPerTransaction[2]) / usPerTransaction[3] * 100, usPerTransaction[3]);
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
        double full = medians.get(3)[0];
        System.out.printf("BAR %d MB/s on one core, parse + map + validate (d): %s (%.2f MB/s, %,.0f transactions/s;"
                        + " %.2f MB per CPU-s)%n", options.bar(), full >= options.bar() ? "PASS" : "FAIL", full,
                medians.get(3)[1], medians.get(3)[2]);
        System.out.printf("(blackhole %d)%n", blackhole);
    }

    /** The codes of the mapping's status table (AT701). */
    private static List<String> statusCodes(Mapping mapping) {
        Map<String, MappingDefinition.Table> declared = mapping.definition().tables();
        MappingDefinition.Table table = declared == null ? null : declared.get(STATUS_TABLE);
        if (table == null) {
            throw new IllegalStateException(mapping.file() + ": the 214 mapping declares no code table '" + STATUS_TABLE + "'");
        }
        return List.copyOf(CodeTable.load(mapping.id(), STATUS_TABLE, mapping.file().resolveSibling(table.file()),
                table.defaultValue()).codes());
    }





}
