package io.waybill.hub.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test-only wire formats, {@code test-lines} and {@code test-cells}: one text document per line. Registered as a service for these tests. */
public final class TestLinesReader implements DocumentReader {

    @Override
    public Set<String> formats() {
        return Set.of("test-lines", "test-cells");
    }

    @Override
    public List<RawDocument> read(byte[] message, Provenance provenance) {
        List<RawDocument> documents = new ArrayList<>();
        for (String line : new String(message, StandardCharsets.UTF_8).split("\n")) {
            documents.add(new RawDocument(JsonNodeFactory.instance.textNode(line), line.getBytes(StandardCharsets.UTF_8),
                    provenance.item(documents.size())));
        }
        return documents;
    }
}
