package io.waybill.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The EDI benchmark's knobs, each declared once with its default; read like {@link BenchOptions}
 * ({@code --name=value}, else {@code -Dbench.name=value}, else the default). The defaults keep one run
 * at about 2.5 minutes: 30 s warm-up and 4 workloads x 5 passes x 5 s.
 *
 * @param warmup    untimed reads before the first timed pass, the four workloads taking turns in 1 s slices
 * @param duration  one timed pass of one workload (whole reads of the file: the last one may run over)
 * @param passes    timed passes per workload, interleaved with the other workloads'; the median counts
 * @param sizeMb    size of the generated X12 file in MB (10^6 bytes), read whole by every workload, again and again
 * @param bar       MB/s that parse + map + validate (workload d) must reach on one core (the bar)
 */
public record EdiOptions(Duration warmup, Duration duration, int passes, int sizeMb, int bar) {

    /** About 6,700 interchanges: two thirds of the reader's default limit of interchanges in one read. */
    static final int MAX_SIZE_MB = 200;

    /** name, default, description: printed by {@code --help}. */
    static final String[][] DECLARED = {
            {"warmup", "30s", "untimed reads first, the workloads taking turns in 1 s slices (JIT compilation)"},
            {"duration", "5s", "one timed pass of one workload: whole reads of the file until it is over"},
            {"passes", "5", "timed passes per workload, interleaved a/b/c/d, b/c/d/a, ...; the median is reported"},
            {"size-mb", "4", "size of the generated X12 214 file in MB (10^6 bytes), at most " + MAX_SIZE_MB},
            {"bar", "5", "MB/s that parse + map + validate (d) must reach on one core (the issue's bar)"},
    };

    static EdiOptions parse(String[] args) {
        Map<String, String> values = BenchOptions.values(DECLARED, args);
        Duration duration = BenchOptions.duration(values, "duration");
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than 0, was '" + values.get("duration") + "'");
        }
        int sizeMb = BenchOptions.positive(values, "size-mb");
        if (sizeMb > MAX_SIZE_MB) {
            throw new IllegalArgumentException("--size-mb must be at most " + MAX_SIZE_MB
                    + " (the reader reads at most 10,000 interchanges at once), was " + sizeMb);
        }
        return new EdiOptions(BenchOptions.duration(values, "warmup"), duration, BenchOptions.positive(values, "passes"),
                sizeMb, BenchOptions.positive(values, "bar"));
    }

    static String help() {
        return BenchOptions.help(DECLARED);
    }
}
