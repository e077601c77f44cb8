package io.waybill.adapter.edi;

/**
 * Bounds that keep hostile or broken input from exhausting memory. Exceeding one stops the read
 * with a {@link EdiReadResult.Failure} of kind {@code LIMIT_EXCEEDED} naming the limit and the place;
 * everything read before it is still reported (and delivered, as the policy allows).
 *
 * @param maxSegmentsPerTransaction   segments from ST/UNH through SE/UNT (default 100,000)
 * @param maxElementLength            characters in one element or component (default 2,048; at most 4,000,
 *                                    below the 4,096-character buffer of StAEDI's lexer)
 * @param maxTransactionsPerInterchange transactions (and, separately, groups) in one interchange (default 100,000)
 * @param maxTransactionChars         characters from ST/UNH through SE/UNT (default 4,000,000): bounds the
 *                                    JSON tree built for one transaction
 * @param maxInterchanges             interchanges in one read (default 10,000)
 * @param maxFindingsPerInterchange   findings kept per interchange (default 1,000); past it findings are
 *                                    counted, not kept, and statuses stay exact
 */
public record EdiLimits(int maxSegmentsPerTransaction, int maxElementLength, int maxTransactionsPerInterchange,
                        int maxTransactionChars, int maxInterchanges, int maxFindingsPerInterchange) {

    /** StAEDI's lexer holds an element in a fixed 4,096-character buffer. */
    static final int PARSER_ELEMENT_BUFFER = 4_096;

    public EdiLimits {
        positive("maxSegmentsPerTransaction", maxSegmentsPerTransaction);
        positive("maxElementLength", maxElementLength);
        if (maxElementLength > 4_000) {
            throw new IllegalArgumentException("maxElementLength must be at most 4000 (the EDI parser buffers one element in "
                    + PARSER_ELEMENT_BUFFER + " characters), was " + maxElementLength);
        }
        positive("maxTransactionsPerInterchange", maxTransactionsPerInterchange);
        positive("maxTransactionChars", maxTransactionChars);
        positive("maxInterchanges", maxInterchanges);
        positive("maxFindingsPerInterchange", maxFindingsPerInterchange);
    }

    /** The defaults: sized for real carrier traffic, far below what would exhaust a 512 MB heap. */
    public static EdiLimits defaults() {
        return new EdiLimits(100_000, 2_048, 100_000, 4_000_000, 10_000, 1_000);
    }

    public EdiLimits withMaxSegmentsPerTransaction(int value) {
        return new EdiLimits(value, maxElementLength, maxTransactionsPerInterchange, maxTransactionChars, maxInterchanges,
                maxFindingsPerInterchange);
    }

    public EdiLimits withMaxElementLength(int value) {
        return new EdiLimits(maxSegmentsPerTransaction, value, maxTransactionsPerInterchange, maxTransactionChars,
                maxInterchanges, maxFindingsPerInterchange);
    }

    public EdiLimits withMaxTransactionsPerInterchange(int value) {
        return new EdiLimits(maxSegmentsPerTransaction, maxElementLength, value, maxTransactionChars, maxInterchanges,
                maxFindingsPerInterchange);
    }

    public EdiLimits withMaxTransactionChars(int value) {
        return new EdiLimits(maxSegmentsPerTransaction, maxElementLength, maxTransactionsPerInterchange, value,
                maxInterchanges, maxFindingsPerInterchange);
    }

    public EdiLimits withMaxInterchanges(int value) {
        return new EdiLimits(maxSegmentsPerTransaction, maxElementLength, maxTransactionsPerInterchange,
                maxTransactionChars, value, maxFindingsPerInterchange);
    }

    public EdiLimits withMaxFindingsPerInterchange(int value) {
        return new EdiLimits(maxSegmentsPerTransaction, maxElementLength, maxTransactionsPerInterchange,
                maxTransactionChars, maxInterchanges, value);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
