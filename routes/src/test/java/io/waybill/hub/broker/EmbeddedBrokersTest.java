package io.waybill.hub.broker;

import io.waybill.hub.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import static io.waybill.hub.broker.BrokerTestSupport.HOST;
import static io.waybill.hub.broker.BrokerTestSupport.freePorts;
import static io.waybill.hub.broker.BrokerTestSupport.isBindable;
import static io.waybill.hub.broker.BrokerTestSupport.nonDaemonThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedBrokersTest {

    @TempDir
    Path dataDir;

    @Test
    void starts_nothing_when_the_kafka_port_is_held() throws Exception {
        Set<String> threadsBefore = nonDaemonThreads();
        int[] ports = freePorts(3);
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int kafkaPort = held.getLocalPort();

            assertThatThrownBy(() -> EmbeddedBrokers.start(dataDir, HOST, kafkaPort, ports[0], ports[1], ports[2], true, true))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("port " + kafkaPort + " (setting waybill.kafka.port, env WAYBILL_KAFKA_PORT) on "
                            + HOST + " is already in use: stop what holds it or choose another port");
        }
        assertNothingListensOn(ports);
        assertThat(dataDir).isEmptyDirectory();
        assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore);
    }

    @Test
    void refuses_one_port_for_two_settings() {
        int[] ports = freePorts(3);

        assertThatThrownBy(() -> EmbeddedBrokers.start(dataDir, HOST, ports[0], ports[1], ports[0], ports[2], true, true))
                .isInstanceOf(StartupException.class)
                .hasMessage("port " + ports[0] + " is chosen twice, by waybill.kafka.port (env WAYBILL_KAFKA_PORT) and "
                        + "waybill.artemis.port (env WAYBILL_ARTEMIS_PORT): give each its own port");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void starts_artemis_alone_without_checking_the_kafka_ports_when_kafka_is_external() throws Exception {
        Set<String> threadsBefore = nonDaemonThreads();
        int[] ports = freePorts(3);
        try (ServerSocket externalKafka = new ServerSocket(0, 1, InetAddress.getByName(HOST));
             EmbeddedBrokers brokers = EmbeddedBrokers.start(dataDir, HOST, externalKafka.getLocalPort(), ports[0],
                     ports[1], ports[2], false, true)) {

            assertThat(brokers.bootstrapServers()).isNull();
            assertThat(brokers.artemisUrl()).isEqualTo("tcp://" + HOST + ":" + ports[1]);
            assertThat(isBindable(ports[1])).isFalse();
        }
        assertThat(dataDir.resolve("artemis")).isDirectory();
        assertThat(dataDir.resolve("kafka")).doesNotExist();
        assertNothingListensOn(ports);
        awaitNoThreadsBeyond(threadsBefore);
    }

    @Test
    void stops_kafka_again_when_artemis_fails_to_start() throws Exception {
        Set<String> threadsBefore = nonDaemonThreads();
        int[] ports = freePorts(4);
        // A file where Artemis wants its data directory: Artemis starts after Kafka and fails.
        Files.writeString(dataDir.resolve("artemis"), "not a directory");

        assertThatThrownBy(() -> EmbeddedBrokers.start(dataDir, HOST, ports[0], ports[1], ports[2], ports[3], true, true))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("embedded Artemis did not start on tcp://" + HOST + ":" + ports[2]);

        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
        assertNothingListensOn(ports);
        awaitNoThreadsBeyond(threadsBefore);
    }

    private static void assertNothingListensOn(int[] ports) {
        assertThat(Arrays.stream(ports).filter(port -> !isBindable(port)).boxed().toList())
                .as("ports still listened on")
                .isEmpty();
    }

    private static void awaitNoThreadsBeyond(Set<String> threadsBefore) {
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() ->
                assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore));
    }
}
