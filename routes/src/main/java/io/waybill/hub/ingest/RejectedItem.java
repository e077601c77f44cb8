package io.waybill.hub.ingest;

import io.waybill.adapter.support.RawDocument;

/**
 * An item that could not be mapped or validated, on its way to the DLQ.
 *
 * @param document the raw document, whose bytes go to the DLQ
 * @param mapping  the mapping chosen for it ({@code id vN}), or null when none was
 * @param cause    why it failed: a mapping or validation error
 */
public record RejectedItem(RawDocument document, String mapping, RuntimeException cause) {

    public ItemResult result() {
        return ItemResult.rejected(document.provenance().itemIndex(), Failures.stage(cause), Failures.reason(cause));
    }
}
