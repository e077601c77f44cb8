package io.waybill.hub.config;

import java.nio.file.Path;
import java.util.function.Function;
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
    public static final Setting<Boolean> MQTT_ENABLED = new Setting<>("waybill.mqtt.enabled", "true",
            "Subscribe to the MQTT broker for the messages of partners' devices (channels.mqtt).",
            HubSettings::parseBoolean, v -> true, "must be true or false");
    public static final Setting<String> MQTT_URL = new Setting<>("waybill.mqtt.url", "",
            "External MQTT broker the hub subscribes to (tcp://host:1883, or ssl://host:8883 for TLS). Empty: the embedded Artemis's MQTT port.",
            Function.identity(), v -> v.isEmpty() || v.matches("(tcp|ssl|ws|wss)://\\S+"),
            "must be tcp://host:port, ssl://host:port, ws://... or wss://...");
    public static final Setting<String> MQTT_TOPIC = new Setting<>("waybill.mqtt.topic", "telemetry/#",
            "The topic filter the hub subscribes to, with QoS 1. Every partner's channels.mqtt.topic must lie inside it (checked at start-up).",
            Function.identity(), HubSettings::isTopicFilter, "must be an MQTT topic filter not starting with $ (# only as the last level)");
    public static final Setting<String> MQTT_SHARE_GROUP = new Setting<>("waybill.mqtt.share-group", "waybill",
            "MQTT 5 shared subscription group: the hub subscribes to $share/<group>/<topic>, so hub instances of one group split the messages. Empty: a plain subscription (every instance gets every message).",
            Function.identity(), v -> v.isEmpty() || v.matches("[^/+#\\s]+"), "must be one topic level without / + # or blanks");
    public static final Setting<String> MQTT_CLIENT_ID = new Setting<>("waybill.mqtt.client-id", "",
            "MQTT client id of this hub instance. Its persistent session (what the broker keeps while the hub is down) belongs to this id: keep it stable across restarts and distinct per instance. Empty: waybill-<host name>.",
            Function.identity(), v -> v.isEmpty() || v.matches("[A-Za-z0-9._-]{1,64}"), "must be 1 to 64 letters, digits, '.', '_' or '-'");
    public static final Setting<Long> MQTT_SESSION_EXPIRY_SECONDS = Setting.positiveLong("waybill.mqtt.session-expiry-seconds", 604_800,
            "How long the broker keeps the hub's MQTT session, and queues its messages, while the hub is away (clean start is off), in seconds.");
    public static final Setting<String> MQTT_USERNAME = Setting.text("waybill.mqtt.username", "",
            "User name the hub logs in to the MQTT broker with. Empty: no login.");
    public static final Setting<String> MQTT_PASSWORD = Setting.text("waybill.mqtt.password", "",
            "Password for waybill.mqtt.username. A secret: set it in the environment (WAYBILL_MQTT_PASSWORD), never in a file of the repository.");
    public static final Setting<String> MQTT_TRUST_STORE = Setting.text("waybill.mqtt.tls.trust-store", "",
            "For an ssl:// broker: a PKCS12 or JKS trust store holding the broker's CA. Empty: the JVM's default trust store.");
    public static final Setting<String> MQTT_TRUST_STORE_PASSWORD = Setting.text("waybill.mqtt.tls.trust-store-password", "",
            "Password of waybill.mqtt.tls.trust-store (a secret: environment only).");
    public static final Setting<String> MQTT_KEY_STORE = Setting.text("waybill.mqtt.tls.key-store", "",
            "For an ssl:// broker that asks for a client certificate: a PKCS12 or JKS key store holding the hub's key and certificate. Empty: none.");
    public static final Setting<String> MQTT_KEY_STORE_PASSWORD = Setting.text("waybill.mqtt.tls.key-store-password", "",
            "Password of waybill.mqtt.tls.key-store (a secret: environment only).");
    public static final Setting<Integer> MQTT_MAX_PAYLOAD_BYTES = new Setting<>("waybill.mqtt.max-payload-bytes", "262144",
            "Largest MQTT payload read, in bytes; a larger one goes to dlq.v1 unread (its value empty).",
            Integer::parseInt, v -> v > 0 && v <= 524_288, "must be a whole number from 1 to 524288 (a raw.v1 record must fit Kafka's 1 MB)");
    public static final Setting<Integer> MQTT_RECEIVE_MAXIMUM = new Setting<>("waybill.mqtt.receive-maximum", "5000",
            "How many QoS 1 messages the broker may send the hub before the hub acknowledges them (MQTT 5 Receive Maximum): the messages in flight while earlier ones are made durable.",
            Integer::parseInt, v -> v > 0 && v <= 65_535, "must be a whole number from 1 to 65535");
    public static final Setting<Integer> MQTT_BATCH_SIZE = Setting.positiveInt("waybill.mqtt.batch-size", 500,
            "Most MQTT messages archived, mapped and published to Kafka together, as one push's items are.");
    public static final Setting<Integer> MQTT_BATCH_LANES = new Setting<>("waybill.mqtt.batch-lanes", "2",
            "How many MQTT batches are on their way to Kafka at once. A device's messages always take the same lane, so they stay in order. Fewer lanes make bigger batches, which cost less CPU per message; more lanes help only when the hub waits on Kafka with CPU to spare.",
            Integer::parseInt, v -> v > 0 && v <= 64, "must be a whole number from 1 to 64");
    public static final Setting<Integer> MQTT_BATCH_LINGER_MS = new Setting<>("waybill.mqtt.batch-linger-ms", "20",
            "How long the first message of a batch waits for more, in milliseconds (0: not at all): at most this much later acknowledged, for bigger batches.",
            Integer::parseInt, v -> v >= 0 && v <= 10_000, "must be a whole number from 0 to 10000");
    public static final Setting<Integer> SMOOTHING_GRACE_MS = new Setting<>("waybill.smoothing.grace-ms", "2000",
            "Read smoothing: how long, in milliseconds, a window stays open after both its end and its latest read's arrival, for reads still on their way; then its observation is published.",
            Integer::parseInt, v -> v >= 0 && v <= 3_600_000, "must be a whole number from 0 to 3600000");
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
    public static final Setting<Integer> SCORING_CHECKPOINT_SECONDS = Setting.positiveInt("waybill.scoring.checkpoint-seconds", 30,
            "How often, at most, scoring writes its state and positions to the state topic (off the alert path). After a crash, what it scored since the last checkpoint is scored again: alert steps keep their ids.");
    public static final Setting<Boolean> TRACING_ENABLED = new Setting<>("waybill.tracing.enabled", "false",
            "OpenTelemetry spans for every exchange (each item and event of a push). Off by default: it costs more than the mapping.",
            HubSettings::parseBoolean, v -> true, "must be true or false");
    public static final Setting<Integer> SHUTDOWN_TIMEOUT_SECONDS = Setting.positiveInt("waybill.shutdown.timeout-seconds", 30,
            "On SIGTERM, how long in-flight work may take to finish before routes are forced down.");

    /** Every setting, in the order the README lists them. */
    public static final List<Setting<?>> ALL = List.of(DATA_DIR, MAPPINGS_DIR, GOLDEN_CASES_DIR, MAPPINGS_WATCH,
            MAPPINGS_QUIET_MS, SECRETS_DIR, HTTP_HOST, HTTP_PORT, KAFKA_BOOTSTRAP,
            KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_PARTITIONS, KAFKA_REPLICATION, ARTEMIS_URL, ARTEMIS_PORT, MQTT_PORT,
            BROKER_HOST, MQTT_ENABLED, MQTT_URL, MQTT_TOPIC, MQTT_SHARE_GROUP, MQTT_CLIENT_ID, MQTT_SESSION_EXPIRY_SECONDS,
            MQTT_USERNAME, MQTT_PASSWORD, MQTT_TRUST_STORE, MQTT_TRUST_STORE_PASSWORD, MQTT_KEY_STORE, MQTT_KEY_STORE_PASSWORD,
            MQTT_MAX_PAYLOAD_BYTES, MQTT_RECEIVE_MAXIMUM, MQTT_BATCH_SIZE, MQTT_BATCH_LANES, MQTT_BATCH_LINGER_MS, SMOOTHING_GRACE_MS, PUSH_MAX_BODY_BYTES, PUSH_MAX_ITEMS, PUSH_TOLERANCE_SECONDS, INBOX_DIR, FILES_QUIET_MS,
            FILES_MAX_BYTES, SFTP_KNOWN_HOSTS, DEDUP_CACHE_SIZE, POLICIES_DIR, SCORING_LATENESS_MINUTES, SCORING_CHECKPOINT_SECONDS,
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

    /** An MQTT topic filter a hub may subscribe to: not the broker's ($...), # only last, + and # whole levels. */
    static boolean isTopicFilter(String filter) {
        if (filter.isEmpty() || filter.startsWith("$") || filter.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#") ? i != levels.length - 1 : !level.equals("+") && (level.contains("+") || level.contains("#"))) {
                return false;
            }
        }
        return true;
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

    /** These settings with one value replaced (a setting the hub turns off for a reason it logs). */
    public <T> HubSettings with(Setting<T> setting, T value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(setting.name(), value);
        return new HubSettings(changed);
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
