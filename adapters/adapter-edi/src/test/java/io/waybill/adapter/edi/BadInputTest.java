package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.waybill.adapter.edi.EdiReadResult.Failure.Kind;
import io.waybill.adapter.edi.TestEdi.Read;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.waybill.adapter.edi.TestEdi.context;
import static io.waybill.adapter.edi.TestEdi.isa;
import static io.waybill.adapter.edi.TestEdi.read;
import static io.waybill.adapter.edi.TestEdi.status214;
import static io.waybill.adapter.edi.TestEdi.x12;
import static org.assertj.core.api.Assertions.assertThat;

class BadInputTest {

    private static final String GS = "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~";

    @Test
    void empty_input_is_not_edi() {
        Read read = read("", context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.NOT_EDI);
        assertThat(read.result().failure().message()).contains("no X12 (ISA) or EDIFACT (UNA/UNB) interchange");
        assertThat(read.result().interchanges()).isEmpty();
    }

    @Test
    void plain_text_is_not_edi() {
        Read read = read("Dear partner, please find the status attached.", context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.NOT_EDI);
        assertThat(read.result().failure().message())
                .startsWith("the input does not start with an X12 (ISA) or EDIFACT (UNA/UNB) interchange")
                .contains("offset 1");
    }

    @Test
    void binary_noise_is_not_edi() {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        noise[0] = (byte) 0x89;

        Read read = read(new ByteArrayInputStream(noise), context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.NOT_EDI);
        assertThat(read.delivered()).isEmpty();
    }

