package io.waybill.hub.broker;

import io.waybill.hub.config.StartupException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An Artemis broker running inside the hub's JVM: the embedded default when no external JMS/AMQP
 * broker is configured. Persistent (journal, bindings, paging and large messages under the data
 * directory), so durable queues and their messages survive restarts.
 *
 * <p>One acceptor serves CORE, AMQP and MQTT on the main port; a second serves MQTT alone on the
 * MQTT port, so devices can use the port they expect.
 *
 * <p>Security is off for now: anyone who can reach the ports can send and receive. The default host
 * is the loopback address for that reason; users and roles come with the hub's security settings.
 */
public final class EmbeddedArtemis implements AutoCloseable {

    /** Where messages go after too many failed deliveries. */
    public static final String DEAD_LETTER_ADDRESS = "DLQ";
    /** Where expired messages go. */
    public static final String EXPIRY_ADDRESS = "ExpiryQueue";

    private static final String MAIN_ACCEPTOR = "waybill";
    private static final String MQTT_ACCEPTOR = "mqtt";
    // Long enough for a previous hub on the same data directory to finish stopping.
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    // Block producers only when the disk is nearly full in absolute terms: the default (90 % used)
    // stops a hub on many ordinary laptop disks that still have tens of gigabytes free.
    private static final long MIN_DISK_FREE_BYTES = 512L * 1024 * 1024;
    // Messages held in memory before addresses page to disk: a share of the heap, since the broker
    // shares the JVM with Camel and the Kafka clients (Artemis's own default is half the heap).
    private static final int GLOBAL_MAX_SIZE_PERCENT_OF_HEAP = 20;

    private final Path dataDir;
    private final String host;
    private final int port;
    private final int mqttPort;

    private EmbeddedActiveMQ broker;

    public EmbeddedArtemis(Path dataDir, String host, int port, int mqttPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.host = host;
        this.port = port;
        this.mqttPort = mqttPort;
    }

    /**
     * Starts the broker and returns once it is active and both acceptors listen.
     *
     * @throws StartupException if it does not; anything it had started is stopped again
     */
    public synchronized void start() {
        if (broker != null) {
            throw new IllegalStateException("embedded Artemis is already started on " + url());
        }
        broker = new EmbeddedActiveMQ();
        try {
            broker.setConfiguration(configuration());
            broker.start();
            requireActive(broker.getActiveMQServer());
        } catch (Exception e) {
            StartupException failure = new StartupException("embedded Artemis did not start on " + url() + " and "
                    + host + ":" + mqttPort + " with data in " + dataDir + ": " + e.getMessage(), e);
            try {
                close();
            } catch (RuntimeException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
    }

    /** The URL CORE clients (and the hub's JMS connection factory) use: {@code tcp://host:port}. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    /** Stops the broker. Safe to call more than once. */
    @Override
    public synchronized void close() {
        EmbeddedActiveMQ running = broker;
        broker = null;
        if (running == null) {
            return;
        }
        try {
            running.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Artemis on " + url() + " did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private Configuration configuration() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("waybill");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dataDir.resolve("journal").toString());
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(dataDir.toString());
        // A second hub pointed at the same data directory fails instead of waiting for the lock forever.
        config.setJournalLockAcquisitionTimeout(LOCK_TIMEOUT.toMillis());
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setMaxDiskUsage(-1);
        config.setMinDiskFree(MIN_DISK_FREE_BYTES);
        config.setGlobalMaxSize(Runtime.getRuntime().maxMemory() / 100 * GLOBAL_MAX_SIZE_PERCENT_OF_HEAP);

        config.addAcceptorConfiguration(MAIN_ACCEPTOR, url() + "?protocols=CORE,AMQP,MQTT");
        config.addAcceptorConfiguration(MQTT_ACCEPTOR, "tcp://" + host + ":" + mqttPort + "?protocols=MQTT");

        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                // Like the broker.xml Artemis ships: an auto-created queue is not dropped when its last
                // consumer leaves, so a restarting route finds its queue (and its filter) again.
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        // Without a queue on them, dead and expired messages routed to these addresses would vanish.
        config.addAddressConfiguration(anycastQueue(DEAD_LETTER_ADDRESS));
        config.addAddressConfiguration(anycastQueue(EXPIRY_ADDRESS));
        return config;
    }

    private static CoreAddressConfiguration anycastQueue(String name) {
        return new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }

    // A primary-only broker activates inside start(), so "not active" right after it means the
    // activation failed. Artemis logs why (an acceptor that cannot bind, for one) and would
    // otherwise carry on half-started.
    private static void requireActive(ActiveMQServer server) {
        Map<String, Acceptor> acceptors = server.getRemotingService().getAcceptors();
        List<String> notListening = Stream.of(MAIN_ACCEPTOR, MQTT_ACCEPTOR)
                .filter(name -> acceptors.get(name) == null || !acceptors.get(name).isStarted())
                .toList();
        if (!server.isActive() || !notListening.isEmpty()) {
            throw new IllegalStateException("the broker did not become active"
                    + (notListening.isEmpty() ? "" : ", acceptors not listening: " + notListening)
                    + " (the Artemis log above says why)");
        }
    }
}
