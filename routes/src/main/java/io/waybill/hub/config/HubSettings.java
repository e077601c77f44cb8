package io.waybill.hub.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the hub, declared once, and their resolved values. Resolution happens at
 * start-up and fails with a message naming the setting, before anything is started.
 */
public final class HubSettings {

    public static final Setting<String> DATA_DIR = Setting.nonBlank("waybill.data-dir", "./data",
            "Where the embedded brokers keep their data (Kafka log, Artemis journal), and where files fetched by SFTP are held while they are read. Survives restarts.");
    public static final Setting<String> MAPPINGS_DIR = Setting.nonBlank("waybill.mappings-dir", "./mappings",
            "Folder of partner declarations and mapping files, one sub-folder per partner.");
    public static final Setting<String> GOLDEN_CASES_DIR = Setting.text("waybill.golden-cases-dir", "",
            "Folder of golden cases, <partner>/<case>/, that gate a reloaded mapping. Empty: contract-tests/partners next to the mappings folder.");
    public static final Setting<Boolean> MAPPINGS_WATCH = new Setting<>("waybill.mappings.watch", "true",
            "Watch the mappings and golden cases folders: a changed partner folder is reloaded, and goes live only if all its golden cases pass.",
            HubSettings::parseBoolean, v -> true, "must be true or false");
    public static final Setting<Integer> MAPPINGS_QUIET_MS = Setting.positiveInt("waybill.mappings.reload-quiet-ms", 500,
            "How long a partner folder must stay unchanged, in milliseconds, before it is reloaded (so a save of several files is one reload).");
    public static final Setting<String> SECRETS_DIR = Setting.text("waybill.secrets-dir", "",
            "Folder of mounted push secrets, one file per partner named like its variable (WAYBILL_SECRET_<PARTNER>); read again when the partner is reloaded. Empty: environment only.");
    public static final Setting<String> HTTP_HOST = Setting.nonBlank("waybill.http.host", "0.0.0.0",
            "Address the HTTP server (partner pushes, health, metrics) binds to.");
    public static final Setting<Integer> HTTP_PORT = Setting.port("waybill.http.port", 8080,
            "Port of the HTTP server: partner pushes, /observe/health and /observe/metrics.");
    public static final Setting<String> KAFKA_BOOTSTRAP = Setting.text("waybill.kafka.bootstrap-servers", "",
            "External Kafka bootstrap servers (host:port,...). Empty: start the embedded single-node Kafka.");
    public static final Setting<Integer> KAFKA_PORT = Setting.port("waybill.kafka.port", 9092,
            "Client port of the embedded Kafka.");
    public static final Setting<Integer> KAFKA_CONTROLLER_PORT = Setting.port("waybill.kafka.controller-port", 9093,
            "KRaft controller port of the embedded Kafka.");
    public static final Setting<Integer> KAFKA_PARTITIONS = Setting.positiveInt("waybill.kafka.partitions", 3,
            "Partitions of the topics the hub creates when they do not exist.");
    public static final Setting<Integer> KAFKA_REPLICATION = Setting.positiveInt("waybill.kafka.replication-factor", 1,
            "Replication factor of the topics the hub creates (1 for the embedded broker; 3 in production).");
    public static final Setting<String> ARTEMIS_URL = Setting.text("waybill.artemis.url", "",
            "External Artemis broker URL (tcp://host:61616). Empty: start the embedded Artemis.");
    public static final Setting<Integer> ARTEMIS_PORT = Setting.port("waybill.artemis.port", 61616,
            "Port of the embedded Artemis (CORE, AMQP and MQTT on one acceptor).");
    public static final Setting<Integer> MQTT_PORT = Setting.port("waybill.mqtt.port", 1883,
            "MQTT port of the embedded Artemis.");
    public static final Setting<String> BROKER_HOST = Setting.nonBlank("waybill.broker.host", "127.0.0.1",
            "Address the embedded brokers bind to.");
    public static final Setting<Long> PUSH_MAX_BODY_BYTES = Setting.positiveLong("waybill.push.max-body-bytes", 5L * 1024 * 1024,
            "Largest push body accepted, in bytes; larger pushes get 413.");
    public static final Setting<Integer> PUSH_MAX_ITEMS = Setting.positiveInt("waybill.push.max-items", 10_000,
            "Most items one batch push may carry; more gets 413.");
    public static final Setting<Integer> PUSH_TOLERANCE_SECONDS = Setting.positiveInt("waybill.push.signature-tolerance-seconds", 300,
            "How far a push's X-Waybill-Timestamp may be from the hub's clock, and how long its signature is remembered against replay.");
    public static final Setting<String> INBOX_DIR = Setting.nonBlank("waybill.inbox-dir", "./inbox",
            "The drop folder: files in <inbox>/<partner>/ are read, then moved to .done/ or .error/ (with <file>.reason.txt) in that folder.");
    public static final Setting<Integer> FILES_QUIET_MS = Setting.positiveInt("waybill.files.quiet-ms", 2000,
            "How long a file must stay unchanged, in milliseconds, before it is read (drop folder: its age; SFTP: two listings this far apart), so a file still being written is not read half-way.");
    // A file is read into one array for its format's reader, hence the upper bound.
    public static final Setting<Long> FILES_MAX_BYTES = new Setting<>("waybill.files.max-bytes", Long.toString(32L * 1024 * 1024),
            "Largest file read from the drop folder or SFTP, in bytes; a larger one is refused (moved to .error/) without being read.",
            Long::parseLong, v -> v > 0 && v <= Integer.MAX_VALUE - 8, "must be a whole number from 1 to " + (Integer.MAX_VALUE - 8));
    public static final Setting<String> SFTP_KNOWN_HOSTS = Setting.text("waybill.sftp.known-hosts-file", "",
            "OpenSSH known_hosts file holding the host keys of partners' SFTP servers; a server whose key it does not list is refused. Empty: host keys are not checked (a warning at start-up).");
    public static final Setting<Integer> DEDUP_CACHE_SIZE = Setting.positiveInt("waybill.dedup.cache-size", 1_000_000,
            "How many recent event ids each hub instance holds in memory to recognise duplicates (about 150 bytes each); older ids are no longer recognised.");
    public static final Setting<String> POLICIES_DIR = Setting.text("waybill.scoring.policies-dir", "",
            "Folder of alert policy files (*.policy.yaml). Empty: policies next to the mappings folder. No such folder: scoring is off (a warning at start-up).");
    public static final Setting<Integer> SCORING_LATENESS_MINUTES = Setting.positiveInt("waybill.scoring.lateness-minutes", 120,
            "How far, in minutes of event time, an event may lag behind the latest event of its asset or shipment and still change scores and alerts; later ones are counted and ignored.");
    public static final Setting<Boolean> TRACING_ENABLED = new Setting<>("waybill.tracing.enabled", "false",
            "OpenTelemetry spans for every exchange (each item and event of a push). Off by default: it costs more than the mapping.",
            HubSettings::parseBoolean, v -> true, "must be true or false");
    public static final Setting<Integer> SHUTDOWN_TIMEOUT_SECONDS = Setting.positiveInt("waybill.shutdown.timeout-seconds", 30,
            "On SIGTERM, how long in-flight work may take to finish before routes are forced down.");

