package io.waybill.hub.files;

import io.waybill.hub.ingest.RawParts;
import io.waybill.hub.kafka.RecordHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Shapes the {@code dlq.v1} record of a file refused as a whole, like a failed item's: keyed by
 * partner, with the stage, reason, partner, channel, time and, once archived, where the file is on
 * raw.v1. Its value is the file's bytes when they fit one record ({@link RawParts#PART_BYTES});
 * a larger file's record is empty and points at its raw.v1 parts instead (a file refused for its
 * size was never read, so it is in the partner's {@code .error/} folder only).
 */
public final class FileDeadLetters {

    private final Clock clock;

    public FileDeadLetters(Clock clock) {
        this.clock = clock;
    }

    public void prepare(Exchange exchange) throws IOException {
        FileOutcome outcome = exchange.getVariable(FileVariables.OUTCOME, FileOutcome.class);
        ReceivedFile file = outcome.file();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, file.partner());
        message.setHeader(RecordHeaders.ERROR_STAGE, outcome.stage());
        message.setHeader(RecordHeaders.ERROR_REASON, outcome.reason());
        message.setHeader(RecordHeaders.ERROR_PARTNER, file.partner());
        message.setHeader(RecordHeaders.CHANNEL, file.channel());
        message.setHeader(RecordHeaders.ERROR_TIME, clock.instant().toString());
        message.setHeader(FileArchive.FILE_NAME, file.name());
        if (outcome.rawRef() != null) {
            message.setHeader(RecordHeaders.ERROR_SOURCE, outcome.rawRef());
        }
        boolean fits = file.size() <= RawParts.PART_BYTES;
        message.setBody(fits ? Files.readAllBytes(file.path()) : new byte[0]);
    }
}
