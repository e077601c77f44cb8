package io.waybill.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** What the one-core benchmarks share: medians of passes, GC time, the blackhole digest, and printing. */
final class Measures {

    private Measures() {
    }

    /** A digest of mapped events that the JIT cannot prove unused. */
    static long digest(List<ObjectNode> events) {
        long digest = events.size();
        for (ObjectNode event : events) {
            digest = 31 * digest + event.size();
        }
        return digest;
    }

    static <T> double median(List<T> passes, ToDoubleFunction<T> rate) {
        double[] rates = passes.stream().mapToDouble(rate).sorted().toArray();
        int middle = rates.length / 2;
        return rates.length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }

    /** Milliseconds every collector has spent so far. */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(time -> time > 0).sum();
    }

    static String percent(double share) {
        return String.format("%.0f%%", share * 100);
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
