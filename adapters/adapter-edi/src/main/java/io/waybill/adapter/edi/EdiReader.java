package io.waybill.adapter.edi;

import io.xlate.edi.stream.EDIInputFactory;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads X12 and EDIFACT interchanges with StAEDI, streaming: each transaction is turned into a raw
 * document (the JSON shape is documented in {@code docs/edi-raw-document.md}) and handed to the
 * consumer as soon as its trailer has been read and checked; only the transaction being read is held
 * in memory. Delimiters come from the ISA / UNA (EDIFACT defaults without UNA); a file may hold any
 * number of interchanges, groups and transactions, of both standards.
 *
 * <p>Bad input never escapes as an exception: the read stops and {@link EdiReadResult#failure()}
 * says what and where, and the interchange that was being read is still summarized (so that a
 * rejecting acknowledgment can be built when its header was readable). Exceptions thrown by the
 * caller's consumers propagate unchanged.
 *
 * <p>Thread-safe: one reader can serve concurrent reads.
 */
public final class EdiReader {

    private final EdiLimits limits;
    private final EDIInputFactory factory;

    /** A reader with {@link EdiLimits#defaults()}. */
    public EdiReader() {
        this(EdiLimits.defaults());
    }

    public EdiReader(EdiLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = EDIInputFactory.newFactory();
        // Line breaks, tabs and other control characters between and inside segments are ignored
        // (real files wrap lines, indent, and end with ^Z), unless they are the segment terminator.
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        // Code lists in envelopes vary by partner (ZZ, ZZZ, private qualifiers): values are not judged.
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        // HL loops are nested by this adapter (by HL02), so that a broken parent link is reported, not guessed.
        factory.setProperty(EDIInputFactory.EDI_NEST_HIERARCHICAL_LOOPS, false);
        factory.setProperty(EDIInputFactory.EDI_ENABLE_LOOP_TEXT, false);
    }

    public EdiLimits limits() {
        return limits;
    }

    /**
     * Reads every interchange in {@code input} (not closed), delivering each transaction that is not
     * rejected to {@code transactions} as soon as its trailer is read.
     */
    public EdiReadResult read(InputStream input, EdiContext context, Consumer<EdiTransaction> transactions) {
        return read(input, context, transactions, null);
    }

    /**
     * As {@link #read(InputStream, EdiContext, Consumer)}, and also hands each interchange's summary to
     * {@code interchanges} as soon as the interchange ends (or the read stops inside it): the moment to
     * send its acknowledgment and, under {@link EnvelopePolicy#REJECT}, to discard
     * {@link InterchangeSummary#withdrawn()} transactions.
     */
    public EdiReadResult read(InputStream input, EdiContext context, Consumer<EdiTransaction> transactions,
                              Consumer<InterchangeSummary> interchanges) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(transactions, "transactions");
        return new ReadSession(factory, limits, context, transactions, interchanges).run(input);
    }
}
