package io.waybill.adapter.support;

import java.util.List;
import java.util.Set;

/**
 * Turns a whole message in a wire format (an X12 interchange, an EDIFACT one, a CSV batch) into
 * the raw documents a mapping reads, the way the hub's channel for that format would. Adapters
 * provide one through {@link java.util.ServiceLoader}, so tools that hold a sample file (golden
 * cases, {@code ./waybill mapping test}) read it exactly as the hub does, without knowing the
 * adapter. JSON needs no reader: a JSON object is its own raw document.
 */
public interface DocumentReader {

    /** The wire formats read, as {@link Provenance#format()} names them and sample files end: {@code x12}, {@code edifact}. */
    Set<String> formats();

    /**
     * The raw documents in a message, in order; each with {@code provenance} for its position
     * ({@link Provenance#item(int)}).
     *
     * @throws UnreadableDocumentException when the bytes are not a readable message of this format
     */
    List<RawDocument> read(byte[] message, Provenance provenance);
}
