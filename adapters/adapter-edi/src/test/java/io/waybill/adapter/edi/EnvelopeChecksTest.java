package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.waybill.adapter.edi.EdiFinding.Level;
import io.waybill.adapter.edi.EdiFinding.Severity;
import io.waybill.adapter.edi.TestEdi.Read;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.waybill.adapter.edi.TestEdi.context;
import static io.waybill.adapter.edi.TestEdi.isa;
import static io.waybill.adapter.edi.TestEdi.read;
import static io.waybill.adapter.edi.TestEdi.status214;
import static io.waybill.adapter.edi.TestEdi.x12;
import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeChecksTest {

    private static final String WRONG_SE_COUNT = "ST*214*0002~B10*P2*S2*ACMF~LX*1~AT7*X1*NS***20240301*1130~SE*9*0002~";

    @Test
    void a_clean_interchange_has_no_findings_and_everything_accepted() {
        Read read = read(x12("000000201", status214("0001", "P1"), status214("0002", "P2")), context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        InterchangeSummary summary = read.only();
        assertThat(summary.status()).isEqualTo(EdiStatus.ACCEPTED);
        assertThat(summary.complete()).isTrue();
        assertThat(summary.headerRead()).isTrue();
        assertThat(summary.groups()).singleElement().satisfies(group -> {
            assertThat(group.status()).isEqualTo(EdiStatus.ACCEPTED);
            assertThat(group.declaredCount()).isEqualTo(2);
            assertThat(group.transactions()).extracting(InterchangeSummary.Transaction::status)
                    .containsOnly(EdiStatus.ACCEPTED);
        });
    }

    @Test
    void a_wrong_se01_count_rejects_the_transaction_under_reject() {
        Read read = read(x12("000000202", status214("0001", "P1"), WRONG_SE_COUNT), context(EnvelopePolicy.REJECT));

        assertThat(read.delivered()).extracting(EdiTransaction::controlNumber).containsExactly("0001");
        InterchangeSummary.Group group = read.only().groups().get(0);
        assertThat(group.status()).isEqualTo(EdiStatus.PARTIALLY_ACCEPTED);
        InterchangeSummary.Transaction rejected = group.transactions().get(1);
        assertThat(rejected.status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(rejected.delivered()).isFalse();
        assertThat(rejected.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.level()).isEqualTo(Level.TRANSACTION);
            assertThat(finding.code()).isEqualTo(Code.COUNT_MISMATCH);
            assertThat(finding.severity()).isEqualTo(Severity.REJECTING);
            assertThat(finding.ackCode()).isEqualTo("4");
            assertThat(finding.message()).isEqualTo("SE01 says 9 but 5 segments (ST through SE) were received");
            assertThat(finding.where().segmentTag()).isEqualTo("SE");
            assertThat(finding.where().segmentPosition()).isEqualTo(5);
        });
    }

    @Test
    void a_wrong_se01_count_is_reported_and_still_delivered_under_accept_and_report() {
        Read read = read(x12("000000203", WRONG_SE_COUNT), context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.delivered()).singleElement().satisfies(transaction -> {
            assertThat(transaction.status()).isEqualTo(EdiStatus.ACCEPTED_WITH_ERRORS);
            assertThat(transaction.findings()).extracting(EdiFinding::code, EdiFinding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.COUNT_MISMATCH, Severity.ERROR));
        });
        assertThat(read.only().groups().get(0).status()).isEqualTo(EdiStatus.ACCEPTED_WITH_ERRORS);
    }

    @Test
    void se02_must_match_st02() {
        Read read = read(x12("000000204", "ST*214*0001~B10*P1*S1*ACMF~LX*1~SE*4*0010~"), context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(Code.CONTROL_NUMBER_MISMATCH);
            assertThat(finding.ackCode()).isEqualTo("3");
            assertThat(finding.message()).isEqualTo("SE02 control number '0010' differs from ST '0001'");
        });
        assertThat(read.delivered()).isEmpty();
    }

    @Test
    void ge_count_and_control_number_are_checked_and_a_rejected_group_withdraws_what_was_delivered() {
        String text = isa("000000205") + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~" + status214("0001", "P1")
                + "GE*3*18~IEA*1*000000205~";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        InterchangeSummary summary = read.only();
        InterchangeSummary.Group group = summary.groups().get(0);
        assertThat(group.findings()).extracting(EdiFinding::code, EdiFinding::ackCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Code.COUNT_MISMATCH, "5"),
                org.assertj.core.groups.Tuple.tuple(Code.CONTROL_NUMBER_MISMATCH, "4"));
        assertThat(group.findings().get(0).message()).isEqualTo("GE01 says 3 but 1 transactions in group 17 were received");
        assertThat(group.status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(read.delivered()).as("delivered as soon as its SE was read").hasSize(1);
        assertThat(summary.withdrawn()).extracting(InterchangeSummary.Transaction::controlNumber).containsExactly("0001");
    }

    @Test
    void under_accept_and_report_a_wrong_group_count_withdraws_nothing() {
        String text = isa("000000206") + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~" + status214("0001", "P1")
                + "GE*2*17~IEA*1*000000206~";

        Read read = read(text, context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.only().groups().get(0).status()).isEqualTo(EdiStatus.ACCEPTED_WITH_ERRORS);
        assertThat(read.only().withdrawn()).isEmpty();
        assertThat(read.delivered()).hasSize(1);
    }

    @Test
    void iea_count_and_control_number_are_interchange_findings_with_ta1_codes() {
        String text = isa("000000207") + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~" + status214("0001", "P1")
                + "GE*1*17~IEA*2*000000999~";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        InterchangeSummary summary = read.only();
        assertThat(summary.findings()).extracting(EdiFinding::code, EdiFinding::ackCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Code.COUNT_MISMATCH, "021"),
                org.assertj.core.groups.Tuple.tuple(Code.CONTROL_NUMBER_MISMATCH, "001"));
        assertThat(summary.findings().get(1).message()).isEqualTo("IEA02 control number '000000999' differs from ISA13 '000000207'");
        assertThat(summary.status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(summary.withdrawn()).hasSize(1);
    }

    @Test
    void a_missing_se_is_reported_when_the_next_st_arrives_and_both_transactions_are_kept_apart() {
        String text = x12("000000208", "ST*214*0001~B10*P1*S1*ACMF~LX*1~AT7*X1*NS***20240301*1130~",
                status214("0002", "P2"));

        Read read = read(text, context(EnvelopePolicy.ACCEPT_AND_REPORT));

        InterchangeSummary.Group group = read.only().groups().get(0);
        assertThat(group.transactions()).extracting(InterchangeSummary.Transaction::controlNumber)
                .containsExactly("0001", "0002");
        assertThat(group.transactions().get(0).findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.TRAILER_MISSING, "2"));
        assertThat(read.delivered()).extracting(t -> t.document().body().at("/B10/0/B1001").asText())
                .containsExactly("P1", "P2");
        assertThat(group.transactions().get(1).findings()).isEmpty();
        assertThat(group.findings()).as("GE01 counts 2 transactions").isEmpty();
    }

    @Test
    void a_missing_unt_is_reported_when_the_next_unh_arrives() {
        String text = TestEdi.edifact("REF14", "UNH+1+IFTSTA:D:96A:UN'BGM+23+ST1+9'CNI+1+BL1'STS+1+21'", TestEdi.iftsta("2"));

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.only().transactions()).extracting(InterchangeSummary.Transaction::controlNumber,
                InterchangeSummary.Transaction::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", EdiStatus.REJECTED),
                org.assertj.core.groups.Tuple.tuple("2", EdiStatus.ACCEPTED));
        assertThat(read.only().transactions().get(0).findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.TRAILER_MISSING, "13"));
        assertThat(read.delivered()).extracting(EdiTransaction::controlNumber).containsExactly("2");
    }

    @Test
    void a_missing_ge_is_a_group_finding() {
        String text = isa("000000209") + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~" + status214("0001", "P1")
                + "IEA*1*000000209~";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.only().groups().get(0).findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.TRAILER_MISSING, "3"));
        assertThat(read.only().groups().get(0).complete()).isFalse();
    }

    @Test
    void an_x12_transaction_outside_a_functional_group_is_an_interchange_finding() {
        Read read = read(isa("000000217") + status214("0001", "P1") + "IEA*0*000000217~",
                context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.only().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(Code.UNEXPECTED_SEGMENT);
            assertThat(finding.ackCode()).isEqualTo("024");
            assertThat(finding.message()).isEqualTo("transaction set at segment 2 is outside a functional group (ST without GS)");
        });
        assertThat(read.delivered()).hasSize(1);
    }

    @Test
    void two_transactions_with_the_same_control_number_in_one_group_are_reported() {
        Read read = read(x12("000000210", status214("0001", "P1"), status214("0001", "P2")),
                context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.only().groups().get(0).transactions().get(1).findings())
                .extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.DUPLICATE_CONTROL_NUMBER, "23"));
    }

    @Test
    void an_invalid_date_in_the_isa_rejects_the_interchange_under_reject_with_ta1_code_014() {
        String text = x12("000000211", status214("0001", "P1")).replace("*240301*", "*241301*");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        InterchangeSummary summary = read.only();
        assertThat(summary.status()).isEqualTo(EdiStatus.REJECTED);
        assertThat(summary.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(Code.INVALID_ENVELOPE_VALUE);
            assertThat(finding.ackCode()).isEqualTo("014");
            assertThat(finding.where().segmentTag()).isEqualTo("ISA");
            assertThat(finding.where().elementPosition()).isEqualTo(9);
            assertThat(finding.message()).isEqualTo("element ISA09 '241301' is not a valid date");
        });
        assertThat(read.delivered()).isEmpty();
    }

    @Test
    void an_invalid_date_in_the_gs_is_a_group_finding() {
        String text = x12("000000212", status214("0001", "P1")).replace("*20240301*1204*17*", "*20240230*1204*17*");

        Read read = read(text, context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.only().groups().get(0).findings()).singleElement().satisfies(finding -> {
            assertThat(finding.level()).isEqualTo(Level.GROUP);
            assertThat(finding.code()).isEqualTo(Code.INVALID_ENVELOPE_VALUE);
            assertThat(finding.where().segmentTag()).isEqualTo("GS");
            assertThat(finding.where().elementPosition()).isEqualTo(4);
        });
        assertThat(read.delivered()).hasSize(1);
    }

    @Test
    void edifact_unt_une_and_unz_are_checked_with_edifact_codes() {
        String text = "UNB+UNOC:3+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+240311:0815+REF7'"
                + "UNG+IFTSTA+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+240311:0815+G1+UN+D:96A'"
                + "UNH+M1+IFTSTA:D:96A:UN'BGM+23+ST1+9'CNI+1+BL1'STS+1+21'UNT+9+M2'"
                + "UNE+2+G2'UNZ+3+REF8'";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        InterchangeSummary summary = read.only();
        assertThat(summary.allTransactions().get(0).findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.COUNT_MISMATCH, "29"),
                        org.assertj.core.groups.Tuple.tuple(Code.CONTROL_NUMBER_MISMATCH, "28"));
        assertThat(summary.groups().get(0).findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.COUNT_MISMATCH, "29"),
                        org.assertj.core.groups.Tuple.tuple(Code.CONTROL_NUMBER_MISMATCH, "28"));
        assertThat(summary.findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.COUNT_MISMATCH, "29"),
                        org.assertj.core.groups.Tuple.tuple(Code.CONTROL_NUMBER_MISMATCH, "28"));
        assertThat(summary.findings().get(0).message())
                .isEqualTo("UNZ01 says 3 but 1 groups in interchange REF7 were received");
        assertThat(read.delivered()).isEmpty();
    }

    @Test
    void unz_counts_messages_when_the_interchange_has_no_groups() {
        Read read = read(TestEdi.edifact("REF9", TestEdi.iftsta("1"), TestEdi.iftsta("2")), context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        assertThat(read.only().transactions()).hasSize(2);
        assertThat(read.delivered()).hasSize(2);
    }

    @Test
    void two_messages_with_the_same_reference_in_one_interchange_are_reported() {
        Read read = read(TestEdi.edifact("REF10", TestEdi.iftsta("1"), TestEdi.iftsta("1")),
                context(EnvelopePolicy.ACCEPT_AND_REPORT));

        assertThat(read.only().transactions().get(1).findings()).extracting(EdiFinding::code, EdiFinding::ackCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.DUPLICATE_CONTROL_NUMBER, "26"));
    }

    @Test
    void each_interchange_exposes_its_identity_and_a_seen_interchange_delivers_nothing() {
        Set<String> seen = new HashSet<>();
        String text = x12("000000213", status214("0001", "P1"));
        EdiContext context = context(EnvelopePolicy.REJECT).withDuplicateCheck(id -> !seen.add(id.key()));

        Read first = read(text, context);
        Read resent = read(text, context);

        assertThat(first.only().id()).isEqualTo(new InterchangeId("X12", "02", "ACMF", "000000213"));
        assertThat(first.only().duplicate()).isFalse();
        assertThat(first.delivered()).hasSize(1);
        assertThat(resent.only().duplicate()).isTrue();
        assertThat(resent.delivered()).isEmpty();
        assertThat(resent.only().allTransactions()).singleElement()
                .satisfies(transaction -> assertThat(transaction.delivered()).isFalse());
    }

    @Test
    void the_interchange_summary_reaches_its_consumer_as_soon_as_the_interchange_ends() {
        String text = x12("000000214", status214("0001", "P1")) + x12("000000215", status214("0001", "P2"));
        java.util.List<String> events = new java.util.ArrayList<>();

        new EdiReader().read(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                context(EnvelopePolicy.REJECT), t -> events.add("transaction " + t.interchange().controlNumber()),
                s -> events.add("interchange " + s.id().controlNumber()));

        assertThat(events).containsExactly("transaction 000000214", "interchange 000000214", "transaction 000000215",
                "interchange 000000215");
    }

    @Test
    void findings_past_the_limit_are_counted_and_statuses_stay_exact() {
        StringBuilder transactions = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            transactions.append("ST*214*000").append(i).append("~B10*P*S*ACMF~LX*1~SE*9*000").append(i).append("~");
        }
        EdiReader reader = new EdiReader(EdiLimits.defaults().withMaxFindingsPerInterchange(2));

        Read read = read(isa("000000216") + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*17*X*004010~" + transactions
                + "GE*5*17~IEA*1*000000216~", context(EnvelopePolicy.REJECT), reader);

        InterchangeSummary summary = read.only();
        assertThat(summary.findingsSuppressed()).isEqualTo(3);
        assertThat(summary.allTransactions()).extracting(InterchangeSummary.Transaction::status)
                .containsOnly(EdiStatus.REJECTED);
        assertThat(summary.findings()).extracting(EdiFinding::code).containsExactly(Code.FINDINGS_SUPPRESSED);
    }
}
