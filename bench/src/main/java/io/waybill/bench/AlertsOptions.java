package io.waybill.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The alert latency benchmark's knobs, each declared once with its default; read like
 * {@link BenchOptions} ({@code --name=value}, else {@code -Dbench.name=value}, else the default).
 *
 * @param rate     telemetry events per second, steady (the 2,000)
 * @param assets   reefers reporting in turn; each reports every {@code assets / rate} seconds
 * @param warmup   untimed load first (JIT compilation, consumer group joined, caches warm)
 * @param duration the timed phase of each run (baseline, then the full path)
 * @param barMs    the p99 telemetry-to-alert latency the full path must stay under
 */
public record AlertsOptions(int rate, int assets, Duration warmup, Duration duration, int barMs) {

    /** name, default, description: printed by {@code --help}. */
    static final String[][] DECLARED = {
            {"rate", "2000", "telemetry events per second, steady, for the baseline and the full path alike"},
            {"assets", "2000", "reefers reporting in turn, every 5 minutes of event time; one in 24 reports starts a 20-minute excursion"},
            {"warmup", "30s", "untimed load before each timed phase"},
            {"duration", "60s", "each timed phase"},
            {"bar", "100", "p99 telemetry-to-alert latency in ms that the full path must stay under (the issue's bar)"},
    };

    static AlertsOptions parse(String[] args) {
        Map<String, String> values = BenchOptions.values(DECLARED, args);
        Duration duration = BenchOptions.duration(values, "duration");
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be more than 0, was '" + values.get("duration") + "'");
        }
        return new AlertsOptions(BenchOptions.positive(values, "rate"), BenchOptions.positive(values, "assets"),
                BenchOptions.duration(values, "warmup"), duration, BenchOptions.positive(values, "bar"));
    }

    static String help() {
        return BenchOptions.help(DECLARED);
    }
}
