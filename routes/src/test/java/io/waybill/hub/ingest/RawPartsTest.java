package io.waybill.hub.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawPartsTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void a_message_is_archived_in_parts_of_at_most_half_a_megabyte_so_each_fits_a_default_kafka_record() {
        assertThat(RawParts.PART_BYTES).isLessThan(1024 * 1024 - 16 * 1024);
        assertThat(RawParts.count(0)).isEqualTo(1);
        assertThat(RawParts.count(1)).isEqualTo(1);
        assertThat(RawParts.count(RawParts.PART_BYTES)).isEqualTo(1);
        assertThat(RawParts.count(RawParts.PART_BYTES + 1L)).isEqualTo(2);
        assertThat(RawParts.count(50L * 1024 * 1024)).isEqualTo(100);
    }

    @Test
    void the_parts_of_a_push_body_carry_its_headers_and_put_back_together_give_the_bytes_as_received() throws IOException {
        byte[] body = new byte[2 * RawParts.PART_BYTES + 10];
        new Random(7).nextBytes(body);

        List<Exchange> parts = parts(new RawParts(new DefaultCamelContext(), "push-1", "acme-freight", "rest", RECEIVED,
                Map.of("content-type", "application/edi-x12"), RawParts.of(body)));

        assertThat(parts).hasSize(3);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> headers = parts.get(i).getMessage().getHeaders();
            assertThat(headers).containsEntry(KafkaConstants.KEY, "acme-freight").containsEntry("waybill.partner", "acme-freight")
                    .containsEntry("waybill.channel", "rest").containsEntry("waybill.received-at", "2026-11-28T10:00:00Z")
                    .containsEntry("content-type", "application/edi-x12").containsEntry(RawParts.RAW_ID, "push-1")
                    .containsEntry(RawParts.RAW_PART, (i + 1) + "/3");
            joined.write(parts.get(i).getMessage().getBody(byte[].class));
        }
        assertThat(parts.get(2).getMessage().getBody(byte[].class)).hasSize(10);
        assertThat(joined.toByteArray()).isEqualTo(body);
    }

    @Test
    void an_empty_body_is_one_empty_record() {
        List<Exchange> parts = parts(new RawParts(new DefaultCamelContext(), "p", "acme-freight", "rest", RECEIVED, Map.of(),
                RawParts.of(new byte[0])));

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.getMessage().getBody(byte[].class)).isEmpty();
            assertThat(part.getMessage().getHeader(RawParts.RAW_PART)).isEqualTo("1/1");
        });
    }

    @Test
    void a_file_that_shrank_since_it_was_received_fails_the_archive_rather_than_archive_less(@TempDir Path folder) throws IOException {
        Path file = Files.write(folder.resolve("in.x12"), new byte[100]);
        RawParts parts = new RawParts(new DefaultCamelContext(), "f", "acme-freight", "file", RECEIVED, Map.of(), RawParts.of(file, 200));

        assertThatThrownBy(() -> parts(parts)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("is shorter than the 200 bytes it had when received");
    }

    private static List<Exchange> parts(RawParts parts) {
        List<Exchange> all = new ArrayList<>();
        parts.forEach(all::add);
        return all;
    }
}
