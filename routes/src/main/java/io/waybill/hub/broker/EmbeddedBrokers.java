package io.waybill.hub.broker;

import io.waybill.hub.config.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's embedded default: Kafka and Artemis inside its own JVM, each optional because the hub may
 * be pointed at an external one. All ports are checked before anything starts, so a clash ends in
 * one operator-readable {@link StartupException} and no half-started broker.
 */
public final class EmbeddedBrokers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokers.class);

    static final String KAFKA_PORT_SETTING = "waybill.kafka.port";
    static final String KAFKA_CONTROLLER_PORT_SETTING = "waybill.kafka.controller-port";
    static final String ARTEMIS_PORT_SETTING = "waybill.artemis.port";
    static final String MQTT_PORT_SETTING = "waybill.mqtt.port";

    private final EmbeddedKafka kafka;
    private final EmbeddedArtemis artemis;

    private EmbeddedBrokers(EmbeddedKafka kafka, EmbeddedArtemis artemis) {
        this.kafka = kafka;
        this.artemis = artemis;
    }

    /**
     * Starts the brokers asked for, Kafka under {@code dataDir/kafka} and Artemis under
     * {@code dataDir/artemis}, and returns once both accept clients.
     *
     * @throws StartupException if a port is taken (nothing is started then) or a broker fails to
     *                          start (the other one is stopped again)
     */
    public static EmbeddedBrokers start(Path dataDir, String host, int kafkaPort, int kafkaControllerPort,
                                        int artemisPort, int mqttPort, boolean withKafka, boolean withArtemis) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (withKafka) {
            ports.put(KAFKA_PORT_SETTING, kafkaPort);
            ports.put(KAFKA_CONTROLLER_PORT_SETTING, kafkaControllerPort);
        }
        if (withArtemis) {
            ports.put(ARTEMIS_PORT_SETTING, artemisPort);
            ports.put(MQTT_PORT_SETTING, mqttPort);
        }
        requireDistinct(ports);
        ports.forEach((setting, port) -> PortCheck.requireFree(setting, host, port));

        EmbeddedKafka kafka = null;
        EmbeddedArtemis artemis = null;
        try {
            if (withKafka) {
                kafka = new EmbeddedKafka(dataDir.resolve("kafka"), host, kafkaPort, kafkaControllerPort);
                long began = System.nanoTime();
                kafka.start();
                LOG.info("Embedded Kafka listening on {} (controller {}:{}, data {}), started in {} ms",
                        kafka.bootstrapServers(), host, kafkaControllerPort, dataDir.resolve("kafka"), millisSince(began));
            }
            if (withArtemis) {
                artemis = new EmbeddedArtemis(dataDir.resolve("artemis"), host, artemisPort, mqttPort);
                long began = System.nanoTime();
                artemis.start();
                LOG.info("Embedded Artemis listening on {} (CORE, AMQP, MQTT) and tcp://{}:{} (MQTT), data {}, started in {} ms",
                        artemis.url(), host, mqttPort, dataDir.resolve("artemis"), millisSince(began));
            }
            return new EmbeddedBrokers(kafka, artemis);
        } catch (RuntimeException e) {
            stopQuietly(artemis, e);
            stopQuietly(kafka, e);
            throw e;
        }
    }

    /** Kafka's {@code host:port}, or null when the hub uses an external Kafka. */
    public String bootstrapServers() {
        return kafka == null ? null : kafka.bootstrapServers();
    }

    /** Artemis's {@code tcp://host:port}, or null when the hub uses an external broker. */
    public String artemisUrl() {
        return artemis == null ? null : artemis.url();
    }

    /** Stops Artemis, then Kafka; a failure to stop one does not leave the other running. */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            if (artemis != null) {
                artemis.close();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // Each port passes PortCheck on its own, then the second broker to bind it would clash; for
    // Kafka that clash exits the JVM.
    private static void requireDistinct(Map<String, Integer> ports) {
        Map<Integer, String> owners = new LinkedHashMap<>();
        ports.forEach((setting, port) -> {
            String other = owners.putIfAbsent(port, setting);
            if (other != null) {
                throw new StartupException(String.format(
                        "port %d is chosen twice, by %s (env %s) and %s (env %s): give each its own port",
                        port, other, PortCheck.envName(other), setting, PortCheck.envName(setting)));
            }
        });
    }

    private static void stopQuietly(AutoCloseable broker, RuntimeException startFailure) {
        if (broker == null) {
            return;
        }
        try {
            broker.close();
        } catch (Exception e) {
            startFailure.addSuppressed(e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
