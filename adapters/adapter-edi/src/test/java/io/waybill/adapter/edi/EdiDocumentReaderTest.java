package io.waybill.adapter.edi;

import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader that golden cases and {@code ./waybill mapping test} use for x12 and edifact samples. */
class EdiDocumentReaderTest {

    private static final Provenance REST = new Provenance("acme-freight", "rest", "x12", Instant.parse("2026-01-01T00:00:00Z"),
            null, 0, null);

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = EdiDocumentReaderTest.class.getResourceAsStream("/edi/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void is_found_for_both_formats_through_the_service_loader() {
        assertThat(DocumentReaders.forFormat("x12")).containsInstanceOf(EdiDocumentReader.class);
        assertThat(DocumentReaders.forFormat("edifact")).containsInstanceOf(EdiDocumentReader.class);
    }

    @Test
    void gives_one_raw_document_per_transaction_in_order() throws IOException {
        List<RawDocument> documents = new EdiDocumentReader().read(sample("x12-214-two-shipments.x12"), REST);

        assertThat(documents).hasSizeGreaterThanOrEqualTo(2);
        assertThat(documents).extracting(d -> d.body().path("envelope").path("type").asText()).containsOnly("214");
        assertThat(documents).extracting(d -> d.provenance().itemIndex()).isSorted();
    }

    @Test
    void an_input_that_is_not_edi_is_unreadable_with_the_reason() {
        assertThatThrownBy(() -> new EdiDocumentReader().read("{\"not\": \"edi\"}".getBytes(StandardCharsets.UTF_8), REST))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("ISA");
    }
}
