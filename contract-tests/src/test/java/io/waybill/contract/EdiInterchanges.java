package io.waybill.contract;

/** Interchanges as carriers send them, for the end-to-end tests: right envelopes unless a test breaks one. */
final class EdiInterchanges {

    private EdiInterchanges() {
    }

    /** A 106-character ISA (version 00401, test indicator P) from {@code qualifier:sender} to ZZ:WAYBILLHUB. */
    static String isa(String qualifier, String sender, String controlNumber) {
        String isa = "ISA*00*          *00*          *" + pad(qualifier, 2) + "*" + pad(sender, 15)
                + "*ZZ*WAYBILLHUB     *240301*1204*U*00401*" + controlNumber + "*0*P*>~";
        if (isa.length() != 106) {
            throw new IllegalArgumentException("ISA must be 106 characters: " + isa);
        }
        return isa;
    }

    /** A 214 for {@code shipment} with one LX/AT7/MS1 status per AT7 code, on 1 March 2024 from 08:15 on. */
    static String status214(String controlNumber, String shipment, String... codes) {
        StringBuilder text = new StringBuilder("ST*214*" + controlNumber + "~\nB10*PRO-" + shipment + "*" + shipment + "*ACMF~\n");
        int segments = 3;
        for (int i = 0; i < codes.length; i++) {
            text.append("LX*").append(i + 1).append("~\nAT7*").append(codes[i]).append("*NS***20240301*08").append(15 + i)
                    .append("*CT~\nMS1*MEMPHIS*TN*US~\n");
            segments += 3;
        }
        return text.append("SE*").append(segments).append('*').append(controlNumber).append("~\n").toString();
    }

    /** ISA, one group (GS06 17, 004010) around the transactions, GE with {@code groupCount}, IEA. */
    static String x12(String qualifier, String sender, String controlNumber, int groupCount, String... transactions) {
        StringBuilder text = new StringBuilder(isa(qualifier, sender, controlNumber)).append('\n');
        text.append("GS*QM*").append(sender).append("*WAYBILLHUB*20240301*1204*17*X*004010~\n");
        for (String transaction : transactions) {
            text.append(transaction);
        }
        return text.append("GE*").append(groupCount).append("*17~\nIEA*1*").append(controlNumber).append("~\n").toString();
    }

    static String x12(String qualifier, String sender, String controlNumber, String... transactions) {
        return x12(qualifier, sender, controlNumber, transactions.length, transactions);
    }

    /** An EDIFACT interchange (UNOC:3) from {@code sender}:ZZZ with one IFTSTA: consignment {@code bl}, status 21. */
    static String iftsta(String sender, String reference, String bl) {
        return "UNA:+.? '\nUNB+UNOC:3+" + sender + ":ZZZ+WAYBILLHUB:ZZZ+240311:0815+" + reference + "'\n"
                + "UNH+M1+IFTSTA:D:96A:UN'\nBGM+23+ST-" + reference + "+9'\nCNI+1+" + bl + "'\nSTS+1+21'\n"
                + "DTM+334:202403102130:203'\nUNT+6+M1'\nUNZ+1+" + reference + "'\n";
    }

    private static String pad(String value, int width) {
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }
}
