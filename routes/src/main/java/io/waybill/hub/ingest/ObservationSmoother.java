package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.waybill.mapping.ReadSmoother;
import io.waybill.schema.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Read smoothing across batches. The ingest routes send each batch's new reads of a smoothing
 * mapping, already aggregated per window, to the internal {@code waybill.smoothing} topic, keyed by
 * the window's id (so every part of one window lands in one partition). This service reads that
 * topic, merges the parts of each window ({@link ReadSmoother#merge}: the same observation one
 * batch holding every read would have given) and, once the window has closed, publishes its
 * observation through {@code direct:publish-push}.
 *
 * <p>A window closes {@code grace} after both its end and the arrival of its latest part, by the
 * hub's clock: reads still on their way (a portal's report, an MQTT batch) get that long. It is
 * held at most its length (plus {@code grace}) after its first part arrived, though: a reader whose
 * clock runs ahead of the hub's would otherwise keep its windows, and the topic's committed offset,
 * waiting until its clock's time comes. A part of
 * a window already published is merged into a window of the same id, which is then recognised as
 * a duplicate and dropped (counted in {@code waybill_events_duplicates_total}): an observation, once
 * out, is never published twice.
 *
 * <p>Nothing is lost across a stop or a crash: the group's committed offset on a partition never
 * passes the first part of a window still open, so a restarted hub (or, after a rebalance, another
 * instance of the group) reads every part of those windows again. Parts of windows published
 * since are read again too; their window's id is the same, so they are dropped as duplicates.
 *
 * <p>Why a plain consumer on a thread rather than a route: the offset committed is not the
 * position reached but the first part of the oldest open window, and the windows of a partition
 * taken away by a rebalance must be dropped, which camel-kafka's consumer does not offer.
 */
