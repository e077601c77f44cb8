package io.waybill.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.waybill.hub.cli.CliRun.waybill;
import static io.waybill.hub.edi.EdiSamples.iftsta;
import static io.waybill.hub.edi.EdiSamples.status214;
import static io.waybill.hub.edi.EdiSamples.x12;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./waybill edi parse} and {@code ./waybill edi ack}: a file read as the hub reads a push. */
class EdiCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(root.resolve(name), content);
    }

    @Test
    void parse_prints_one_raw_document_per_transaction_and_the_verdicts_on_stderr() throws IOException {
        Path file = file("status.x12", x12("02", "ACMF", "000000201", status214("0001", "SH-1", "X3", "X6"),
                status214("0002", "SH-2", "D1")));

        CliRun run = waybill("edi", "parse", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.path("envelope").path("interchange").path("controlNumber").asText()).isEqualTo("000000201");
        assertThat(first.path("LX").path(1).path("AT7").path(0).path("AT701").asText()).isEqualTo("X6");
        assertThat(run.err()).contains("interchange X12/02/ACMF/000000201: accepted, 2 transaction(s) to map");
    }

    @Test
    void parse_pretty_indents_each_document() throws IOException {
        Path file = file("status.edi", iftsta("CARRIER1", "REF1", "BL-1", "M1"));

        CliRun run = waybill("edi", "parse", file.toString(), "--pretty");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\n  \"envelope\"").contains("\"CNI02\" : [ \"BL-1\" ]");
    }

    @Test
    void a_rejected_interchange_prints_nothing_exits_1_and_says_why() throws IOException {
        Path file = file("bad-count.x12", x12("02", "ACMF", "000000202", 5, status214("0001", "SH-1", "X3")));

        CliRun run = waybill("edi", "parse", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("interchange X12/02/ACMF/000000202: rejected, 0 transaction(s) to map", "GE01");
    }

    @Test
    void accept_and_report_maps_what_reject_refuses() throws IOException {
        Path file = file("bad-count.x12", x12("02", "ACMF", "000000203", 5, status214("0001", "SH-1", "X3")));

        CliRun run = waybill("edi", "parse", file.toString(), "--envelope-errors", "accept-and-report");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip().split("\n")).hasSize(1);
        assertThat(run.err()).contains("accepted_with_errors", "GE01");
    }

    @Test
    void an_unreadable_file_exits_1_naming_the_problem() throws IOException {
        String whole = x12("02", "ACMF", "000000204", status214("0001", "SH-1", "X3"));
        Path file = file("truncated.x12", whole.substring(0, whole.length() - 30));

        CliRun run = waybill("edi", "parse", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rejected").contains("the input ends");
    }

    @Test
    void ack_prints_the_ta1_and_997_the_hub_would_send() throws IOException {
        Path file = file("status.x12", x12("02", "ACMF", "000000205", status214("0001", "SH-1", "X3")));

        CliRun run = waybill("edi", "ack", file.toString(), "--control-number", "42");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ISA*00*").contains("*000000042*0*P*>", "TA1*000000205*240301*1204*A*000",
                "ST*997*0001", "AK1*QM*17", "AK2*214*0001", "AK5*A", "AK9*A*1*1*1", "IEA*1*000000042");
    }

    @Test
    void ack_of_an_edifact_file_is_a_contrl() throws IOException {
        Path file = file("status.edi", iftsta("CARRIER1", "REF2", "BL-2", "M1", "M2"));

        CliRun run = waybill("edi", "ack", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("UNB+UNOC:3+WAYBILLHUB:ZZZ+CARRIER1:ZZZ+").contains("UNH+1+CONTRL:D:3:UN",
                "UCI+REF2+CARRIER1:ZZZ+WAYBILLHUB:ZZZ+7");
    }

    @Test
    void ack_for_a_partner_refuses_a_sender_it_does_not_declare() throws IOException {
        Path mappings = root.resolve("mappings");
        Files.createDirectories(mappings.resolve("edi-carrier"));
        Files.writeString(mappings.resolve("edi-carrier/partner.yaml"), """
                id: edi-carrier
                name: EDI carrier
                owner: edi@carrier.example
                channels:
                  rest: {formats: [x12]}
                edi:
                  senders: [02:ACMF]
                  x12-ack: "999"
                """);
        Path file = file("spoofed.x12", x12("ZZ", "OTHER", "000000206", status214("0001", "SH-1", "X3")));

        CliRun run = waybill("edi", "ack", file.toString(), "--partner", "edi-carrier", "--mappings", mappings.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("TA1*000000206*240301*1204*R*006").doesNotContain("AK1");
        assertThat(run.err()).contains("sender ZZ:OTHER is not one of the senders partner edi-carrier declares", "spoofed");
    }

    @Test
    void a_wrong_option_value_is_named() throws IOException {
        Path file = file("status.x12", x12("02", "ACMF", "000000207", status214("0001", "SH-1", "X3")));

        CliRun run = waybill("edi", "ack", file.toString(), "--x12-ack", "998");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--x12-ack must be 997 or 999");
    }
}