    @Test
    void an_isa_of_the_wrong_length_is_malformed_and_says_why() {
        String text = "ISA*00*          *00*          *02*ACMF      *ZZ*WAYBILLHUB     *240301*1204*U*00401*000000301*0*P*>~"
                + GS + status214("0001", "P1") + "GE*1*17~IEA*1*000000301~";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.MALFORMED);
        assertThat(read.result().failure().message()).contains("ISA header is invalid", "106 characters");
        assertThat(read.result().interchanges()).as("no header was readable: nothing to acknowledge").isEmpty();
    }

    @Test
    void a_truncated_interchange_is_reported_with_where_it_ends_and_its_complete_transactions_withdrawn() {
        String whole = x12("000000302", status214("0001", "P1"), status214("0002", "P2"));
        String truncated = whole.substring(0, whole.indexOf("ST*214*0002") + 20);

        Read read = read(truncated, context(EnvelopePolicy.REJECT));

        EdiReadResult.Failure failure = read.result().failure();
        assertThat(failure.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(failure.message()).startsWith("the input ends at offset " + truncated.length()
                + " inside interchange 000000302");
        assertThat(failure.offset()).isEqualTo(truncated.length());
        assertThat(failure.interchange().controlNumber()).isEqualTo("000000302");
        InterchangeSummary summary = read.only();
        assertThat(summary.complete()).isFalse();
        assertThat(summary.headerRead()).isTrue();
        assertThat(summary.status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(summary.findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.TRAILER_MISSING, "023"));
        assertThat(summary.groups().get(0).transactions()).extracting(InterchangeSummary.Transaction::status)
                .containsExactly(EdiStatus.ACCEPTED, EdiStatus.REJECTED);
        assertThat(summary.withdrawn()).extracting(InterchangeSummary.Transaction::controlNumber).containsExactly("0001");
    }

    @Test
    void a_missing_iea_at_the_end_of_the_file_keeps_the_transactions_under_accept_and_report() {
        String whole = x12("000000303", status214("0001", "P1"), status214("0002", "P2"));
        String noIea = whole.substring(0, whole.indexOf("IEA*"));

        Read read = read(noIea, context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(read.delivered()).hasSize(2);
        InterchangeSummary summary = read.only();
        assertThat(summary.status()).isEqualTo(EdiStatus.ACCEPTED_WITH_ERRORS);
        assertThat(summary.findings()).extracting(EdiFinding::code).containsExactly(Code.TRAILER_MISSING);
        assertThat(summary.findings().get(0).message()).startsWith("IEA is missing: the input ends at offset");
        assertThat(summary.groups().get(0).complete()).isTrue();
        assertThat(summary.withdrawn()).isEmpty();
    }

    @Test
    void a_missing_iea_before_the_next_isa_stops_the_read_with_the_first_interchange_summarized() {
        String first = x12("000000304", status214("0001", "P1"));
        String text = first.substring(0, first.indexOf("IEA*")) + x12("000000305", status214("0001", "P2"));

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.MALFORMED);
        assertThat(read.result().failure().message())
                .isEqualTo("interchange 000000304 has no IEA trailer: a new ISA header follows; the rest of the input is "
                        + "not read at segment ISA (segment 10 of interchange 000000304), offset 264");
        assertThat(read.only().findings()).extracting(EdiFinding::code).containsExactly(Code.TRAILER_MISSING);
        assertThat(read.only().status()).isEqualTo(EdiStatus.REJECTED);
    }

    @Test
    void noise_after_the_last_interchange_is_reported_and_the_interchange_before_it_kept() {
        String text = x12("000000306", status214("0001", "P1")) + "\u0000\u0001%PDF-1.7 garbage";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.delivered()).hasSize(1);
        assertThat(read.only().status()).isEqualTo(EdiStatus.ACCEPTED);
        assertThat(read.result().failure().kind()).isEqualTo(Kind.MALFORMED);
        assertThat(read.result().failure().message()).startsWith("unexpected data after interchange 000000306");
    }

    @Test
    void binary_noise_inside_an_interchange_stops_the_read_where_it_starts_and_the_envelope_stays_answerable() {
        String whole = x12("000000307", status214("0001", "P1"), status214("0002", "P2"));
        int cut = whole.indexOf("ST*214*0002");
        String text = whole.substring(0, cut) + "\u0000\u0001\u00ff\u00d8\u00ff\u00e0JFIF" + whole.substring(cut);

        Read read = read(text, context(EnvelopePolicy.REJECT));

        EdiReadResult.Failure failure = read.result().failure();
        assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(failure.message()).startsWith("interchange 000000307 cannot be parsed at offset " + (cut + 3)
                + ", after segment SE");
        assertThat(read.only().headerRead()).isTrue();
        assertThat(read.only().status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(read.only().findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.UNREADABLE, "024"));
    }

    @Test
    void windows_1252_text_is_read_as_such() {
        byte[] text = x12("000000317", "ST*214*0001~B10*P1*S1*ACMF~LX*1~AT7*X1*NS***20240301*1130~K1*DRIVER\u2019S NOTE~SE*6*0001~")
                .replace('\u2019', '\u0092').getBytes(StandardCharsets.ISO_8859_1);

        Read read = read(new ByteArrayInputStream(text), context(EnvelopePolicy.REJECT));

        assertThat(read.delivered().get(0).document().body().at("/LX/0/K1/0/K101").asText()).isEqualTo("DRIVER\u2019S NOTE");
    }

    @Test
    void an_invalid_date_in_the_unb_is_an_interchange_finding() {
        String text = TestEdi.edifact("REF11", TestEdi.iftsta("1")).replace("+240311:0815+", "+241311:0815+");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.only().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(Code.INVALID_ENVELOPE_VALUE);
            assertThat(finding.ackCode()).isEqualTo("12");
            assertThat(finding.where().segmentTag()).isEqualTo("UNB");
            assertThat(finding.where().elementPosition()).isEqualTo(4);
            assertThat(finding.where().componentPosition()).isEqualTo(1);
        });
        assertThat(read.delivered()).isEmpty();
    }

    @Test
    void an_element_longer_than_the_limit_stops_the_read() {
        String text = x12("000000308", "ST*214*0001~B10*" + "X".repeat(3000) + "*S1*ACMF~SE*3*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().failure().message())
                .startsWith("element B1001 is 3000 characters long (limit maxElementLength 2048)")
                .contains("interchange 000000308");
        assertThat(read.only().allTransactions()).singleElement()
                .satisfies(transaction -> assertThat(transaction.status()).isEqualTo(EdiStatus.REJECTED));
    }

    @Test
    void an_element_longer_than_the_parser_can_hold_stops_the_read_without_an_exception() {
        String text = x12("000000309", "ST*214*0001~B10*" + "X".repeat(50_000) + "*S1*ACMF~SE*3*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().failure().message()).contains("4096 characters the EDI parser can hold");
    }

    @Test
    void a_segment_repeated_millions_of_times_stops_at_the_segment_limit_after_reading_little() {
        int chunks = 1_000;
        GeneratedInput bomb = new GeneratedInput(chunks + 2, chunk -> {
            if (chunk == 0) {
                return isa("000000310") + GS + "ST*214*0001~B10*P1*S1*ACMF~";
            }
            return chunk <= chunks ? "LX*1~".repeat(5_000) : "SE*5000003*0001~GE*1*17~IEA*1*000000310~";
        });

        Read read = read(bomb, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().failure().message())
                .startsWith("transaction 0001 (214) has more than 100000 segments (limit maxSegmentsPerTransaction)");
        assertThat(bomb.bytesRead()).isLessThan(5L * 100_000 + 1_000_000);
        assertThat(read.only().status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(ta1Of(read.only())).isEqualTo("TA1*000000310*240301*1204*R*024");
    }

    @Test
    void an_element_repeated_millions_of_times_stops_the_read() {
        int chunks = 1_000;
        GeneratedInput bomb = new GeneratedInput(chunks + 2, chunk -> {
            if (chunk == 0) {
                return isa("000000311", "240301", "00501") + "GS*IM*ACMF*WAYBILLHUB*20240301*1204*17*X*005010~"
                        + "ST*210*0001~NTE*GEN*";
            }
            return chunk <= chunks ? "A^".repeat(2_000) : "~SE*3*0001~GE*1*17~IEA*1*000000311~";
        });

        Read read = read(bomb, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().failure().message()).startsWith("segment NTE has more than 999 elements, repetitions or components");
        assertThat(read.only().status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(ta1Of(read.only())).isEqualTo("TA1*000000311*240301*1204*R*024");
    }

    @Test
    void an_interchange_rejected_after_its_findings_overflowed_still_gets_the_ta1_code_of_its_envelope_error() {
        EdiReader reader = new EdiReader(EdiLimits.defaults().withMaxFindingsPerInterchange(2));
        String bad = "ST*214*%s~B10*P*S*ACMF~LX*1~AT7*X1*NS***20241345*1130~ZZZ*X~SE*6*%s~";
        String text = x12("000000313", bad.formatted("0001", "0001"), bad.formatted("0002", "0002"), bad.formatted("0003", "0003"))
                .replace("IEA*1*000000313", "IEA*1*000000999");

        Read read = read(text, context(EnvelopePolicy.REJECT), reader);

        assertThat(read.only().status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(read.only().findingsSuppressed()).isPositive();
        assertThat(ta1Of(read.only())).isEqualTo("TA1*000000313*240301*1204*R*001");
    }

    /** The TA1 segment of the acknowledgment of {@code received}: a rejected interchange never gets note code 000 (no error). */
    private static String ta1Of(InterchangeSummary received) {
        String content = new Acknowledgments(java.time.Clock.systemUTC()).acknowledge(received, 1, Acknowledgments.X12FunctionalAck.ACK_997).content();
        return content.lines().filter(line -> line.startsWith("TA1*")).findFirst().orElseThrow().replace("~", "");
    }

    @Test
    void too_many_transactions_in_one_interchange_stop_the_read() {
        EdiReader reader = new EdiReader(EdiLimits.defaults().withMaxTransactionsPerInterchange(2));

        Read read = read(x12("000000312", status214("0001", "P1"), status214("0002", "P2"), status214("0003", "P3")),
                context(EnvelopePolicy.ACCEPT_AND_REPORT), reader);

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().failure().message())
                .startsWith("interchange 000000312 holds more than 2 transactions (limit maxTransactionsPerInterchange)");
        assertThat(read.delivered()).hasSize(2);
    }

    @Test
    void a_transaction_longer_than_the_character_limit_stops_the_read() {
        EdiReader reader = new EdiReader(EdiLimits.defaults().withMaxTransactionChars(1_000));
        StringBuilder lines = new StringBuilder("ST*214*0001~B10*P1*S1*ACMF~");
        for (int i = 0; i < 100; i++) {
            lines.append("L11*REFERENCE-").append(i).append("*BM~");
        }

        Read read = read(x12("000000313", lines + "SE*103*0001~"), context(EnvelopePolicy.REJECT), reader);

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().failure().message()).contains("longer than 1000 characters (limit maxTransactionChars)");
    }

    @Test
    void more_interchanges_than_the_limit_stop_the_read() {
        EdiReader reader = new EdiReader(EdiLimits.defaults().withMaxInterchanges(1));

        Read read = read(x12("000000314", status214("0001", "P1")) + x12("000000315", status214("0001", "P1")),
                context(EnvelopePolicy.REJECT), reader);

        assertThat(read.result().failure().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
        assertThat(read.result().interchanges()).hasSize(1);
    }

    @Test
    void limits_are_checked_when_configured() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdiLimits.defaults().withMaxElementLength(5000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxElementLength must be at most 4000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EdiLimits.defaults().withMaxSegmentsPerTransaction(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxSegmentsPerTransaction must be at least 1, was 0");
    }

    @Test
    void an_input_stream_that_fails_is_an_io_error() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served < 200) {
                    return x12("000000316", status214("0001", "P1")).charAt(served++);
                }
                throw new IOException("connection reset by peer");
            }
        };

        Read read = read(failing, context(EnvelopePolicy.REJECT));

        assertThat(read.result().failure().kind()).isEqualTo(Kind.IO_ERROR);
        assertThat(read.result().failure().message()).contains("connection reset by peer");
    }

    @Test
    void a_50_mb_file_streams_through_with_bounded_memory() {
        int interchanges = 100;
        int transactionsPerInterchange = 1_000;
        GeneratedInput file = new GeneratedInput(interchanges, i -> interchangeOf214s(i + 1, transactionsPerInterchange));
        AtomicInteger delivered = new AtomicInteger();
        AtomicLong bytesAtLastDelivery = new AtomicLong();
        AtomicLong largestGapBetweenDeliveries = new AtomicLong();
        long heapBefore = usedHeapAfterGc();

        EdiReadResult result = new EdiReader().read(file, context(EnvelopePolicy.REJECT), transaction -> {
            delivered.incrementAndGet();
            long now = file.bytesRead();
            largestGapBetweenDeliveries.accumulateAndGet(now - bytesAtLastDelivery.getAndSet(now), Math::max);
        });

        assertThat(file.bytesRead()).isGreaterThan(50L * 1024 * 1024);
        assertThat(result.readToEnd()).isTrue();
        assertThat(delivered.get()).isEqualTo(interchanges * transactionsPerInterchange);
        assertThat(result.interchanges()).hasSize(interchanges)
                .allSatisfy(summary -> assertThat(summary.status()).isEqualTo(EdiStatus.ACCEPTED));
        assertThat(largestGapBetweenDeliveries.get()).as("bytes read between two deliveries").isLessThan(16 * 1024);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap kept after the read").isLessThan(64L * 1024 * 1024);
    }

    /** About 530 KB: an interchange of 214s, each with three status loops. */
    private static String interchangeOf214s(int number, int transactions) {
        String control = String.format("%09d", number);
        StringBuilder text = new StringBuilder(isa(control)).append("\r\n").append(GS).append("\r\n");
        for (int t = 1; t <= transactions; t++) {
            String st = String.format("%04d", t);
            text.append("ST*214*").append(st).append("~\r\n")
                    .append("B10*PRO").append(control).append(st).append("*SHIP-").append(st).append("*ACMF~\r\n")
                    .append("L11*BOL").append(control).append(st).append("*BM~\r\n")
                    .append("N1*SH*NORTHWIND TRADING*93*NW01~\r\nN4*OAKLAND*CA*94607*US~\r\n")
                    .append("N1*CN*BLUE RIVER RETAIL*93*BR04~\r\nN4*MEMPHIS*TN*38118*US~\r\n");
            for (int lx = 1; lx <= 3; lx++) {
                text.append("LX*").append(lx).append("~\r\n")
                        .append("  AT7*X6*NS***2024030").append(lx).append("*1430*CT~\r\n")
                        .append("  MS1*DENVER*CO*US*1045900*3944200*W*N~\r\n")
                        .append("  MS2*ACMF*TRL5521~\r\n")
                        .append("  L11*PRO").append(control).append(st).append("*CN~\r\n")
                        .append("  AT8*G*L*1250*12~\r\n");
            }
            text.append("SE*26*").append(st).append("~\r\n");
        }
        text.append("GE*").append(transactions).append("*17~\r\nIEA*1*").append(control).append("~\r\n");
        return text.toString();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void the_generated_interchanges_are_valid() {
        Read read = read(new ByteArrayInputStream(interchangeOf214s(1, 3).getBytes(StandardCharsets.US_ASCII)),
                context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        assertThat(read.delivered()).hasSize(3);
    }
}
