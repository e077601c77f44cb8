package io.waybill.adapter.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDocumentReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provenance FILE = new Provenance("dockside-rfid", "file", "csv", Instant.parse("2026-11-27T10:00:00Z"),
            "raw.v1/0/7", 0, null);

    @Test
    void each_row_becomes_an_object_keyed_by_the_header_with_its_row_as_item() throws Exception {
        List<RawDocument> documents = read("""
                reader,antenna,epc,rssi,seen_us\r
                dock-1,2,3074257BF7194E4000001A85,-52.5,1795860000000000\r
                dock-1,3,3174257BF4499602D2000000,,1795860000500000\r
                """);
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).body()).isEqualTo(JSON.readTree("""
                {"reader":"dock-1","antenna":"2","epc":"3074257BF7194E4000001A85","rssi":"-52.5","seen_us":"1795860000000000"}"""));
        assertThat(documents.get(1).body().get("rssi").isNull()).as("an empty cell is null").isTrue();
        assertThat(documents.get(1).provenance().itemIndex()).isEqualTo(1);
        assertThat(documents.get(1).provenance().rawRef()).isEqualTo("raw.v1/0/7");
        assertThat(new String(documents.get(1).raw(), StandardCharsets.UTF_8))
                .isEqualTo("reader,antenna,epc,rssi,seen_us\ndock-1,3,3174257BF4499602D2000000,,1795860000500000\n");
    }

    @Test
    void quoted_cells_keep_commas_quotes_and_line_breaks_and_a_bom_and_blank_lines_are_skipped() {
        List<RawDocument> documents = read("\uFEFFcode, note \n\nA1,\"dock door 4, \"\"north\"\"\nside\"\n\n");
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).body().get("note").asText()).isEqualTo("dock door 4, \"north\"\nside");
        assertThat(documents.get(0).body().has("code")).isTrue();
    }

    @Test
    void a_header_alone_gives_no_documents() {
        assertThat(read("epc,antenna\n")).isEmpty();
    }

    @Test
    void a_ragged_row_is_refused_naming_its_line() {
        assertThatThrownBy(() -> read("epc,antenna\nA,1\nB,2,extra\n"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("CSV line 3 has 3 cell(s), the header 2 (epc,antenna); every row needs one cell per column");
        assertThatThrownBy(() -> read("epc,antenna\nA\n"))
                .hasMessageContaining("CSV line 2 has 1 cell(s), the header 2");
    }

    @Test
    void an_unclosed_quote_is_refused() {
        assertThatThrownBy(() -> read("epc,note\nA,\"never closed\nB,2\n"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("CSV cannot be read at line")
                .hasMessageContaining("quote");
    }

    @Test
    void a_header_with_a_blank_or_repeated_name_is_refused() {
        assertThatThrownBy(() -> read("epc,,antenna\n1,2,3\n")).hasMessage("CSV header (line 1) column 2 has no name; every column needs one");
        assertThatThrownBy(() -> read("epc,antenna,epc\n1,2,3\n")).hasMessage("CSV header (line 1) names column 'epc' twice");
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("CSV is empty");
        assertThatThrownBy(() -> read("\n\n")).hasMessageContaining("CSV is empty");
    }

    @Test
    void binary_garbage_and_other_encodings_are_refused() {
        assertThatThrownBy(() -> new CsvDocumentReader().read(new byte[] {'e', 'p', 'c', '\n', 0x00, 0x01, 'x'}, FILE))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("CSV holds binary content: control character U+0000 on line 2");
        assertThatThrownBy(() -> new CsvDocumentReader().read(new byte[] {'e', 'p', 'c', '\n', 'M', (byte) 0xFC, 'n', '\n'}, FILE))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage("CSV is not UTF-8 text: byte 0xFC at offset 5 (line 2) is not valid UTF-8; send the file in UTF-8");
    }

    @Test
    void more_rows_than_the_limit_are_refused_not_read_half_way() {
        assertThatThrownBy(() -> new CsvDocumentReader(2).read("epc\nA\nB\nC\n".getBytes(StandardCharsets.UTF_8), FILE))
                .hasMessage("CSV has more than 2 rows; split the file");
    }

    @Test
    void an_oversized_cell_or_too_many_columns_are_refused() {
        String huge = "x".repeat(CsvDocumentReader.MAX_CELL_CHARS + 1);
        assertThatThrownBy(() -> read("epc,note\nA," + huge + "\n"))
                .hasMessageContaining("CSV line 2, column 'note': a cell of 4097 characters is over the limit of 4096");
        StringBuilder wide = new StringBuilder("c0");
        for (int i = 1; i <= CsvDocumentReader.MAX_COLUMNS; i++) {
            wide.append(",c").append(i);
        }
        assertThatThrownBy(() -> read(wide + "\n")).hasMessageContaining("CSV header names 257 columns, over the limit of 256");
    }

    @Test
    void the_reader_is_found_by_its_format() {
        assertThat(DocumentReaders.forFormat("csv")).get().isInstanceOf(CsvDocumentReader.class);
    }

    private static List<RawDocument> read(String text) {
        return new CsvDocumentReader().read(text.getBytes(StandardCharsets.UTF_8), FILE);
    }
}
