package io.waybill.mapping.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A test-only wire format, {@code pipes}: one document per line, {@code id|ref|code}. Registered as a service for the tests. */
public final class PipeLinesReader implements DocumentReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Set<String> formats() {
        return Set.of("pipes");
    }

    @Override
    public List<RawDocument> read(byte[] message, Provenance provenance) {
        List<RawDocument> documents = new ArrayList<>();
        String[] lines = new String(message, StandardCharsets.UTF_8).strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] cells = lines[i].strip().split("\\|", -1);
            if (cells.length != 3) {
                throw new UnreadableDocumentException("line " + (i + 1) + ": expected 3 cells, found " + cells.length);
            }
            ObjectNode body = JSON.createObjectNode().put("id", cells[0]).put("ref", cells[1]).put("code", cells[2]);
            documents.add(new RawDocument(body, lines[i].getBytes(StandardCharsets.UTF_8), provenance.item(i)));
        }
        return documents;
    }
}
