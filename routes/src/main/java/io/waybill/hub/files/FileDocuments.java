package io.waybill.hub.files;

import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;
import io.waybill.hub.ingest.Variables;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads an archived file's documents with the reader of its format ({@link DocumentReaders}). The
 * file is read into memory here, once, because a reader takes the whole message; its length was
 * checked against {@code waybill.files.max-bytes} before. A file its reader cannot read, or that
 * holds no document, is refused whole at the {@code parse} stage; so is one a reader fails on in an
 * unforeseen way, since reading it again would fail again.
 */
public final class FileDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(FileDocuments.class);

    /** Body out: the file's raw documents, in file order, as the pipeline takes a push's items. */
    public void read(Exchange exchange) throws IOException {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        String format = exchange.getVariable(FileVariables.FORMAT, String.class);
        DocumentReader reader = DocumentReaders.forFormat(format).orElseThrow();
        byte[] message;
        try (InputStream in = Files.newInputStream(file.path())) {
            message = in.readNBytes((int) file.size());
        }
        Provenance provenance = new Provenance(file.partner(), file.channel(), format, file.receivedAt(),
                exchange.getVariable(Variables.RAW_REF, String.class), 0, null);
        List<RawDocument> documents;
        try {
            documents = reader.read(message, provenance);
        } catch (UnreadableDocumentException e) {
            throw FileRefusal.unreadable("not a readable " + format + " file: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("The {} reader failed on {} from partner {}", format, file.name(), file.partner(), e);
            throw FileRefusal.unreadable("the " + format + " reader failed on this file: " + e);
        }
        if (documents.isEmpty()) {
            throw FileRefusal.unreadable("the file holds no " + format + " document");
        }
        exchange.getMessage().setBody(documents);
    }
}
