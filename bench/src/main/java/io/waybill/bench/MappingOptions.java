package io.waybill.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The mapping benchmark's knobs, each declared once with its default; read like {@link BenchOptions}
 * ({@code --name=value}, else {@code -Dbench.name=value}, else the default). The defaults keep one run
 * under 2 minutes: 30 s warm-up and 3 workloads x 5 passes x 5 s.
 *
 * @param warmup    untimed load before the first timed pass, the three workloads taking turns in 1 s slices
 * @param duration  one timed pass of one workload
 * @param passes    timed passes per workload, interleaved with the other workloads'; the median counts
 * @param messages  distinct status messages, mapped round and round
 * @param bar       mappings/s the engine (workload b) must reach on one core (the bar)
 */
public record MappingOptions(Duration warmup, Duration duration, int passes, int messages, int bar) {

    /** name, default, description: printed by {@code --help}. */
    static final String[][] DECLARED = {
            {"warmup", "30s", "untimed load first, the workloads taking turns in 1 s slices (JIT compilation)"},
            {"duration", "5s", "one timed pass of one workload"},
            {"passes", "5", "timed passes per workload, interleaved a/b/c, c/a/b, ...; the median is reported"},
            {"messages", "1000", "distinct status messages, mapped round and round"},
            {"bar", "100000", "mappings/s the engine (b) must reach on one core (the issue's bar)"},
    };

    static MappingOptions parse(String[] args) {
        Map<String, String> values = BenchOptions.values(DECLARED, args);
        Duration duration = BenchOptions.duration(values, "duration");
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than 0, was '" + values.get("duration") + "'");
        }
        return new MappingOptions(BenchOptions.duration(values, "warmup"), duration,
                BenchOptions.positive(values, "passes"), BenchOptions.positive(values, "messages"),
                BenchOptions.positive(values, "bar"));
    }

    static String help() {
        return BenchOptions.help(DECLARED);
    }
}
