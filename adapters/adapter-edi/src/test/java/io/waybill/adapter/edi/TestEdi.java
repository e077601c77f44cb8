package io.waybill.adapter.edi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds small interchanges for tests and reads them. */
final class TestEdi {

    static final Instant RECEIVED = Instant.parse("2024-03-01T12:00:00Z");

    private TestEdi() {
    }

    static EdiContext context(EnvelopePolicy policy) {
        return EdiContext.of("acme-freight", "file", RECEIVED).withPolicy(policy).withRawRef("raw.v1/0/42");
    }

    /** A 106-character ISA with {@code ~} terminator, sender 02/ACMF, receiver ZZ/WAYBILLHUB. */
    static String isa(String controlNumber) {
        return isa(controlNumber, "240301", "00401");
    }

    static String isa(String controlNumber, String date, String version) {
        String isa = "ISA*00*          *00*          *02*ACMF           *ZZ*WAYBILLHUB     *" + date + "*1204*"
                + (version.compareTo("00402") >= 0 ? "^" : "U") + "*" + version + "*" + controlNumber + "*0*P*>~";
        if (isa.length() != 106) {
            throw new IllegalArgumentException("ISA must be 106 characters: " + isa);
        }
        return isa;
    }

    /** A minimal valid 214 with one status: 6 segments. */
    static String status214(String controlNumber, String pro) {
        return "ST*214*" + controlNumber + "~B10*" + pro + "*SHIP-" + pro + "*ACMF~LX*1~AT7*X1*NS***20240301*1130*LT~"
                + "MS1*MEMPHIS*TN*US~SE*6*" + controlNumber + "~";
    }

    /** ISA + GS + the transactions + GE + IEA with correct counts. */
    static String x12(String interchangeControl, String... transactions) {
        StringBuilder text = new StringBuilder(isa(interchangeControl)).append('\n');
        text.append("GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~\n");
        for (String transaction : transactions) {
            text.append(transaction).append('\n');
        }
        text.append("GE*").append(transactions.length).append("*17~\n");
        text.append("IEA*1*").append(interchangeControl).append("~\n");
        return text.toString();
    }

    /** An EDIFACT interchange (no UNA, syntax 3) around the given message segments. */
    static String edifact(String reference, String... messages) {
        StringBuilder text = new StringBuilder("UNB+UNOC:3+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+240311:0815+" + reference + "'\n");
        for (String message : messages) {
            text.append(message).append('\n');
        }
        text.append("UNZ+").append(messages.length).append('+').append(reference).append("'\n");
        return text.toString();
    }

    /** A minimal IFTSTA D96A: 6 segments. */
    static String iftsta(String reference) {
        return "UNH+" + reference + "+IFTSTA:D:96A:UN'BGM+23+ST" + reference + "+9'CNI+1+BL" + reference + "'STS+1+21'"
                + "LOC+175+NLRTM::6'UNT+6+" + reference + "'";
    }

    static Read read(String text, EdiContext context) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), context);
    }

    static Read read(String text, EdiContext context, EdiReader reader) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), context, reader);
    }

    static Read read(InputStream input, EdiContext context) {
        return read(input, context, new EdiReader());
    }

    static Read read(InputStream input, EdiContext context, EdiReader reader) {
        List<EdiTransaction> delivered = new ArrayList<>();
        EdiReadResult result = reader.read(input, context, delivered::add);
        return new Read(result, delivered);
    }

    static Read resource(String name, EdiContext context) {
        try (InputStream input = TestEdi.class.getResourceAsStream("/edi/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource /edi/" + name);
            }
            return read(input, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resourceBytes(String name) {
        try (InputStream input = TestEdi.class.getResourceAsStream("/edi/" + name)) {
            return input.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one read produced. */
    record Read(EdiReadResult result, List<EdiTransaction> delivered) {

        InterchangeSummary only() {
            if (result.interchanges().size() != 1) {
                throw new AssertionError("expected one interchange, got " + result.interchanges());
            }
            return result.interchanges().get(0);
        }

        List<EdiFinding> allFindings() {
            List<EdiFinding> all = new ArrayList<>();
            for (InterchangeSummary summary : result.interchanges()) {
                all.addAll(summary.findings());
                summary.groups().forEach(group -> all.addAll(group.findings()));
                summary.allTransactions().forEach(transaction -> all.addAll(transaction.findings()));
            }
            return all;
        }
    }
}
