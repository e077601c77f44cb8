package io.waybill.mapping.functions;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A 96-bit EPC read from a tag's EPC bank as 24 hex digits, decoded per the GS1 EPC Tag Data
 * Standard (2.x): SGTIN-96 (header {@code 0x30}) and SSCC-96 (header {@code 0x31}). The layout is
 * header (8 bits), filter (3), partition (3), then the GS1 company prefix and the item or serial
 * reference, whose bit and digit split the partition value fixes, then (SGTIN) a 38-bit serial or
 * (SSCC) 24 unallocated bits. Every rule the standard gives a decoder is checked: a partition of
 * 7, a company prefix or reference with more digits than the partition allows, and non-zero
 * unallocated bits are refused, never decoded into a wrong key.
 *
 * @param scheme        {@code sgtin} or {@code sscc}
 * @param filter        the filter value, 0 to 7
 * @param companyPrefix the GS1 company prefix, 6 to 12 digits, leading zeros kept
 * @param reference     SGTIN: indicator digit plus item reference; SSCC: extension digit plus serial reference
 * @param serial        SGTIN: the serial number as decimal digits; SSCC: null
 */
record Epc96(String scheme, int filter, String companyPrefix, String reference, String serial) {

    /** SGTIN-96 partition table, by partition value: company prefix bits and digits, item reference bits and digits. */
    private static final int[][] SGTIN_PARTITIONS = {
            {40, 12, 4, 1}, {37, 11, 7, 2}, {34, 10, 10, 3}, {30, 9, 14, 4}, {27, 8, 17, 5}, {24, 7, 20, 6}, {20, 6, 24, 7}};

    /** SSCC-96 partition table, by partition value: company prefix bits and digits, serial reference bits and digits. */
    private static final int[][] SSCC_PARTITIONS = {
            {40, 12, 18, 5}, {37, 11, 21, 6}, {34, 10, 24, 7}, {30, 9, 28, 8}, {27, 8, 31, 9}, {24, 7, 34, 10}, {20, 6, 38, 11}};

    static final int SGTIN_96 = 0x30;
    static final int SSCC_96 = 0x31;

    /** Why a hex EPC cannot be decoded; the message completes "EPC '...' ". */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes 24 hex digits (either case; spaces and a leading {@code 0x} are ignored).
     *
     * @throws Refusal when the text is not 24 hex digits, the header is not SGTIN-96 or SSCC-96, or
     *                 a field breaks the standard's decoding rules
     */
    static Epc96 decode(String text) {
        String hex = text.replaceAll("\\s", "");
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (!hex.matches("[0-9A-Fa-f]*")) {
            throw new Refusal("is not hexadecimal");
        }
        if (hex.length() != 24) {
            throw new Refusal("has " + hex.length() + " hex digits; a 96-bit EPC has 24");
        }
        BigInteger bits = new BigInteger(hex, 16);
        int header = field(bits, 0, 8).intValue();
        int filter = field(bits, 8, 3).intValue();
        int partition = field(bits, 11, 3).intValue();
        if (header != SGTIN_96 && header != SSCC_96) {
            throw new Refusal("has header 0x" + String.format("%02X", header)
                    + ", which is neither SGTIN-96 (0x30) nor SSCC-96 (0x31)");
        }
        boolean sgtin = header == SGTIN_96;
        String scheme = sgtin ? "sgtin" : "sscc";
        if (partition == 7) {
            throw new Refusal("has partition value 7, which the " + scheme.toUpperCase(Locale.ROOT)
                    + "-96 partition table does not define");
        }
        int[] split = (sgtin ? SGTIN_PARTITIONS : SSCC_PARTITIONS)[partition];
        String prefix = digits(field(bits, 14, split[0]), split[1], "company prefix");
        String reference = digits(field(bits, 14 + split[0], split[2]), split[3], sgtin ? "item reference" : "serial reference");
        int rest = 14 + split[0] + split[2];
        if (sgtin) {
            return new Epc96(scheme, filter, prefix, reference, field(bits, rest, 38).toString());
        }
        if (field(bits, rest, 24).signum() != 0) {
            throw new Refusal("has non-zero bits in the 24 unallocated bits of an SSCC-96");
        }
        return new Epc96(scheme, filter, prefix, reference, null);
    }

    /** The pure-identity EPC URI: {@code urn:epc:id:sgtin:0614141.812345.6789}, {@code urn:epc:id:sscc:0614141.1234567890}. */
    String uri() {
        return "urn:epc:id:" + scheme + ":" + companyPrefix + "." + reference + (serial == null ? "" : "." + serial);
    }

    /**
     * The GS1 key: for an SGTIN the GTIN-14 (indicator digit, company prefix, item reference, check
     * digit), for an SSCC the SSCC-18 (extension digit, company prefix, serial reference, check digit).
     */
    String gs1Key() {
        String body = reference.charAt(0) + companyPrefix + reference.substring(1);
        return body + Gs1Check.checkDigit(body + "0");
    }

    /** {@code length} bits starting {@code offset} bits from the most significant end of the 96. */
    private static BigInteger field(BigInteger bits, int offset, int length) {
        return bits.shiftRight(96 - offset - length).and(BigInteger.ONE.shiftLeft(length).subtract(BigInteger.ONE));
    }

    /** The value as exactly {@code count} decimal digits, leading zeros kept; more digits than that break the standard. */
    private static String digits(BigInteger value, int count, String what) {
        String text = value.toString();
        if (text.length() > count) {
            throw new Refusal("has " + what + " " + text + ", more than the " + count + " digits its partition allows");
        }
        return "0".repeat(count - text.length()) + text;
    }
}
