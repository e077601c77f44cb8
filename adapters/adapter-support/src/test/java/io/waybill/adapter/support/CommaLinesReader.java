package io.waybill.adapter.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A test-only wire format, {@code comma-lines}: one document per line, its cells as a JSON array.
 * Registered as a service for these tests, so a reader on the class path widens what a partner may
 * declare for its file channels.
 */
public final class CommaLinesReader implements DocumentReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Set<String> formats() {
        return Set.of("comma-lines");
    }

    @Override
    public List<RawDocument> read(byte[] message, Provenance provenance) {
        List<RawDocument> documents = new ArrayList<>();
        String[] lines = new String(message, StandardCharsets.UTF_8).strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            documents.add(new RawDocument(JSON.valueToTree(lines[i].split(",", -1)),
                    lines[i].getBytes(StandardCharsets.UTF_8), provenance.item(i)));
        }
        return documents;
    }
}
