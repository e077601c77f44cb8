package io.waybill.adapter.edi;

import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * X12 and EDIFACT for tools that hold a whole sample (golden cases, {@code ./waybill mapping test}):
 * the transactions an interchange delivers under {@link EnvelopePolicy#REJECT}, as the hub maps
 * them, without those its group or interchange trailer withdrew. An input that cannot be read to
 * its end, or whose interchanges are all rejected, is unreadable, with the reader's reason.
 */
public final class EdiDocumentReader implements DocumentReader {

    private final EdiReader reader = new EdiReader();

    @Override
    public Set<String> formats() {
        return Set.of("x12", "edifact");
    }

    @Override
    public List<RawDocument> read(byte[] message, Provenance provenance) {
        List<EdiTransaction> delivered = new ArrayList<>();
        EdiContext context = new EdiContext(provenance.partner(), provenance.channel(), provenance.receivedAt(),
                provenance.rawRef(), provenance.traceparent(), EnvelopePolicy.REJECT, id -> false);
        EdiReadResult result = reader.read(new ByteArrayInputStream(message), context, delivered::add);
        if (!result.readToEnd()) {
            throw new UnreadableDocumentException(result.failure().message());
        }
        Set<String> withdrawn = new HashSet<>();
        for (InterchangeSummary interchange : result.interchanges()) {
            if (interchange.status() == EdiStatus.REJECTED) {
                throw new UnreadableDocumentException("interchange " + interchange.id().key() + " is rejected: "
                        + interchange.findings().stream().map(EdiFinding::message).collect(Collectors.joining("; ")));
            }
            for (InterchangeSummary.Group group : interchange.groups()) {
                if (group.status() == EdiStatus.REJECTED) {
                    group.transactions().forEach(t -> withdrawn.add(key(interchange.id(), group.controlNumber(), t.controlNumber())));
                }
            }
        }
        List<RawDocument> documents = new ArrayList<>();
        for (EdiTransaction transaction : delivered) {
            if (!withdrawn.contains(key(transaction.interchange(), transaction.groupControlNumber(), transaction.controlNumber()))) {
                documents.add(transaction.document());
            }
        }
        return documents;
    }

    private static String key(InterchangeId interchange, String group, String transaction) {
        return interchange.key() + "/" + group + "/" + transaction;
    }
}
