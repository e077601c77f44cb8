package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.hub.broker.BrokerTestSupport;
import io.waybill.hub.broker.EmbeddedKafka;
import io.waybill.schema.CanonicalEvent;
import io.waybill.schema.EventIds;
import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The smoother against a real Kafka, with a clock the test moves: parts of a window merge into one
 * observation once it closes, memory stays bounded, and a smoother that stops with a window open
 * leaves its parts for the next one to read.
 */
class ObservationSmootherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Instant READS = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    static Path logDir;
    private static EmbeddedKafka kafka;
    private static int topics;

    private final List<ObjectNode> published = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock(READS.plusSeconds(60));
    private String topic;

    @BeforeAll
    static void startKafka() {
        int[] ports = BrokerTestSupport.freePorts(2);
        kafka = new EmbeddedKafka(logDir, BrokerTestSupport.HOST, ports[0], ports[1]);
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void newTopic() throws Exception {
        topic = "waybill.test.smoothing." + (++topics);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    @Test
    void the_parts_of_a_window_become_one_observation_once_it_closes() throws Exception {
        try (DefaultCamelContext context = collecting()) {
            ObservationSmoother smoother = smoother(context, Duration.ofSeconds(5), 100);
            send(part("r1", "TAG-1", 100, 3, -60), part("r2", "TAG-1", 900, 4, -48.5), part("r3", "TAG-2", 300, 1, -70));
            await().atMost(Duration.ofSeconds(30)).until(() -> smoother.openWindows() == 2);
            assertThat(published).as("the grace has not passed").isEmpty();

            clock.move(Duration.ofSeconds(6));

            await().atMost(Duration.ofSeconds(30)).until(() -> published.size() == 2);
            ObjectNode tag1 = published.stream().filter(o -> o.at("/data/epcList/0").asText().equals("TAG-1")).findFirst().orElseThrow();
            assertThat(tag1.at("/data/readCount").asInt()).isEqualTo(7);
            assertThat(tag1.at("/data/peakRssiDbm").asDouble()).isEqualTo(-48.5);
            assertThat(tag1.at("/data/firstSeen").asText()).isEqualTo(READS.plusMillis(100).toString());
            assertThat(tag1.path("id").asText()).isEqualTo(io.waybill.mapping.ReadSmoother.place(tag1, WINDOW).id());
            await().atMost(Duration.ofSeconds(30)).until(() -> smoother.openWindows() == 0);
            clock.move(Duration.ofSeconds(6));
            await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(published).as("each window once").hasSize(2);
            smoother.stop();
        }
    }

    @Test
    void past_the_cap_the_window_that_ends_first_is_published_early() throws Exception {
        try (DefaultCamelContext context = collecting()) {
            ObservationSmoother smoother = smoother(context, Duration.ofHours(1), 2);
            send(part("r1", "TAG-1", 4_100, 1, -60), part("r2", "TAG-2", 100, 1, -60), part("r3", "TAG-3", 2_100, 1, -60));

            await().atMost(Duration.ofSeconds(30)).until(() -> published.size() == 1);
            assertThat(published.get(0).at("/data/epcList/0").asText()).as("its window ends first").isEqualTo("TAG-2");
            await().atMost(Duration.ofSeconds(30)).until(() -> smoother.openWindows() == 2);
            assertThat(published).hasSize(1);
            smoother.stop();
        }
    }

    @Test
    void a_window_open_when_the_smoother_stops_is_read_again_by_the_next_one() throws Exception {
        try (DefaultCamelContext context = collecting()) {
            ObservationSmoother first = smoother(context, Duration.ofSeconds(5), 100);
            send(part("r1", "TAG-1", 100, 3, -60));
            await().atMost(Duration.ofSeconds(30)).until(() -> first.openWindows() == 1);
            first.stop();

            ObservationSmoother second = smoother(context, Duration.ofSeconds(5), 100);
            send(part("r2", "TAG-1", 700, 2, -50));
            await().atMost(Duration.ofSeconds(30)).until(() -> second.openWindows() == 1);
            clock.move(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(30)).until(() -> published.size() == 1);
            assertThat(published.get(0).at("/data/readCount").asInt()).as("3 read before the stop, 2 after").isEqualTo(5);
            second.stop();
        }
    }

    @Test
    void records_it_cannot_read_are_skipped_and_the_reads_beside_them_are_published() throws Exception {
        try (DefaultCamelContext context = collecting()) {
            ObservationSmoother smoother = smoother(context, Duration.ofSeconds(5), 100);
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(topic, "garbage", new byte[] {0x00, (byte) 0xFF, 0x13})).get();
                producer.send(new ProducerRecord<>(topic, "no-window-header", JSON.writeValueAsBytes(part("r0", "TAG-1", 100, 1, -60)))).get();
                ObjectNode pallet = part("r1", "TAG-1", 100, 1, -60);
                ((ObjectNode) pallet.get("data")).putArray("epcList").add("TAG-1").add("TAG-2");
                ProducerRecord<String, byte[]> severalTags = new ProducerRecord<>(topic, "several-tags", JSON.writeValueAsBytes(pallet));
                severalTags.headers().add(PushPublication.WINDOW_MS_HEADER, "2000".getBytes(StandardCharsets.UTF_8));
                producer.send(severalTags).get();
            }
            send(part("r2", "TAG-1", 500, 3, -55));
            await().atMost(Duration.ofSeconds(30)).until(() -> smoother.openWindows() == 1);

            clock.move(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(30)).until(() -> published.size() == 1);
            assertThat(published.get(0).at("/data/readCount").asInt()).as("only the readable part").isEqualTo(3);
            smoother.stop();
        }
    }

    private DefaultCamelContext collecting() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").process(exchange -> {
                    for (Object item : exchange.getMessage().getBody(List.class)) {
                        published.addAll(((NormalizedItem) item).events());
                    }
                });
            }
        });
        context.start();
        return context;
    }

    private ObservationSmoother smoother(DefaultCamelContext context, Duration grace, int maxOpenWindows) {
        ObservationSmoother smoother = new ObservationSmoother(kafka.bootstrapServers(), topic, "direct:publish", grace,
                maxOpenWindows, clock);
        smoother.setCamelContext(context);
        smoother.start();
        return smoother;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private void send(ObjectNode... parts) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ObjectNode part : parts) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic,
                        io.waybill.mapping.ReadSmoother.place(part, WINDOW).id(), JSON.writeValueAsBytes(part));
                record.headers().add(PushPublication.WINDOW_MS_HEADER, "2000".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
    }

    /** One read of a tag at dock-1, {@code millis} after {@link #READS}. */
    private static ObjectNode part(String report, String epc, long millis, int count, double rssi) {
        String time = READS.plusMillis(millis).toString();
        ObjectNode data = JSON.createObjectNode().put("locationId", "DC-1").put("action", "OBSERVE").put("readPoint", "dock-1")
                .put("eventTime", time).put("eventTimeOffset", "+00:00").put("firstSeen", time).put("lastSeen", time)
                .put("readCount", count).put("peakRssiDbm", rssi);
        data.putArray("epcList").add(epc);
        return CanonicalEvent.build(new SchemaRef(EventType.OBSERVATION, 1), EventIds.deterministic("dock", report, 0), data,
                new CanonicalEvent.Lineage("dock", "mqtt", "dock.reads", 1, READS, null, null));
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
