package io.waybill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time by thread pool (thread names with their numbers taken out), to see which part of the hub
 * the CPU went to: Camel route threads, Kafka broker, Kafka clients, HTTP, the bench's own clients.
 * The JVM's own threads (garbage collector, JIT compilers, VM thread) are not Java threads: on Linux
 * they are read from {@code /proc/self/task}, by name.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<String, Long> jvmAtStart = new HashMap<>();
    /** /proc reports CPU time in clock ticks: 100 per second on Linux (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** Remembers every live thread's CPU time now. */
    static ThreadCpu start() {
        ThreadCpu snapshot = new ThreadCpu();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    snapshot.atStart.put(info.getThreadId(), cpu);
                }
            }
        }
        snapshot.jvmAtStart.putAll(jvmThreads());
        return snapshot;
    }

    /** CPU nanoseconds per thread pool since {@link #start()}, largest first. */
    Map<String, Long> sinceStart() {
        Map<String, Long> byPool = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - atStart.getOrDefault(info.getThreadId(), 0L);
            byPool.merge(pool(info.getThreadName()), used, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        byPool.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * CPU nanoseconds of the JVM's own threads since {@link #start()}, by kind: {@code GC} (G1's or
     * the parallel collector's workers, concurrent and refinement threads), {@code JIT compiler},
     * {@code VM thread}. Empty where there is no {@code /proc}.
     */
    Map<String, Long> jvmSinceStart() {
        Map<String, Long> used = new LinkedHashMap<>();
        jvmThreads().forEach((kind, nanos) -> used.put(kind, nanos - jvmAtStart.getOrDefault(kind, 0L)));
        return used;
    }

    private static Map<String, Long> jvmThreads() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return byKind;
        }
        try (DirectoryStream<Path> listed = Files.newDirectoryStream(tasks)) {
            for (Path task : listed) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String kind = jvmKind(stat.substring(stat.indexOf('(') + 1, close));
                    if (kind != null) {
                        // After the name: state is field 3; utime and stime are fields 14 and 15.
                        String[] fields = stat.substring(close + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        byKind.merge(kind, ticks * NANOS_PER_TICK, Long::sum);
                    }
                } catch (IOException | RuntimeException ended) {
                    // The thread ended while the directory was read.
                }
            }
        } catch (IOException unreadable) {
            return Map.of();
        }
        return byKind;
    }

    private static String jvmKind(String name) {
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "GC";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "JIT compiler";
        }
        return name.equals("VM Thread") ? "VM thread" : null;
    }

    private static String pool(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }
}
