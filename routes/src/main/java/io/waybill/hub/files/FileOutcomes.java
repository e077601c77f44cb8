package io.waybill.hub.files;

import io.waybill.hub.ingest.ItemResult;
import io.waybill.hub.ingest.Variables;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Settles a file: its {@link FileOutcome} and where it is moved, for the channel route to act on,
 * and one log line an operator can follow.
 */
public final class FileOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(FileOutcomes.class);

    /** After the file's documents went through the pipeline (publication included). */
    @SuppressWarnings("unchecked")
    public void processed(Exchange exchange) {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        FormatChecks checks = exchange.getVariable(FileVariables.FORMAT_CHECKS, FormatChecks.class);
        FileOutcome outcome = FileOutcome.processed(file, exchange.getVariable(Variables.RAW_REF, String.class),
                exchange.getVariable(Variables.RESULTS, List.class), checks == null ? FormatChecks.NONE : checks);
        settle(exchange, outcome);
        if (outcome.result().equals(FileOutcome.ACCEPTED)) {
            LOG.info("File {} from partner {} ({}): accepted, {} document(s), {} already published; moved to {}",
                    file.name(), file.partner(), file.channel(), outcome.documents(), outcome.duplicates(), outcome.moveTo());
        } else if (outcome.rejections().isEmpty()) {
            LOG.warn("File {} from partner {} ({}): {}, {} document(s) accepted; refused: {}; moved to {}", file.name(),
                    file.partner(), file.channel(), outcome.result(), outcome.documents(),
                    String.join("; ", outcome.checks().refusals()), outcome.moveTo());
        } else {
            ItemResult first = outcome.rejections().get(0);
            LOG.warn("File {} from partner {} ({}): {}, {} of {} document(s) rejected (first: item {}, {}: {}); moved to {}",
                    file.name(), file.partner(), file.channel(), outcome.result(), outcome.rejections().size(),
                    outcome.documents(), first.index(), first.stage(), first.reason(), outcome.moveTo());
        }
    }

    /** After the file was refused as a whole. */
    public void refused(Exchange exchange) {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        FileRefusal refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, FileRefusal.class);
        FileOutcome outcome = FileOutcome.refused(file, exchange.getVariable(Variables.RAW_REF, String.class), refusal);
        settle(exchange, outcome);
        LOG.warn("File {} from partner {} ({}): rejected at stage {}: {}; moved to {}", file.name(), file.partner(),
                file.channel(), refusal.stage(), refusal.reason(), outcome.moveTo());
    }

    private static void settle(Exchange exchange, FileOutcome outcome) {
        exchange.setVariable(FileVariables.OUTCOME, outcome);
        exchange.setVariable(FileVariables.MOVE_TO, outcome.moveTo());
    }
}
