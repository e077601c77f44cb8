package io.waybill.hub.edi;

/** Small interchanges for tests, built with correct envelopes unless a test breaks them on purpose. */
public final class EdiSamples {

    private EdiSamples() {
    }

    /** A 106-character ISA with {@code ~} terminator from {@code qualifier:sender} to ZZ/WAYBILLHUB, version 00401. */
    public static String isa(String qualifier, String sender, String controlNumber) {
        return isa(qualifier, sender, controlNumber, "00401");
    }

    public static String isa(String qualifier, String sender, String controlNumber, String version) {
        String isa = "ISA*00*          *00*          *" + pad(qualifier, 2) + "*" + pad(sender, 15) + "*ZZ*WAYBILLHUB     *240301*1204*"
                + (version.compareTo("00402") >= 0 ? "^" : "U") + "*" + version + "*" + controlNumber + "*0*P*>~";
        if (isa.length() != 106) {
            throw new IllegalArgumentException("ISA must be 106 characters: " + isa);
        }
        return isa;
    }

    /** A 214 with one status (LX/AT7/MS1) per code: 4 + 3 per status segments. */
    public static String status214(String controlNumber, String shipment, String... codes) {
        StringBuilder text = new StringBuilder("ST*214*" + controlNumber + "~\nB10*PRO-" + shipment + "*" + shipment + "*ACMF~\n");
        int segments = 3;
        for (int i = 0; i < codes.length; i++) {
            text.append("LX*").append(i + 1).append("~\nAT7*").append(codes[i]).append("*NS***2024030").append(i + 1)
                    .append("*0815*LT~\nMS1*MEMPHIS*TN*US~\n");
            segments += 3;
        }
        return text.append("SE*").append(segments).append('*').append(controlNumber).append("~\n").toString();
    }

    /** ISA + one GS (group 17, version 004010) around the transactions + GE + IEA, counts right. */
    public static String x12(String qualifier, String sender, String controlNumber, String... transactions) {
        return x12(qualifier, sender, controlNumber, transactions.length, transactions);
    }

    /** As {@link #x12(String, String, String, String...)} with {@code groupCount} in GE01 (right or wrong). */
    public static String x12(String qualifier, String sender, String controlNumber, int groupCount, String... transactions) {
        StringBuilder text = new StringBuilder(isa(qualifier, sender, controlNumber)).append('\n');
        text.append("GS*QM*").append(sender).append("*WAYBILLHUB*20240301*1204*17*X*004010~\n");
        for (String transaction : transactions) {
            text.append(transaction);
        }
        text.append("GE*").append(groupCount).append("*17~\n");
        text.append("IEA*1*").append(controlNumber).append("~\n");
        return text.toString();
    }

    /** An EDIFACT interchange (syntax 3, no UNA) from {@code sender}:ZZZ around one IFTSTA per message reference. */
    public static String iftsta(String sender, String reference, String bl, String... messageReferences) {
        StringBuilder text = new StringBuilder("UNB+UNOC:3+" + sender + ":ZZZ+WAYBILLHUB:ZZZ+240311:0815+" + reference + "'\n");
        for (String message : messageReferences) {
            text.append("UNH+").append(message).append("+IFTSTA:D:96A:UN'\nBGM+23+ST").append(message).append("+9'\n")
                    .append("CNI+1+").append(bl).append("'\nSTS+1+21'\nDTM+334:202403102130:203'\n")
                    .append("UNT+6+").append(message).append("'\n");
        }
        return text.append("UNZ+").append(messageReferences.length).append('+').append(reference).append("'\n").toString();
    }

    private static String pad(String value, int width) {
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }
}
