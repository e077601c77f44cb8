package io.waybill.hub.broker;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.waybill.hub.broker.BrokerTestSupport.HOST;
import static io.waybill.hub.broker.BrokerTestSupport.freePorts;
import static io.waybill.hub.broker.BrokerTestSupport.nonDaemonThreads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaTest {

    private static final String TOPIC = "waybill.test.persistence";

    @TempDir
    Path logDir;

    @Test
    void acknowledged_record_survives_a_restart_on_the_same_log_dir() throws Exception {
        Set<String> threadsBefore = nonDaemonThreads();
        String clusterId;
        int[] ports = freePorts(2);
        try (EmbeddedKafka kafka = new EmbeddedKafka(logDir, HOST, ports[0], ports[1])) {
            kafka.start();
            clusterId = kafka.clusterId();
            produce(kafka.bootstrapServers(), "order-1", "shipped");

            assertThat(awaitValue(kafka.bootstrapServers(), "order-1")).isEqualTo("shipped");
        }
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() ->
                assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore));

        int[] newPorts = freePorts(2);
        try (EmbeddedKafka kafka = new EmbeddedKafka(logDir, HOST, newPorts[0], newPorts[1])) {
            kafka.start();

            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(awaitValue(kafka.bootstrapServers(), "order-1")).isEqualTo("shipped");
        }
    }

    private static void produce(String bootstrapServers, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic from the beginning, without a consumer group, until {@code key} turns up. */
    private static String awaitValue(String bootstrapServers, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, String> seen = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.put(record.key(), record.value()));
                return seen.containsKey(key);
            });
            return seen.get(key);
        }
    }
}