public final class ObservationSmoother extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ObservationSmoother.class);
    /** The consumer group of the hub instances: they split the topic's partitions. */
    public static final String GROUP = "waybill-smoothing";
    static final String METRIC = "waybill.smoothing.open.windows";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);
    /** Beyond this many open windows, the one that ends first is published early (memory stays bounded). */
    public static final int MAX_OPEN_WINDOWS = 100_000;

    private final Properties consumerConfig;
    private final String topic;
    private final String publishEndpoint;
    private final Duration grace;
    private final int maxOpenWindows;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    private CamelContext context;
    private ProducerTemplate template;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    // The consumer thread's own.
    private final Map<String, Window> open = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private volatile int openCount;

    public ObservationSmoother(String bootstrapServers, String topic, String publishEndpoint, Duration grace,
                               int maxOpenWindows, Clock clock) {
        this.consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.topic = topic;
        this.publishEndpoint = publishEndpoint;
        this.grace = grace;
        this.maxOpenWindows = maxOpenWindows;
        this.clock = clock;
    }

    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    /** Windows open now on this instance. */
    public int openWindows() {
        return openCount;
    }

    @Override
    protected void doStart() {
        template = context.createProducerTemplate();
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            Gauge.builder(METRIC, this, ObservationSmoother::openWindows)
                    .description("Read smoothing windows open on this hub instance, waiting to close")
                    .register(registry);
        }
        running = true;
        thread = new Thread(this::run, "waybill-smoothing");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops reading; open windows are not published: their parts stay uncommitted, and are read again. */
    @Override
    protected void doStop() throws Exception {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (template != null) {
            template.stop();
        }
    }

    private void run() {
        Duration pause = FIRST_RETRY;
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig)) {
                consumer = kafka;
                kafka.subscribe(List.of(topic), new Rebalance());
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        add(record);
                    }
                    if (publishDue()) {
                        kafka.resume(kafka.paused());
                        pause = FIRST_RETRY;
                    } else {
                        // Kafka refused the observations: read no more until it takes them.
                        kafka.pause(kafka.assignment());
                        sleep(pause);
                        pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
                    }
                    commit(kafka);
                }
            } catch (WakeupException e) {
                // Stopping.
            } catch (RuntimeException e) {
                LOG.error("Read smoothing failed; reading the smoothing topic again from its committed offsets in {} ms",
                        pause.toMillis(), e);
                forget(new ArrayList<>(committed.keySet()));
                open.clear();
                openCount = 0;
                sleep(pause);
            } finally {
                consumer = null;
            }
        }
    }

    /** One batch's aggregate of one window's new reads: into that window, opened if need be. */
    private void add(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ObjectNode part;
        Duration length;
        try {
            part = (ObjectNode) mapper.readTree(record.value());
            Header header = record.headers().lastHeader(PushPublication.WINDOW_MS_HEADER);
            length = Duration.ofMillis(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)));
        } catch (Exception e) {
            // Only the hub writes this topic; a record it cannot read is skipped, not retried forever.
            LOG.error("Skipping unreadable record {}/{} of {}: {}", partition, record.offset(), topic, e.toString());
            return;
        }
        ReadSmoother.Placement placement = ReadSmoother.place(part, length);
        if (placement == null) {
            LOG.error("Skipping record {}/{} of {}: not a smoothable observation", partition, record.offset(), topic);
            return;
        }
        Instant now = clock.instant();
        Window window = open.get(placement.id());
        try {
            if (window == null) {
                // Merged on its own too: the observation takes the window's id whatever the part carried.
                open.put(placement.id(), new Window(placement.id(), partition, record.offset(), length, placement.end(),
                        ReadSmoother.merge(List.of(part), length), now));
                openCount = open.size();
            } else {
                window.aggregate = ReadSmoother.merge(List.of(window.aggregate, part), window.length);
                window.lastArrival = now;
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Skipping record {}/{} of {}: {}", partition, record.offset(), topic, e.getMessage());
        }
    }

    /** Publishes the windows that have closed; false when Kafka did not take them (they stay open). */
    private boolean publishDue() {
        Instant now = clock.instant();
        List<Window> due = new ArrayList<>();
        List<Window> waiting = new ArrayList<>();
        for (Window window : open.values()) {
            Instant quiet = window.end.isAfter(window.lastArrival) ? window.end : window.lastArrival;
            Instant latest = window.firstArrival.plus(window.length);
            Instant closes = (quiet.isBefore(latest) ? quiet : latest).plus(grace);
            (now.isBefore(closes) ? waiting : due).add(window);
        }
        if (waiting.size() > maxOpenWindows) {
            waiting.sort((a, b) -> a.end.compareTo(b.end));
            due.addAll(waiting.subList(0, waiting.size() - maxOpenWindows));
        }
        if (due.isEmpty()) {
            return true;
        }
        Map<String, List<NormalizedItem>> byPartner = new LinkedHashMap<>();
        for (Window window : due) {
            List<NormalizedItem> items = byPartner.computeIfAbsent(window.aggregate.path(Envelope.PARTNER).asText(),
                    p -> new ArrayList<>());
            items.add(new NormalizedItem(items.size(), List.of(window.aggregate)));
        }
        for (Map.Entry<String, List<NormalizedItem>> partner : byPartner.entrySet()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.setVariable(Variables.PARTNER, partner.getKey());
            exchange.setVariable(Variables.SMOOTHED_WINDOWS, true);
            exchange.getMessage().setBody(partner.getValue());
            template.send(publishEndpoint, exchange);
            if (exchange.isFailed()) {
                LOG.warn("{} smoothed observation(s) of partner {} are not published yet, trying again (their reads stay"
                        + " uncommitted): {}", partner.getValue().size(), partner.getKey(), String.valueOf(exchange.getException()));
                return false;
            }
        }
        due.forEach(window -> open.remove(window.id));
        openCount = open.size();
        return true;
    }

    /** Per partition: the first part of its oldest open window, or all it read when none is open. */
    private void commit(KafkaConsumer<String, byte[]> kafka) {
        Map<TopicPartition, Long> safe = new HashMap<>();
        for (TopicPartition partition : kafka.assignment()) {
            safe.put(partition, kafka.position(partition));
        }
        for (Window window : open.values()) {
            safe.computeIfPresent(window.partition, (p, offset) -> Math.min(offset, window.firstOffset));
        }
        Map<TopicPartition, OffsetAndMetadata> changed = new HashMap<>();
        safe.forEach((partition, offset) -> {
            if (!offset.equals(committed.get(partition))) {
                changed.put(partition, new OffsetAndMetadata(offset));
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(changed);
            changed.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // A rebalance took partitions away; the listener forgot their windows. The rest commit next time.
            LOG.info("Smoothing offsets not committed this time: {}", e.getMessage());
        }
    }

    /** Drops the open windows of partitions this instance no longer reads: whoever reads them next rebuilds them. */
    private void forget(Collection<TopicPartition> partitions) {
        open.values().removeIf(window -> partitions.contains(window.partition));
        partitions.forEach(committed::remove);
        openCount = open.size();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }
    }

    /** One open window: the merge of its parts so far. */
    private static final class Window {
        private final String id;
        private final TopicPartition partition;
        private final long firstOffset;
        private final Duration length;
        private final Instant end;
        private final Instant firstArrival;
        private ObjectNode aggregate;
        private Instant lastArrival;

        Window(String id, TopicPartition partition, long firstOffset, Duration length, Instant end, ObjectNode aggregate,
               Instant arrival) {
            this.id = id;
            this.partition = partition;
            this.firstOffset = firstOffset;
            this.length = length;
            this.end = end;
            this.aggregate = aggregate;
            this.firstArrival = arrival;
            this.lastArrival = arrival;
        }
    }
}
