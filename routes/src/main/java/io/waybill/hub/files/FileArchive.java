package io.waybill.hub.files;

import io.waybill.hub.ingest.RawParts;
import org.apache.camel.Exchange;

import java.util.Map;

/**
 * Shapes the {@code raw.v1} records of a file: its {@link RawParts}, each also naming the file as
 * the partner gave it.
 */
public final class FileArchive {

    /** raw.v1 and dlq.v1: the file's name as the partner gave it. */
    public static final String FILE_NAME = "waybill.file.name";

    /** Before the raw.v1 send: the body becomes the file's parts, each read when the producer asks for it. */
    public void prepare(Exchange exchange) {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        exchange.getMessage().setBody(new RawParts(exchange.getContext(), file.id(), file.partner(), file.channel(),
                file.receivedAt(), Map.of(FILE_NAME, file.name()), RawParts.of(file.path(), file.size())));
    }
}
