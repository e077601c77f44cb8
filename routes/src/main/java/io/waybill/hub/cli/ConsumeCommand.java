package io.waybill.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.hub.config.HubSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code ./waybill consume TOPIC}: how a downstream team peeks at a topic. One JSON line per
 * record on stdout (logs go to stderr). The consumer has no group and is assigned every
 * partition by hand, so peeking never commits offsets and never takes partitions from anyone.
 */
@Command(name = "consume", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Print a topic's records as JSON lines: how a downstream team peeks at a topic.",
                "Each line: {\"topic\",\"partition\",\"offset\",\"timestamp\",\"key\",\"headers\",\"value\"}. "
                        + "The value is its JSON tree when it parses as JSON, else a string; header values are UTF-8 "
                        + "strings (an array when a name repeats).",
                "Reads without a consumer group: it never commits offsets or disturbs other consumers. "
                        + "Logs go to stderr, records alone to stdout."},
        footer = {"", "Exit codes: 0 done, 1 the topic does not exist, 2 no Kafka broker answered (or bad options).",
                "Example: ./waybill consume canonical.shipment-status.v1 --from-beginning --max 5 | jq .value.data"})
public final class ConsumeCommand implements Callable<Integer> {

    /** Without --timeout, how long a --from-beginning read waits for more once it has caught up. */
    static final int FROM_BEGINNING_IDLE_SECONDS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to read, e.g. canonical.shipment-status.v1, dlq.v1, raw.v1.")
    private String topic;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records. Default: no limit.")
    private Long max;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop once no new record has come for SECONDS (0: wait for ever). Default: "
                    + FROM_BEGINNING_IDLE_SECONDS + " with --from-beginning, else 0 (follow until Ctrl-C or --max).")
    private Integer timeout;

    @Option(names = "--from-beginning", description = "Start at the oldest record of each partition. Default: only records that arrive from now on.")
    private boolean fromBeginning;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers. Default: setting waybill.kafka.bootstrap-servers if set, "
                    + "else the embedded broker at waybill.broker.host:waybill.kafka.port (127.0.0.1:9092).")
    private String bootstrap;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (max != null && max < 1) {
            err.println("consume: --max must be 1 or more, was " + max);
            return 2;
        }
        if (timeout != null && timeout < 0) {
            err.println("consume: --timeout must be 0 (wait for ever) or more seconds, was " + timeout);
            return 2;
        }
        String servers = bootstrap != null ? bootstrap : defaultBootstrap(HubSettings.fromProcess());
        Duration idleLimit = Duration.ofSeconds(timeout != null ? timeout : fromBeginning ? FROM_BEGINNING_IDLE_SECONDS : 0);
        // Without a listening broker the Kafka client would retry for the whole metadata timeout,
        // warning on every attempt; a plain connect says the same in one line.
        if (!anyListening(servers)) {
            err.println(noBroker(servers));
            return 2;
        }

        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(consumerProperties(servers));
        } catch (KafkaException e) {
            err.println("consume: cannot use bootstrap servers '" + servers + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 2;
        }
        try (consumer) {
            // Ctrl-C: wake the poll so the consumer closes cleanly and everything printed is flushed.
            Thread hook = new Thread(() -> {
                interrupted.set(true);
                consumer.wakeup();
                awaitQuietly(finished);
            }, "waybill-consume-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return consume(consumer, servers, idleLimit, out, err);
            } catch (WakeupException e) {
                if (!interrupted.get()) {
                    throw e;
                }
                return 0;
            } finally {
                removeQuietly(hook);
            }
        } finally {
            out.flush();
            finished.countDown();
        }
    }

    private int consume(KafkaConsumer<byte[], byte[]> consumer, String servers, Duration idleLimit, PrintWriter out,
                        PrintWriter err) {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            err.println(noBroker(servers));
            return 2;
        }
        List<PartitionInfo> partitionInfos = topics.get(topic);
        if (partitionInfos == null || partitionInfos.isEmpty()) {
            String existing = topics.keySet().stream().filter(name -> !name.startsWith("__")).sorted()
                    .collect(Collectors.joining(", "));
            err.println("consume: topic '" + topic + "' does not exist on " + servers + "; topics there: "
                    + (existing.isEmpty() ? "(none)" : existing));
            return 1;
        }
        List<TopicPartition> partitions = partitionInfos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // Seeks are lazy: fix the positions now, so "from the end" means from when the command started.
        partitions.forEach(consumer::position);

        long printed = 0;
        long lastRecordAt = System.nanoTime();
        while (max == null || printed < max) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                out.println(toJsonLine(record));
                printed++;
                if (max != null && printed >= max) {
                    break;
                }
            }
            out.flush();
            if (out.checkError()) {
                return 0; // stdout was closed (piped into head, say): nobody is reading any more
            }
            if (!records.isEmpty()) {
                lastRecordAt = System.nanoTime();
            } else if (!idleLimit.isZero() && System.nanoTime() - lastRecordAt >= idleLimit.toNanos()) {
                err.println("consume: " + printed + " record(s) from " + topic + "; none new for "
                        + idleLimit.toSeconds() + " s, stopping");
                break;
            }
        }
        return 0;
    }

    private static String noBroker(String servers) {
        return "consume: no Kafka broker answered at " + servers + ": is the hub running? (or give --bootstrap HOST:PORT)";
    }

    /** True when at least one of the bootstrap servers accepts a TCP connection. */
    private static boolean anyListening(String servers) {
        for (String server : servers.split(",")) {
            String address = server.strip();
            int colon = address.lastIndexOf(':');
            if (colon < 1) {
                return true; // not host:port: let the Kafka client judge it
            }
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1))),
                        (int) CONNECT_TIMEOUT.toMillis());
                return true;
            } catch (IOException | IllegalArgumentException unreachable) {
                // try the next one
            }
        }
        return false;
    }

    /** The bootstrap servers the hub itself uses: the external ones when set, else its embedded broker. */
    static String defaultBootstrap(HubSettings settings) {
        String external = settings.get(HubSettings.KAFKA_BOOTSTRAP);
        if (!external.isBlank()) {
            return external;
        }
        String host = settings.get(HubSettings.BROKER_HOST);
        return (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + settings.get(HubSettings.KAFKA_PORT);
    }

    private static Properties consumerProperties(String servers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Peeking at a misspelt topic must not create it.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "waybill-consume");
        return properties;
    }

    /**
     * One record as one line of JSON: topic, partition, offset, timestamp (ISO-8601 UTC, null when
     * the record has none), key (UTF-8 text or null), headers (name to UTF-8 text; an array when a
     * name repeats), value (its JSON tree when the bytes are one JSON document, else the text; null
     * for a tombstone).
     */
    static String toJsonLine(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", text(record.key()));
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            JsonNode previous = headers.get(header.key());
            String value = text(header.value());
            if (previous == null) {
                headers.put(header.key(), value);
            } else {
                ArrayNode values = previous.isArray() ? (ArrayNode) previous : headers.putArray(header.key()).add(previous);
                values.add(value);
            }
        }
        line.set("value", value(record.value()));
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static JsonNode value(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree != null && !tree.isMissingNode()) {
                return tree;
            }
        } catch (IOException notJson) {
            // shown as text below
        }
        return JsonNodeFactory.instance.textNode(new String(bytes, StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the consumer closed and returns
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
