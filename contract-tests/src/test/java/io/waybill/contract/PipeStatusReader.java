package io.waybill.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A test-only wire format, {@code pipes}, standing in for the EDI reader in the file channel tests:
 * UTF-8 text, one status message per line, {@code msg_id|shipment|code|time}, optionally
 * {@code |note}. Registered as a service for these tests, so partners may declare it for files.
 */
public final class PipeStatusReader implements DocumentReader {

    public static final String FORMAT = "pipes";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Set<String> formats() {
        return Set.of(FORMAT);
    }

    @Override
    public List<RawDocument> read(byte[] message, Provenance provenance) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableDocumentException("not UTF-8 text: " + e.getMessage());
        }
        List<RawDocument> documents = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split("\\|", -1);
            if (cells.length != 4 && cells.length != 5) {
                throw new UnreadableDocumentException("line " + (i + 1) + ": expected 4 or 5 cells separated by |, found " + cells.length);
            }
            ObjectNode body = JSON.createObjectNode().put("msg_id", cells[0]).put("shipment", cells[1]).put("code", cells[2])
                    .put("time", cells[3]);
            if (cells.length == 5) {
                body.put("note", cells[4]);
            }
            documents.add(new RawDocument(body, lines[i].getBytes(StandardCharsets.UTF_8), provenance.item(documents.size())));
        }
        return documents;
    }
}
