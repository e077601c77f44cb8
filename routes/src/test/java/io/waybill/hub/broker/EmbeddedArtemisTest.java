package io.waybill.hub.broker;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static io.waybill.hub.broker.BrokerTestSupport.HOST;
import static io.waybill.hub.broker.BrokerTestSupport.freePorts;
import static io.waybill.hub.broker.BrokerTestSupport.nonDaemonThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedArtemisTest {

    private static final String QUEUE = "waybill.test.orders";

    @TempDir
    Path dataDir;

    @Test
    void persistent_message_on_a_durable_queue_survives_a_restart() throws Exception {
        Set<String> threadsBefore = nonDaemonThreads();
        int[] ports = freePorts(2);
        try (EmbeddedArtemis artemis = new EmbeddedArtemis(dataDir, HOST, ports[0], ports[1])) {
            artemis.start();
            assertThat(artemis.url()).isEqualTo("tcp://" + HOST + ":" + ports[0]);
            try (Socket mqtt = new Socket(HOST, ports[1])) {
                assertThat(mqtt.isConnected()).isTrue();
            }

            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(artemis.url());
                 JMSContext context = factory.createContext()) {
                context.createProducer()
                        .setDeliveryMode(DeliveryMode.PERSISTENT)
                        .send(context.createQueue(QUEUE), "order-1 shipped");
            }
        }
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() ->
                assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore));

        int[] newPorts = freePorts(2);
        try (EmbeddedArtemis artemis = new EmbeddedArtemis(dataDir, HOST, newPorts[0], newPorts[1])) {
            artemis.start();
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(artemis.url());
                 JMSContext context = factory.createContext()) {
                String body = context.createConsumer(context.createQueue(QUEUE)).receiveBody(String.class, 10_000);

                assertThat(body).isEqualTo("order-1 shipped");
            }
        }
    }
}
