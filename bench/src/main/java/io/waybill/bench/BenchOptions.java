package io.waybill.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest benchmark's knobs, each declared once with its default. A value comes from {@code --name=value}
 * on the command line, else from {@code -Dbench.name=value}, else the default. Defaults keep one run
 * at about 2 minutes on a 2-core machine, most of it the JIT warm-up. The parsing and checking helpers
 * serve {@link MappingOptions} too.
 *
 * @param baselineRecords        records each timed baseline pass sends
 * @param baselinePasses         timed baseline passes before, and again after, the full path; the best one is
 *                               the baseline (a pass slowed by a neighbour or by cold code would flatter the ratio)
 * @param baselineWarmupRecords  records the untimed baseline pass sends first (same producer)
 * @param clients                concurrent push clients; a list runs every combination with {@code batches}
 * @param batches                items per push; a list runs every combination with {@code clients}
 * @param warmup                 untimed load before the first timed phase (JIT compilation, connection pools)
 * @param settle                 untimed load before each later combination (new clients, new concurrency)
 * @param duration               timed phase per combination
 * @param shipments              distinct shipment references the items are spread over
 * @param bar                    the bar in events/s through the full path
 * @param threadCpu              also print where the CPU went, by thread pool, for each combination
 */
public record BenchOptions(int baselineRecords, int baselinePasses, int baselineWarmupRecords, List<Integer> clients,
                           List<Integer> batches, Duration warmup, Duration settle, Duration duration, int shipments,
                           int bar, boolean threadCpu) {

    /** name, default, description: printed by {@code --help}. */
    static final String[][] DECLARED = {
            {"baseline-records", "200000", "records sent by each timed bare-producer pass"},
            {"baseline-passes", "2", "timed bare-producer passes before, and again after, the full path; the best is the baseline"},
            {"baseline-warmup-records", "300000", "records sent first, untimed, by the same producer (JIT warm-up)"},
            {"clients", "16", "concurrent HTTP clients (comma list: every combination with --batch)"},
            {"batch", "500", "status messages per signed push (comma list allowed)"},
            {"warmup", "60s", "untimed push load before the first timed phase (on 2 cores the JIT needs about a minute)"},
            {"settle", "10s", "untimed push load before each later (clients, batch) combination"},
            {"duration", "30s", "timed push phase per (clients, batch) combination"},
            {"shipments", "1000", "distinct shipment_ref values the messages are spread over"},
            {"bar", "10000", "events/s the full path must reach (the issue's bar)"},
            {"thread-cpu", "false", "also print CPU per event by thread pool for each combination (true/false)"},
    };

    static BenchOptions parse(String[] args) {
        Map<String, String> values = values(DECLARED, args);
        return new BenchOptions(
                positive(values, "baseline-records"), positive(values, "baseline-passes"),
                positive(values, "baseline-warmup-records"),
                positiveList(values, "clients"), positiveList(values, "batch"),
                duration(values, "warmup"), duration(values, "settle"), duration(values, "duration"),
                positive(values, "shipments"), positive(values, "bar"), bool(values, "thread-cpu"));
    }

    static String help() {
        return help(DECLARED);
    }

    /**
     * The value of every option in {@code declared} (rows of name, default, description): from
     * {@code --name=value} in {@code args}, else {@code -Dbench.name=value}, else the default.
     *
     * @throws HelpRequested            for {@code --help}
     * @throws IllegalArgumentException for an argument naming no declared option
     */
    static Map<String, String> values(String[][] declared, String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] option : declared) {
            values.put(option[0], System.getProperty("bench." + option[0], option[1]));
        }
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !values.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': expected --name=value, see --help");
            }
            values.put(name, arg.substring(eq + 1));
        }
        return values;
    }

    static String help(String[][] declared) {
        StringBuilder text = new StringBuilder("Options (--name=value or -Dbench.name=value):\n");
        for (String[] option : declared) {
            text.append(String.format("  --%-24s %s (default %s)%n", option[0], option[2], option[1]));
        }
        return text.toString();
    }

    static int positive(Map<String, String> values, String name) {
        String text = values.get(name).trim().replace("_", "");
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number, was '" + values.get(name) + "'");
    }

    static boolean bool(Map<String, String> values, String name) {
        String text = values.get(name).trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("--" + name + " must be true or false, was '" + values.get(name) + "'");
    }

    private static List<Integer> positiveList(Map<String, String> values, String name) {
        List<Integer> list = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            list.add(positive(Map.of(name, part), name));
        }
        return List.copyOf(list);
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds. */
    static Duration duration(Map<String, String> values, String name) {
        String text = values.get(name).trim().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration value;
            if (text.endsWith("ms")) {
                value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                value = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                value = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                value = Duration.ofSeconds(Long.parseLong(text));
            }
            if (!value.isNegative()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a duration like 30s, 2m or 500ms, was '" + values.get(name) + "'");
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
