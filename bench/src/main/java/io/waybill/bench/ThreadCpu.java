package io.waybill.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time by thread pool (thread names with their numbers taken out), to see which part of the hub
 * the CPU went to: Camel route threads, Kafka broker, Kafka clients, HTTP, the bench's own clients.
 * What the JVM itself spends (JIT compiler, GC) is the process total minus these.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> atStart = new HashMap<>();

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

    private static String pool(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }
}
