package io.waybill.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy time of the whole machine from {@code /proc/stat} (Linux), to tell how much of the CPU other
 * processes took while a phase was timed: on a shared 2-core machine that moves the results.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");

    /** Busy and total jiffies at one moment; both -1 where {@code /proc/stat} cannot be read. */
    record Snapshot(long busy, long total) {

        /** Share of all cores busy between {@code earlier} and this snapshot; NaN when unknown. */
        double busyShareSince(Snapshot earlier) {
            long total = this.total - earlier.total;
            return earlier.total < 0 || total <= 0 ? Double.NaN : (busy - earlier.busy) / (double) total;
        }
    }

    private MachineCpu() {
    }

    /** CPU time this JVM has used, in nanoseconds; -1 when the JVM does not say. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static Snapshot now() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long total = 0;
            long idle = 0;
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i == 4 || i == 5) {
                    idle += value;
                }
            }
            return new Snapshot(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(-1, -1);
        }
    }
}
