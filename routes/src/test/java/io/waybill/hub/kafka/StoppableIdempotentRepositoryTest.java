package io.waybill.hub.kafka;

import io.waybill.hub.broker.BrokerTestSupport;
import io.waybill.hub.broker.EmbeddedKafka;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StoppableIdempotentRepositoryTest {

    private static final String TOPIC = "waybill.test.idempotency";

    @TempDir
    Path logDir;

    /**
     * A hub stopped soon after it started stops its repository while the repository's poller is still polling. Every
     * stop must close the repository's Kafka clients: a producer left behind reconnects forever once the brokers are
     * gone (seen in the contract tests, where hubs come and go in one JVM).
     */
    @Test
    void a_repository_stopped_while_its_poller_polls_leaves_no_kafka_client_behind() throws Exception {
        Set<String> before = kafkaClientThreads();
        int[] ports = BrokerTestSupport.freePorts(2);
        try (EmbeddedKafka kafka = new EmbeddedKafka(logDir, BrokerTestSupport.HOST, ports[0], ports[1]);
             DefaultCamelContext context = new DefaultCamelContext()) {
            kafka.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            context.start();
            for (int run = 0; run < 5; run++) {
                Properties producer = new Properties();
                producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                Properties consumer = new Properties();
                consumer.put("bootstrap.servers", kafka.bootstrapServers());
                StoppableIdempotentRepository repository = new StoppableIdempotentRepository(TOPIC, producer, consumer);
                repository.setCamelContext(context);
                repository.start();
                assertThat(repository.add("id-" + run)).isTrue();
                repository.stop();
                assertThat(repository.isStopped()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kafkaClientThreads()).isSubsetOf(before));
        }
    }

    /** The network threads of the live Kafka producers and consumers' heartbeats in this JVM. */
    private static Set<String> kafkaClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("kafka-producer-network-thread") || name.startsWith("kafka-coordinator-heartbeat-thread"))
                .collect(Collectors.toSet());
    }
}
