package io.waybill.adapter.edi;

import io.waybill.adapter.edi.Acknowledgments.X12FunctionalAck;
import io.waybill.adapter.edi.TestEdi.Read;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.waybill.adapter.edi.TestEdi.context;
import static io.waybill.adapter.edi.TestEdi.read;
import static io.waybill.adapter.edi.TestEdi.status214;
import static io.waybill.adapter.edi.TestEdi.x12;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgmentsTest {

    private static final Acknowledgments ACKS =
            new Acknowledgments(Clock.fixed(Instant.parse("2024-03-02T08:30:00Z"), ZoneOffset.UTC));

    /** Transaction 0001: an invalid date and a private segment; 0002 clean; 0003 a wrong SE01. */
    private static final String MIXED = x12("000000401",
            "ST*214*0001~B10*PRO1*SHIP-1*ACMF~LX*1~AT7*X1*NS***20241345*1130~ZZZ*X~SE*6*0001~",
            status214("0002", "P2"),
            "ST*214*0003~B10*P3*S3*ACMF~LX*1~SE*9*0003~");

    @Test
    void a_997_reports_segment_and_element_errors_and_the_rejected_set_with_sender_and_receiver_swapped() {
        InterchangeSummary received = read(MIXED, context(EnvelopePolicy.REJECT)).only();

        Acknowledgment ack = ACKS.acknowledge(received, 77, X12FunctionalAck.ACK_997);

        assertThat(ack.content()).isEqualTo("""
                ISA*00*          *00*          *ZZ*WAYBILLHUB     *02*ACMF           *240302*0830*U*00401*000000077*0*P*>~
                TA1*000000401*240301*1204*A*000~
                GS*FA*WAYBILLHUB*ACMF*20240302*0830*77*X*004010~
                ST*997*0001~
                AK1*QM*17~
                AK2*214*0001~
                AK3*AT7*4*0205*8~
                AK4*5**8*20241345~
                AK3*ZZZ*5*0205*6~
                AK5*E*5~
                AK2*214*0002~
                AK5*A~
                AK2*214*0003~
                AK5*R*4~
                AK9*P*3*3*2~
                SE*13*0001~
                GE*1*77~
                IEA*1*000000077~
                """);
        assertThat(ack.kind()).isEqualTo("TA1+997");
        assertThat(ack.contentType()).isEqualTo("application/edi-x12");
        assertThat(ack.controlNumber()).isEqualTo("000000077");
        assertThat(ack.acknowledges().controlNumber()).isEqualTo("000000401");
        assertThat(ack.status()).isEqualTo(EdiStatus.ACCEPTED);
    }

    @Test
    void under_accept_and_report_the_wrong_count_is_accepted_with_errors() {
        InterchangeSummary received = read(MIXED, context(EnvelopePolicy.ACCEPT_AND_REPORT)).only();

        String ack = ACKS.acknowledge(received, 77, X12FunctionalAck.ACK_997).content();

        assertThat(ack).contains("AK2*214*0003~\nAK5*E*4~\nAK9*E*3*3*3~");
    }

    @Test
    void a_999_is_written_for_a_005010_group_when_asked() {
        Read read = TestEdi.resource("x12-315-newline-terminator.x12", context(EnvelopePolicy.REJECT));

        Acknowledgment ack = ACKS.acknowledge(read.only(), 79, X12FunctionalAck.ACK_999);

        assertThat(ack.content()).isEqualTo("""
                ISA*00*          *00*          *ZZ*WAYBILLHUB     *ZZ*OCEANLINE      *240302*0830*^*00501*000000079*0*P*>~
                TA1*000000077*240310*2210*A*000~
                GS*FA*WAYBILLHUB*OCEANLINE*20240302*0830*79*X*005010X231A1~
                ST*999*0001*005010X231A1~
                AK1*QO*77*005010~
                AK2*315*0001~
                IK5*A~
                AK9*A*1*1*1~
                SE*6*0001~
                GE*1*79~
                IEA*1*000000079~
                """);
        assertThat(ack.kind()).isEqualTo("TA1+999");
    }

    @Test
    void a_999_asked_for_a_004010_group_falls_back_to_a_997() {
        InterchangeSummary received = read(MIXED, context(EnvelopePolicy.REJECT)).only();

        Acknowledgment ack = ACKS.acknowledge(received, 78, X12FunctionalAck.ACK_999);

        assertThat(ack.kind()).isEqualTo("TA1+997");
        assertThat(ack.content()).contains("ST*997*0001~");
    }

    @Test
    void a_999_uses_ik3_ik4_and_ik5() {
        String text = TestEdi.isa("000000404", "240301", "00501")
                + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*005010~"
                + "ST*214*0001~B10*PRO1*SHIP-1*ACMF~LX*1~AT7*X1*NS***20240301*2599~SE*5*0001~GE*1*17~IEA*1*000000404~";

        String ack = ACKS.acknowledge(read(text, context(EnvelopePolicy.REJECT)).only(), 5, X12FunctionalAck.ACK_999)
                .content();

        assertThat(ack).contains("AK2*214*0001~\nIK3*AT7*4*0205*8~\nIK4*6**9*2599~\nIK5*E*5~\nAK9*E*1*1*1~");
    }

    @Test
    void an_interchange_rejected_for_its_envelope_gets_a_ta1_only() {
        String text = x12("000000402", status214("0001", "P1")).replace("IEA*1*000000402", "IEA*1*000000499");

        Acknowledgment ack = ACKS.acknowledge(read(text, context(EnvelopePolicy.REJECT)).only(), 77,
                X12FunctionalAck.ACK_997);

        assertThat(ack.content()).isEqualTo("""
                ISA*00*          *00*          *ZZ*WAYBILLHUB     *02*ACMF           *240302*0830*U*00401*000000077*0*P*>~
                TA1*000000402*240301*1204*R*001~
                IEA*0*000000077~
                """);
        assertThat(ack.kind()).isEqualTo("TA1");
        assertThat(ack.status()).isEqualTo(EdiStatus.REJECTED);
    }

    @Test
    void the_same_finding_under_accept_and_report_is_a_ta1_e_with_the_997() {
        String text = x12("000000402", status214("0001", "P1")).replace("IEA*1*000000402", "IEA*1*000000499");

        String ack = ACKS.acknowledge(read(text, context(EnvelopePolicy.ACCEPT_AND_REPORT)).only(), 77,
                X12FunctionalAck.ACK_997).content();

        assertThat(ack).contains("TA1*000000402*240301*1204*E*001~\nGS*FA*", "AK9*A*1*1*1~");
    }

    @Test
    void an_invalid_gs_is_noted_in_the_ta1_as_invalid_interchange_content() {
        String text = x12("000000405", status214("0001", "P1")).replace("*20240301*1204*17*", "*20240230*1204*17*");

        String ack = ACKS.acknowledge(read(text, context(EnvelopePolicy.ACCEPT_AND_REPORT)).only(), 6,
                X12FunctionalAck.ACK_997).content();

        assertThat(ack).contains("TA1*000000405*240301*1204*A*024~", "AK9*E*1*1*1~");
    }

    @Test
    void a_truncated_interchange_whose_header_was_read_still_gets_a_rejecting_ta1() {
        String whole = x12("000000403", status214("0001", "P1"), status214("0002", "P2"));
        Read read = read(whole.substring(0, whole.indexOf("ST*214*0002") + 20), context(EnvelopePolicy.REJECT));

        Acknowledgment ack = ACKS.acknowledge(read.only(), 82, X12FunctionalAck.ACK_997);

        assertThat(ack.content()).contains("TA1*000000403*240301*1204*R*023~\nIEA*0*000000082~");
    }

    @Test
    void a_resent_x12_interchange_gets_a_ta1_with_the_duplicate_note() {
        Read read = TestEdi.resource("x12-315-newline-terminator.x12",
                context(EnvelopePolicy.REJECT).withDuplicateCheck(id -> true));

        Acknowledgment ack = ACKS.acknowledge(read.only(), 80, X12FunctionalAck.ACK_997);

        assertThat(ack.content()).isEqualTo("""
                ISA*00*          *00*          *ZZ*WAYBILLHUB     *ZZ*OCEANLINE      *240302*0830*^*00501*000000080*0*P*>~
                TA1*000000077*240310*2210*R*025~
                IEA*0*000000080~
                """);
        assertThat(ack.duplicate()).isTrue();
        assertThat(read.delivered()).isEmpty();
    }

    @Test
    void a_resent_edifact_interchange_gets_a_contrl_with_the_duplicate_syntax_error() {
        Read read = TestEdi.resource("edifact-iftsta-d00b-utf8.edi", context(EnvelopePolicy.REJECT));

        Acknowledgment ack = ACKS.duplicate(read.only(), 81);

        assertThat(ack.content()).isEqualTo("""
                UNB+UNOW:4+WAYBILLHUB:ZZZ+FWDR99:ZZZ+20240302:0830+81++++++1'
                UNH+1+CONTRL:4:1:UN'
                UCI+FW00042+FWDR99:ZZZ+WAYBILLHUB:ZZZ+4+26'
                UNT+3+1'
                UNZ+1+81'
                """);
        assertThat(ack.contentType()).isEqualTo("application/edifact");
    }

    @Test
    void a_contrl_acknowledges_an_interchange_without_findings_with_uci_only() {
        Read read = TestEdi.resource("edifact-iftsta-d96a.edi", context(EnvelopePolicy.REJECT));

        assertThat(ACKS.acknowledge(read.only(), 90, X12FunctionalAck.ACK_997).content()).isEqualTo("""
                UNB+UNOC:3+WAYBILLHUB:ZZZ+OCEANLINE:ZZZ+240302:0830+90'
                UNH+1+CONTRL:D:3:UN'
                UCI+IF000311+OCEANLINE:ZZZ+WAYBILLHUB:ZZZ+7'
                UNT+3+1'
                UNZ+1+90'
                """);
    }

    @Test
    void a_contrl_lists_messages_with_findings_and_their_segment_and_element_errors() {
        String text = TestEdi.edifact("REF12", TestEdi.iftsta("1"),
                "UNH+2+IFTSTA:D:96A:UN'CNI+1+BL'STS+1+21'EQD++WBLU1234560'UNT+5+2'",
                "UNH+3+IFTSTA:D:96A:UN'BGM+23+X+9'CNI+1+BL'STS+1+21'UNT+9+3'");

        Acknowledgment ack = ACKS.acknowledge(read(text, context(EnvelopePolicy.REJECT)).only(), 91,
                X12FunctionalAck.ACK_997);

        assertThat(ack.content()).isEqualTo("""
                UNB+UNOC:3+WAYBILLHUB:ZZZ+CARRIER1:ZZZ+240302:0830+91'
                UNH+1+CONTRL:D:3:UN'
                UCI+REF12+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+7'
                UCM+2+IFTSTA:D:96A:UN+7'
                UCS+2+13'
                UCS+4'
                UCD+13+1'
                UCM+3+IFTSTA:D:96A:UN+4+29+UNT'
                UNT+8+1'
                UNZ+1+91'
                """);
    }

    @Test
    void a_contrl_rejects_an_interchange_with_an_invalid_unb_date() {
        String text = TestEdi.edifact("REF13", TestEdi.iftsta("1")).replace("+240311:0815+", "+241311:0815+");

        String ack = ACKS.acknowledge(read(text, context(EnvelopePolicy.REJECT)).only(), 92, X12FunctionalAck.ACK_997)
                .content();

        assertThat(ack).contains("UCI+REF13+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+4+12+UNB+4:1'\nUNT+3+1'");
    }

    @Test
    void a_contrl_reports_groups() {
        Read read = TestEdi.resource("edifact-iftsta-d00b-utf8.edi", context(EnvelopePolicy.REJECT));

        assertThat(ACKS.acknowledge(read.only(), 93, X12FunctionalAck.ACK_997).content())
                .contains("UCI+FW00042+FWDR99:ZZZ+WAYBILLHUB:ZZZ+7'\nUCF+G7+FWDR99:ZZZ+WAYBILLHUB:ZZZ+7'\nUNT+4+1'");
    }

    @Test
    void every_acknowledgment_is_a_valid_interchange_for_the_reader() {
        String[] inputs = {MIXED, x12("000000402", status214("0001", "P1")).replace("IEA*1*000000402", "IEA*1*000000499"),
                TestEdi.edifact("REF12", TestEdi.iftsta("1"), "UNH+3+IFTSTA:D:96A:UN'BGM+23+X+9'UNT+9+3'")};
        for (String input : inputs) {
            for (EnvelopePolicy policy : EnvelopePolicy.values()) {
                InterchangeSummary received = read(input, context(policy)).only();
                for (Acknowledgment ack : new Acknowledgment[] {ACKS.acknowledge(received, 12345, X12FunctionalAck.ACK_997),
                        ACKS.duplicate(received, 12346)}) {
                    Read back = read(ack.content(), context(EnvelopePolicy.REJECT));

                    assertThat(back.result().readToEnd()).as(ack.content()).isTrue();
                    assertThat(back.allFindings()).as(ack.content()).isEmpty();
                    assertThat(back.only().id().sender()).isEqualTo(received.receiver());
                    assertThat(back.only().receiver()).isEqualTo(received.id().sender());
                }
            }
        }
    }

    @Test
    void an_interchange_whose_header_was_not_read_cannot_be_answered() {
        InterchangeSummary headerless = new InterchangeSummary(new InterchangeId("X12", "", "", ""), "", "", "", "", "",
                false, false, false, false, false, EdiStatus.REJECTED, java.util.List.of(), java.util.List.of(),
                java.util.List.of(), 0);

        assertThatThrownBy(() -> ACKS.acknowledge(headerless, 1, X12FunctionalAck.ACK_997))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no readable header");
    }

    @Test
    void the_control_number_must_fit_isa13() {
        InterchangeSummary received = read(MIXED, context(EnvelopePolicy.REJECT)).only();

        assertThatThrownBy(() -> ACKS.acknowledge(received, 1_000_000_000L, X12FunctionalAck.ACK_997))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("controlNumber must be between 1 and 999999999, was 1000000000");
    }
}
