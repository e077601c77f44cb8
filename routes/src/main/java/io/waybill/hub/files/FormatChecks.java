package io.waybill.hub.files;

import java.util.List;

/**
 * What the checks of a file's own format decided, beside its documents: for EDI, the envelope and
 * sender checks and the acknowledgments. {@link #NONE} for formats without such checks.
 *
 * @param refusals    what those checks refused, one line each (on dlq.v1 already)
 * @param anyAccepted whether they accepted anything that gave no document, such as an interchange
 *                    acknowledged as a duplicate
 * @param reply       what the sender gets back beside the settled file ({@code <file>.ack}), or null
 */
public record FormatChecks(List<String> refusals, boolean anyAccepted, String reply) {

    public static final FormatChecks NONE = new FormatChecks(List.of(), false, null);

    public FormatChecks {
        refusals = List.copyOf(refusals);
    }
}
