package io.waybill.hub.broker;

import io.waybill.hub.config.StartupException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one process role set), running inside
 * the hub's JVM: the embedded default when no external Kafka is configured. Data lives under the
 * log directory, which is formatted once and reused, so topics and records survive restarts.
 *
 * <p>The caller checks the ports first ({@link PortCheck}): in Kafka 4.1 a controller port that cannot
 * be bound reaches Kafka's fault handler, which halts the JVM (a taken client port only fails
 * {@link #start()}). The broker's threads are not daemons, so {@link #close()} must run on every path.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final String host;
    private final int port;
    private final int controllerPort;

    private KafkaRaftServer server;
    private String clusterId;

    public EmbeddedKafka(Path logDir, String host, int port, int controllerPort) {
        this.logDir = logDir.toAbsolutePath();
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats the log directory if it is new, starts the broker and returns once it answers a client.
     *
     * @throws StartupException if the broker does not come up within the start timeout; anything it
     *                          had started is stopped again
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("embedded Kafka is already started on " + bootstrapServers());
        }
        try {
            KafkaConfig config = new KafkaConfig(brokerProperties(), false);
            clusterId = formatOnce(config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitClients();
        } catch (RuntimeException e) {
            StartupException failure = e instanceof StartupException startup ? startup
                    : new StartupException("embedded Kafka did not start on " + bootstrapServers()
                            + " with data in " + logDir + ": " + e.getMessage(), e);
            try {
                close();
            } catch (RuntimeException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
    }

    /** The address clients use, {@code host:port}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** The id the log directory was formatted with; stable across restarts. Null before {@link #start()}. */
    public synchronized String clusterId() {
        return clusterId;
    }

    /** Stops the broker and waits for its threads to end. Safe to call more than once. */
    @Override
    public synchronized void close() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
    }

    private Map<String, Object> brokerProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // A static voter set (kraft.version 0): the quorum lives in the configuration, not in the
        // log, so the controller port may change between runs without reformatting.
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("log.dirs", logDir.toString());
        p.put("server.max.startup.time.ms", Long.toString(START_TIMEOUT.toMillis()));

        // One node: every replication factor and min.insync is 1.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Internal topics sized for one laptop, not a cluster (defaults are 50 partitions each).
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.num.partitions", "10");

        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");

        // Laptop-sized storage and memory: 64 MiB segments instead of 1 GiB, a 16 MiB compaction
        // buffer instead of 128 MiB taken from the hub's heap, fewer request threads.
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    /** Formats a new log directory; keeps an existing one and returns the cluster id it holds. */
    private String formatOnce(KafkaConfig config) {
        Path metaProperties = logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        if (!Files.exists(metaProperties)) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                Files.createDirectories(logDir);
                new Formatter()
                        .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                        .setNodeId(NODE_ID)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setControllerListenerName(CONTROLLER_LISTENER)
                        .setMetadataLogDirectory(config.metadataLogDir())
                        .setDirectories(logDirectories(config))
                        .run();
            } catch (Exception e) {
                throw new StartupException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
            }
            LOG.debug("Kafka format output: {}", output.toString(StandardCharsets.UTF_8).trim());
        }
        String id = readClusterId(metaProperties);
        LOG.debug("Kafka log directory {} holds cluster {}", logDir, id);
        return id;
    }

    private static Collection<String> logDirectories(KafkaConfig config) {
        Set<String> directories = new TreeSet<>(config.logDirs());
        directories.add(config.metadataLogDir());
        return directories;
    }

    private static String readClusterId(Path metaProperties) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        } catch (IOException e) {
            throw new StartupException("cannot read " + metaProperties + ": " + e.getMessage(), e);
        }
        String id = properties.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new StartupException(metaProperties + " has no cluster.id: move the Kafka data directory "
                    + "aside so a new one is formatted");
        }
        return id;
    }

    /** Blocks until a client sees this broker in the cluster, or the start timeout passes. */
    private void awaitClients() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "waybill-embedded-kafka-probe",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) START_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) START_TIMEOUT.toMillis()));
            Collection<Node> nodes = cluster.nodes().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String answeringId = cluster.clusterId().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                throw new IllegalStateException("the broker answered but lists no live node");
            }
            if (!clusterId.equals(answeringId)) {
                throw new IllegalStateException("the broker on " + bootstrapServers() + " belongs to cluster "
                        + answeringId + ", not to " + clusterId + " formatted in " + logDir);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("no answer from the broker: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the broker within " + START_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
