package io.waybill.hub.edi;

import io.waybill.adapter.edi.Acknowledgment;
import io.waybill.adapter.edi.Acknowledgments;
import io.waybill.adapter.edi.EdiContext;
import io.waybill.adapter.edi.EdiReader;
import io.waybill.adapter.edi.EnvelopePolicy;
import io.waybill.adapter.edi.InterchangeId;
import io.waybill.hub.edi.ReceivedInterchange.Verdict;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.waybill.hub.edi.EdiSamples.iftsta;
import static io.waybill.hub.edi.EdiSamples.status214;
import static io.waybill.hub.edi.EdiSamples.x12;
import static org.assertj.core.api.Assertions.assertThat;

/** How the hub judges each interchange of a body, on top of the adapter's envelope checks. */
class EdiReceiverTest {

    private static final List<String> SENDERS = List.of("02:ACMF", "ZZZ:CARRIER1");
    private final EdiReceiver receiver = new EdiReceiver(new EdiReader());

    private EdiReceipt receive(String body, EnvelopePolicy policy, String standard, Predicate<InterchangeId> seen) {
        EdiContext context = EdiContext.of("acme-freight", "rest", Instant.parse("2024-03-01T12:00:00Z")).withPolicy(policy);
        return receiver.receive(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), context, standard, SENDERS, seen);
    }

    private EdiReceipt receive(String body) {
        return receive(body, EnvelopePolicy.REJECT, "X12", id -> false);
    }

    private static String ack(ReceivedInterchange interchange) {
        Acknowledgment ack = new EdiAcknowledger(new Acknowledgments()).acknowledge(interchange, 7,
                Acknowledgments.X12FunctionalAck.ACK_997);
        return ack.content();
    }

    @Test
    void an_interchange_from_a_declared_sender_delivers_every_transaction() {
        EdiReceipt receipt = receive(x12("02", "ACMF", "000000101", status214("0001", "SH-1", "X3", "X6"), status214("0002", "SH-2", "D1")));

        assertThat(receipt.interchanges()).singleElement().satisfies(i -> {
            assertThat(i.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(i.key()).isEqualTo("X12/02/ACMF/000000101");
            assertThat(i.itemIndexes()).containsExactly(0, 1);
        });
        assertThat(receipt.documents()).hasSize(2);
        assertThat(receipt.documents().get(1).body().path("B10").path(0).path("B1002").asText()).isEqualTo("SH-2");
        assertThat(receipt.anyRefused()).isFalse();
    }

    @Test
    void an_interchange_from_an_undeclared_sender_is_refused_whole_with_a_rejecting_ta1() {
        EdiReceipt receipt = receive(x12("ZZ", "EVIL", "000000102", status214("0001", "SH-1", "X3")));

        ReceivedInterchange interchange = receipt.interchanges().get(0);
        assertThat(interchange.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(interchange.reason()).contains("sender ZZ:EVIL", "02:ACMF", "spoofed");
        assertThat(receipt.documents()).isEmpty();
        assertThat(receipt.anyRefused()).isTrue();
        assertThat(ack(interchange)).contains("TA1*000000102*240301*1204*R*006").doesNotContain("AK1");
    }

    @Test
    void an_undeclared_edifact_sender_gets_a_contrl_rejecting_with_unknown_sender() {
        EdiReceipt receipt = receive(iftsta("INTRUDER", "REF9", "BL1", "M1"), EnvelopePolicy.REJECT, "EDIFACT", id -> false);

        ReceivedInterchange interchange = receipt.interchanges().get(0);
        assertThat(interchange.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(ack(interchange)).contains("UCI+REF9+INTRUDER:ZZZ+WAYBILLHUB:ZZZ+4+23+UNB+2");
    }

    @Test
    void an_edifact_sender_without_a_qualifier_is_declared_by_its_id_alone() {
        String unqualified = iftsta("CARRIER2", "REF8", "BL1", "M1").replace("+CARRIER2:ZZZ+", "+CARRIER2+");
        EdiContext context = EdiContext.of("acme-freight", "rest", Instant.parse("2024-03-01T12:00:00Z"));

        EdiReceipt declared = receiver.receive(new ByteArrayInputStream(unqualified.getBytes(StandardCharsets.UTF_8)), context,
                "EDIFACT", List.of("02:ACMF", "CARRIER2"), id -> false);
        EdiReceipt qualifiedOnly = receiver.receive(new ByteArrayInputStream(unqualified.getBytes(StandardCharsets.UTF_8)), context,
                "EDIFACT", List.of("ZZZ:CARRIER2"), id -> false);

        assertThat(declared.interchanges().get(0).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(declared.documents()).hasSize(1);
        assertThat(qualifiedOnly.interchanges().get(0).verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(qualifiedOnly.interchanges().get(0).reason()).contains("sender CARRIER2 is not one of the senders");
    }

    @Test
    void an_interchange_accepted_before_is_a_duplicate_and_delivers_nothing() {
        String body = x12("02", "ACMF", "000000103", status214("0001", "SH-1", "X3"));
        EdiReceipt receipt = receive(body, EnvelopePolicy.REJECT, "X12", id -> id.key().equals("X12/02/ACMF/000000103"));

        ReceivedInterchange interchange = receipt.interchanges().get(0);
        assertThat(interchange.verdict()).isEqualTo(Verdict.DUPLICATE);
        assertThat(receipt.documents()).isEmpty();
        assertThat(receipt.anyRefused()).isFalse();
        assertThat(ack(interchange)).contains("TA1*000000103*240301*1204*R*025");
    }

    @Test
    void the_counts_the_routes_read_match_the_verdicts() {
        String body = x12("02", "ACMF", "000000110", status214("0001", "SH-1", "X3"))
                + x12("ZZ", "EVIL", "000000111", status214("0001", "SH-2", "X3"))
                + x12("02", "ACMF", "000000112", status214("0001", "SH-3", "X3"))
                + x12("02", "ACMF", "000000114", status214("0001", "SH-5", "X3"))
                + x12("02", "ACMF", "000000115", status214("0001", "SH-6", "X3"))
                + x12("02", "ACMF", "000000116", status214("0001", "SH-7", "X3"));
        Predicate<InterchangeId> seen = id -> id.key().equals("X12/02/ACMF/000000112") || id.key().equals("X12/02/ACMF/000000116");
        EdiReceipt receipt = receive(body, EnvelopePolicy.REJECT, "X12", seen);

        assertThat(receipt.interchanges()).extracting(ReceivedInterchange::verdict).containsExactly(Verdict.ACCEPTED,
                Verdict.REJECTED, Verdict.DUPLICATE, Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.DUPLICATE);
        // What edi.camel.yaml counts and filters on: received 6, acknowledged 6, accepted 3, rejected 1, duplicates 2.
        assertThat(receipt.counts()).isEqualTo(new EdiReceipt.Counts(6, 6, true, 3, 1, 2));
        assertThat(receive(x12("02", "ACMF", "000000113", status214("0001", "SH-4", "X3"))).counts())
                .isEqualTo(new EdiReceipt.Counts(1, 1, false, 1, 0, 0));
        assertThat(receive("Dear partner, the status is attached.").counts()).isEqualTo(new EdiReceipt.Counts(0, 0, true, 0, 0, 0));
    }

    @Test
    void the_same_interchange_twice_in_one_body_is_delivered_once() {
        String once = x12("02", "ACMF", "000000104", status214("0001", "SH-1", "X3"));

        EdiReceipt receipt = receive(once + once);

        assertThat(receipt.interchanges()).extracting(ReceivedInterchange::verdict).containsExactly(Verdict.ACCEPTED, Verdict.DUPLICATE);
        assertThat(receipt.documents()).hasSize(1);
    }

    @Test
    void a_wrong_group_count_withdraws_the_group_under_reject_and_is_reported_under_accept_and_report() {
        String body = x12("02", "ACMF", "000000105", 3, status214("0001", "SH-1", "X3"));

        EdiReceipt rejected = receive(body);
        EdiReceipt tolerated = receive(body, EnvelopePolicy.ACCEPT_AND_REPORT, "X12", id -> false);

        assertThat(rejected.documents()).isEmpty();
        assertThat(rejected.anyRefused()).isTrue();
        assertThat(rejected.interchanges().get(0).reason()).contains("GE01");
        assertThat(ack(rejected.interchanges().get(0))).contains("AK9*R");
        assertThat(tolerated.documents()).hasSize(1);
        assertThat(tolerated.anyRefused()).isFalse();
        assertThat(tolerated.interchanges().get(0).verdict()).isEqualTo(Verdict.ACCEPTED_WITH_ERRORS);
        assertThat(ack(tolerated.interchanges().get(0))).contains("AK9*E");
    }

    @Test
    void a_transaction_whose_trailer_is_wrong_is_refused_and_its_neighbour_delivered() {
        String broken = status214("0002", "SH-2", "X6").replace("SE*6*0002", "SE*6*0099");

        EdiReceipt receipt = receive(x12("02", "ACMF", "000000109", status214("0001", "SH-1", "X3"), broken));

        ReceivedInterchange interchange = receipt.interchanges().get(0);
        assertThat(interchange.verdict()).isEqualTo(Verdict.PARTIALLY_ACCEPTED);
        assertThat(interchange.reason()).startsWith("transaction 214 0002 rejected: ").contains("SE02");
        assertThat(interchange.itemIndexes()).containsExactly(0);
        assertThat(receipt.documents()).hasSize(1);
        assertThat(receipt.anyRefused()).isTrue();
        assertThat(receipt.acceptedCount()).isEqualTo(1);
        assertThat(ack(interchange)).contains("AK2*214*0002", "AK5*R", "AK9*P*2*2*1");
    }

    @Test
    void an_edifact_interchange_in_an_x12_push_is_refused() {
        EdiReceipt receipt = receive(iftsta("CARRIER1", "REF8", "BL1", "M1"), EnvelopePolicy.REJECT, "X12", id -> false);

        assertThat(receipt.interchanges().get(0).verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(receipt.interchanges().get(0).reason()).contains("announced as X12");
        assertThat(receipt.documents()).isEmpty();
    }

    @Test
    void a_truncated_interchange_is_rejected_and_its_complete_transactions_withdrawn() {
        String whole = x12("02", "ACMF", "000000106", status214("0001", "SH-1", "X3"), status214("0002", "SH-2", "X6"));
        String truncated = whole.substring(0, whole.indexOf("ST*214*0002") + 20);

        EdiReceipt receipt = receive(truncated);

        assertThat(receipt.interchanges().get(0).verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(receipt.documents()).isEmpty();
        assertThat(receipt.uncoveredFailure()).as("the interchange's verdict reports it").isNull();
        assertThat(receipt.anyRefused()).isTrue();
        assertThat(receipt.anyUnreadable()).isTrue();
        assertThat(ack(receipt.interchanges().get(0))).contains("*R*023");
    }

    @Test
    void noise_after_an_accepted_interchange_is_refused_and_the_interchange_kept() {
        EdiReceipt receipt = receive(x12("02", "ACMF", "000000107", status214("0001", "SH-1", "X3")) + "\u0000\u0001%PDF-1.7");

        assertThat(receipt.interchanges().get(0).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(receipt.documents()).hasSize(1);
        assertThat(receipt.uncoveredFailure()).isNotNull();
        assertThat(receipt.refusals()).singleElement().asString().startsWith("the read stopped (malformed): unexpected data");
    }

    @Test
    void a_body_with_no_interchange_is_unreadable() {
        EdiReceipt receipt = receive("Dear partner, the status is attached.");

        assertThat(receipt.unreadable()).isTrue();
        assertThat(receipt.failure().message()).contains("ISA");
    }

    @Test
    void without_a_sender_list_every_sender_is_read() {
        EdiContext context = EdiContext.of("cli", "file", Instant.now());
        EdiReceipt receipt = receiver.receive(new ByteArrayInputStream(x12("ZZ", "ANYONE", "000000108",
                status214("0001", "SH-1", "X3")).getBytes(StandardCharsets.UTF_8)), context, null, null, id -> false);

        assertThat(receipt.interchanges().get(0).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(Set.copyOf(receipt.documents())).hasSize(1);
    }
}
