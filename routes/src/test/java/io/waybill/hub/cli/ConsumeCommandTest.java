package io.waybill.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ./waybill consume} prints a record: one JSON line a downstream team can pipe into jq. */
class ConsumeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, RecordHeaders headers, long timestamp) {
        return new ConsumerRecord<>("dlq.v1", 2, 41L, timestamp, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_json_value_is_printed_as_json_with_its_key_headers_and_position() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", utf8("application/cloudevents+json"));
        headers.add("waybill.partner", utf8("acme-freight"));
        String line = ConsumeCommand.toJsonLine(record(utf8("SO-2026-118342"),
                utf8("{\"id\":\"e1\",\"data\":{\"status\":\"PICKED_UP\",\"lat\":41.85}}"), headers, 1_795_000_000_123L));

        assertThat(line).doesNotContain("\n");
        JsonNode printed = JSON.readTree(line);
        assertThat(printed.path("topic").asText()).isEqualTo("dlq.v1");
        assertThat(printed.path("partition").asInt()).isEqualTo(2);
        assertThat(printed.path("offset").asLong()).isEqualTo(41L);
        assertThat(printed.path("timestamp").asText()).isEqualTo("2026-11-18T11:06:40.123Z");
        assertThat(printed.path("key").asText()).isEqualTo("SO-2026-118342");
        assertThat(printed.path("headers").path("content-type").asText()).isEqualTo("application/cloudevents+json");
        assertThat(printed.path("headers").path("waybill.partner").asText()).isEqualTo("acme-freight");
        assertThat(printed.path("value").isObject()).isTrue();
        assertThat(printed.path("value").path("data").path("lat").asDouble()).isEqualTo(41.85);
        assertThat(line).startsWith("{\"topic\":\"dlq.v1\",\"partition\":2,\"offset\":41,\"timestamp\":");
    }

    @Test
    void a_value_that_is_not_json_is_printed_as_a_string_and_a_missing_key_as_null() throws Exception {
        String edi = "ISA*00*          *00*          *ZZ*ACMF           *ZZ*WAYBILL        *261124*0815*U*00401*000000905*0*P*>~";
        JsonNode printed = JSON.readTree(ConsumeCommand.toJsonLine(record(null, utf8(edi), new RecordHeaders(), 0L)));

        assertThat(printed.path("key").isNull()).isTrue();
        assertThat(printed.path("value").isTextual()).isTrue();
        assertThat(printed.path("value").asText()).isEqualTo(edi);
        assertThat(printed.path("headers").isObject()).isTrue();
        assertThat(printed.path("headers").size()).isZero();
    }

    @Test
    void json_followed_by_more_text_is_not_mistaken_for_json() throws Exception {
        JsonNode printed = JSON.readTree(ConsumeCommand.toJsonLine(record(null, utf8("42 pallets"), new RecordHeaders(), 0L)));

        assertThat(printed.path("value").isTextual()).isTrue();
        assertThat(printed.path("value").asText()).isEqualTo("42 pallets");
    }

    @Test
    void a_tombstone_a_null_header_and_a_repeated_header_are_kept() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", utf8("a"));
        headers.add("trace", utf8("b"));
        headers.add("empty", null);
        JsonNode printed = JSON.readTree(ConsumeCommand.toJsonLine(record(utf8("evt-1"), null, headers, -1L)));

        assertThat(printed.path("value").isNull()).isTrue();
        assertThat(printed.path("timestamp").isNull()).isTrue();
        assertThat(printed.path("headers").path("trace").isArray()).isTrue();
        assertThat(printed.path("headers").path("trace").get(0).asText()).isEqualTo("a");
        assertThat(printed.path("headers").path("trace").get(1).asText()).isEqualTo("b");
        assertThat(printed.path("headers").has("empty")).isTrue();
        assertThat(printed.path("headers").path("empty").isNull()).isTrue();
    }

    @Test
    void without_a_listening_broker_it_says_so_in_one_line_and_exits_2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String bootstrap = "127.0.0.1:" + PortCheck.freePort();

        int exitCode = new CommandLine(new ConsumeCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("raw.v1", "--bootstrap", bootstrap);

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("consume: no Kafka broker answered at " + bootstrap
                + ": is the hub running? (or give --bootstrap HOST:PORT)");
    }

    @Test
    void the_default_bootstrap_is_the_external_kafka_when_set_else_the_embedded_broker() {
        Properties port = new Properties();
        port.setProperty("waybill.kafka.port", "19092");
        assertThat(ConsumeCommand.defaultBootstrap(HubSettings.resolve(Map.of(), port))).isEqualTo("127.0.0.1:19092");
        assertThat(ConsumeCommand.defaultBootstrap(HubSettings.resolve(Map.of("WAYBILL_KAFKA_PORT", "29092"), new Properties())))
                .isEqualTo("127.0.0.1:29092");
        assertThat(ConsumeCommand.defaultBootstrap(HubSettings.resolve(
                Map.of("WAYBILL_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"), new Properties())))
                .isEqualTo("kafka-1:9092,kafka-2:9092");
    }
}