    /** Every setting, in the order the README lists them. */
    public static final List<Setting<?>> ALL = List.of(DATA_DIR, MAPPINGS_DIR, GOLDEN_CASES_DIR, MAPPINGS_WATCH,
            MAPPINGS_QUIET_MS, SECRETS_DIR, HTTP_HOST, HTTP_PORT, KAFKA_BOOTSTRAP,
            KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_PARTITIONS, KAFKA_REPLICATION, ARTEMIS_URL, ARTEMIS_PORT, MQTT_PORT,
            BROKER_HOST, PUSH_MAX_BODY_BYTES, PUSH_MAX_ITEMS, PUSH_TOLERANCE_SECONDS, INBOX_DIR, FILES_QUIET_MS,
            FILES_MAX_BYTES, SFTP_KNOWN_HOSTS, DEDUP_CACHE_SIZE, POLICIES_DIR, SCORING_LATENESS_MINUTES,
            TRACING_ENABLED, SHUTDOWN_TIMEOUT_SECONDS);

    private final Map<String, Object> values;

    private HubSettings(Map<String, Object> values) {
        this.values = values;
    }

    /** Resolves every setting: system property, else environment variable, else default. */
    public static HubSettings resolve(Map<String, String> environment, Properties systemProperties) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : ALL) {
            String text = systemProperties.getProperty(setting.name());
            String origin = "-D" + setting.name();
            if (text == null) {
                text = environment.get(setting.envName());
                origin = "environment variable " + setting.envName();
            }
            if (text == null) {
                text = setting.defaultText();
                origin = "the default";
            }
            values.put(setting.name(), text.isEmpty() && setting.defaultText().isEmpty() ? "" : setting.parse(text, origin));
        }
        return new HubSettings(values);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** Resolves from this process's environment and system properties. */
    public static HubSettings fromProcess() {
        return resolve(System.getenv(), System.getProperties());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting.name());
    }

    public Path path(Setting<String> setting) {
        return Path.of(get(setting)).toAbsolutePath().normalize();
    }

    /** The golden cases folder: the setting, or {@code contract-tests/partners} next to the mappings folder. */
    public Path goldenCasesDir() {
        String configured = get(GOLDEN_CASES_DIR);
        return configured.isBlank() ? besideMappings(path(MAPPINGS_DIR)) : Path.of(configured).toAbsolutePath().normalize();
    }

    /**
     * The golden cases folder for a command given its own mappings folder: {@code contract-tests/partners}
     * next to that folder (a copy of a repository keeps both side by side), else {@link #goldenCasesDir()}.
     */
    public Path goldenCasesDir(Path mappingsOverride) {
        return mappingsOverride == null ? goldenCasesDir() : besideMappings(mappingsOverride.toAbsolutePath().normalize());
    }

    /** The alert policies folder: the setting, or {@code policies} next to the mappings folder. */
    public Path policiesDir() {
        String configured = get(POLICIES_DIR);
        return configured.isBlank() ? path(MAPPINGS_DIR).resolveSibling("policies") : Path.of(configured).toAbsolutePath().normalize();
    }

    private static Path besideMappings(Path mappingsDir) {
        return mappingsDir.resolveSibling("contract-tests").resolve("partners");
    }

    /** The values as properties, for Camel's {@code {{placeholders}}}. */
    public Properties asProperties() {
        Properties properties = new Properties();
        values.forEach((name, value) -> properties.setProperty(name, String.valueOf(value)));
        return properties;
    }

    /** The settings table for the README, generated from the declarations above. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| setting | environment variable | default | what it does |\n|---|---|---|---|\n");
        for (Setting<?> setting : ALL) {
            table.append("| `").append(setting.name()).append("` | `").append(setting.envName()).append("` | ")
                    .append(setting.defaultText().isEmpty() ? "(empty)" : "`" + setting.defaultText() + "`")
                    .append(" | ").append(setting.description()).append(" |\n");
        }
        return table.toString();
    }
}
