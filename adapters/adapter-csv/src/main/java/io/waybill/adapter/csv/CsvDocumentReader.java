package io.waybill.adapter.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code csv}: a batch file of records, such as an RFID reader's or a handheld scanner's read log.
 * The first line is the header; every later line is one raw document, a JSON object whose keys are
 * the header's names and whose values are the cells as text (an empty cell is null: the mapping
 * decides what a cell means, and converts numbers and times with its functions). The document's
 * {@link Provenance#itemIndex()} is its row, 0 for the first after the header, and its raw bytes
 * are the header and that row, a CSV of its own. RFC 4180 quoting: a cell in double quotes may hold
 * commas, line breaks and doubled quotes.
 *
 * <p>A file that cannot be read as a whole is refused, with the line at fault: not UTF-8, binary
 * content (control characters other than tab and line breaks), an unclosed quote, a row with more
 * or fewer cells than the header, a header with an empty or repeated name, or more rows, columns
 * or characters in a cell than the limits allow. A blank line is skipped.
 */
public final class CsvDocumentReader implements DocumentReader {

    /** Most rows one file may hold; more is refused, not read half-way. */
    public static final int MAX_ROWS = 100_000;
    /** Most columns a header may name. */
    public static final int MAX_COLUMNS = 256;
    /** Most characters one cell may hold. */
    public static final int MAX_CELL_CHARS = 4_096;
    /** Largest file read, in bytes (the hub's own file limit is usually lower). */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final int maxRows;

    public CsvDocumentReader() {
        this(MAX_ROWS);
    }

    /** A reader with a lower row limit, for tests. */
    CsvDocumentReader(int maxRows) {
        this.maxRows = maxRows;
    }

    @Override
    public Set<String> formats() {
        return Set.of("csv");
    }

    @Override
    public List<RawDocument> read(byte[] message, Provenance provenance) {
        if (message.length > MAX_BYTES) {
            throw new UnreadableDocumentException("CSV of " + message.length + " bytes is over the limit of " + MAX_BYTES);
        }
        String text = decode(message);
        List<RawDocument> documents = new ArrayList<>();
        try (MappingIterator<List<String>> rows = CSV.readerForListOf(String.class).readValues(text)) {
            CsvParser parser = (CsvParser) rows.getParser();
            List<String> header = null;
            CsvSchema rowSchema = null;
            while (rows.hasNextValue()) {
                List<String> cells = rows.nextValue();
                int line = parser.currentLocation().getLineNr() - (endsRow(parser) ? 1 : 0);
                if (header == null) {
                    header = header(cells, line);
                    CsvSchema.Builder schema = CsvSchema.builder();
                    header.forEach(schema::addColumn);
                    rowSchema = schema.build().withHeader();
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw new UnreadableDocumentException("CSV line " + line + " has " + cells.size() + " cell(s), the header "
                            + header.size() + " (" + String.join(",", header) + "); every row needs one cell per column");
                }
                if (documents.size() == maxRows) {
                    throw new UnreadableDocumentException("CSV has more than " + maxRows + " rows; split the file");
                }
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < cells.size(); i++) {
                    String cell = cells.get(i);
                    if (cell.length() > MAX_CELL_CHARS) {
                        throw new UnreadableDocumentException("CSV line " + line + ", column '" + header.get(i) + "': a cell of "
                                + cell.length() + " characters is over the limit of " + MAX_CELL_CHARS);
                    }
                    row.put(header.get(i), cell.isEmpty() ? null : cell);
                }
                byte[] raw = CSV.writer(rowSchema).writeValueAsBytes(List.of(cells));
                documents.add(new RawDocument(row, raw, provenance.item(documents.size())));
            }
            if (header == null) {
                throw new UnreadableDocumentException("CSV is empty; its first line must be the header naming the columns");
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new UnreadableDocumentException("CSV cannot be read at" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("CSV cannot be read: " + e.getMessage(), e);
        }
        return documents;
    }

    /** Whether the parser already stands on the next line (it has consumed the row's line break). */
    private static boolean endsRow(CsvParser parser) {
        return parser.currentLocation().getColumnNr() == 1;
    }

    private static List<String> header(List<String> cells, int line) {
        if (cells.size() > MAX_COLUMNS) {
            throw new UnreadableDocumentException("CSV header names " + cells.size() + " columns, over the limit of " + MAX_COLUMNS);
        }
        List<String> names = new ArrayList<>(cells.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip();
            if (name.isEmpty()) {
                throw new UnreadableDocumentException("CSV header (line " + line + ") column " + (i + 1)
                        + " has no name; every column needs one");
            }
            if (!seen.add(name)) {
                throw new UnreadableDocumentException("CSV header (line " + line + ") names column '" + name + "' twice");
            }
            names.add(name);
        }
        return names;
    }

    /** The bytes as UTF-8 text without a byte order mark; other encodings and binary content are refused. */
    private static String decode(byte[] message) {
        int start = message.length >= 3 && (message[0] & 0xFF) == 0xEF && (message[1] & 0xFF) == 0xBB
                && (message[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(message, start, message.length - start);
        CharBuffer out = CharBuffer.allocate(message.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        String text = out.flip().toString();
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (Character.isISOControl(c) && c != '\t' && c != '\r') {
                throw new UnreadableDocumentException("CSV holds binary content: control character "
                        + String.format("U+%04X", (int) c) + " on line " + line);
            }
        }
        if (result.isError()) {
            throw new UnreadableDocumentException("CSV is not UTF-8 text: byte " + String.format("0x%02X", message[in.position()])
                    + " at offset " + in.position() + " (line " + line + ") is not valid UTF-8; send the file in UTF-8");
        }
        return text;
    }
}
