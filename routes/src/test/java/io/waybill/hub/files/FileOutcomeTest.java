package io.waybill.hub.files;

import io.waybill.hub.ingest.EventResult;
import io.waybill.hub.ingest.ItemResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileOutcomeTest {

    private static final ReceivedFile DROPPED = new ReceivedFile("id", "acme-freight", ReceivedFile.CHANNEL_FILE, "batch.edi",
            "acme-freight", Path.of("batch.edi"), 100, Instant.parse("2026-11-27T10:00:00Z"));
    private static final ReceivedFile FETCHED = new ReceivedFile("id", "acme-freight", ReceivedFile.CHANNEL_SFTP, "batch.edi",
            "", Path.of("batch.edi"), 100, Instant.parse("2026-11-27T10:00:00Z"));

    private static final ItemResult ACCEPTED = new ItemResult(0, EventResult.ACCEPTED,
            List.of(new EventResult("e1", "io.waybill.shipment-status.v1", EventResult.ACCEPTED)), null, null, null);
    private static final ItemResult DUPLICATE = new ItemResult(1, EventResult.DUPLICATE,
            List.of(new EventResult("e2", "io.waybill.shipment-status.v1", EventResult.DUPLICATE)), null, null, null);
    private static final ItemResult REJECTED = new ItemResult(2, ItemResult.REJECTED, null, "map", "code 'XX' is not in table", true);

    @Test
    void a_file_whose_documents_were_all_published_or_duplicates_is_accepted_and_done_without_a_reason_file() {
        FileOutcome outcome = FileOutcome.processed(DROPPED, "raw.v1/0/7", List.of(ACCEPTED, DUPLICATE));

        assertThat(outcome.result()).isEqualTo(FileOutcome.ACCEPTED);
        assertThat(outcome.published()).isEqualTo(1);
        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.moveTo()).isEqualTo("acme-freight/.done/batch.edi");
        assertThat(outcome.reasonFile()).isNull();
        assertThat(outcome.reasonText()).isNull();
    }

    @Test
    void a_file_with_some_documents_rejected_is_done_with_a_reason_file_listing_them() {
        FileOutcome outcome = FileOutcome.processed(DROPPED, "raw.v1/0/7", List.of(ACCEPTED, DUPLICATE, REJECTED));

        assertThat(outcome.result()).isEqualTo(FileOutcome.PARTLY_REJECTED);
        assertThat(outcome.moveTo()).isEqualTo("acme-freight/.done/batch.edi");
        assertThat(outcome.reasonFile()).isEqualTo("acme-freight/.done/batch.edi.reason.txt");
        assertThat(outcome.reasonText()).isEqualTo("""
                file: batch.edi
                partner: acme-freight
                channel: file
                received: 2026-11-27T10:00:00Z
                archived: raw.v1/0/7
                outcome: partly_rejected
                documents: 3 (2 accepted, 1 rejected; rejected documents are on the dead-letter topic dlq.v1)
                document 3 (item 2): rejected at stage map: code 'XX' is not in table
                """);
    }

    @Test
    void a_file_whose_every_document_was_rejected_goes_to_error() {
        FileOutcome outcome = FileOutcome.processed(FETCHED, "raw.v1/0/7", List.of(REJECTED));

        assertThat(outcome.result()).isEqualTo(FileOutcome.REJECTED);
        assertThat(outcome.deadLettered()).isFalse();
        assertThat(outcome.moveTo()).isEqualTo(".error/batch.edi");
        assertThat(outcome.reasonFile()).isEqualTo(".error/batch.edi.reason.txt");
    }

    @Test
    void a_file_refused_whole_goes_to_error_with_its_stage_and_reason() {
        FileOutcome outcome = FileOutcome.refused(DROPPED, null, FileRefusal.received("the file is empty (0 bytes)"));

        assertThat(outcome.result()).isEqualTo(FileOutcome.REJECTED);
        assertThat(outcome.deadLettered()).isTrue();
        assertThat(outcome.moveTo()).isEqualTo("acme-freight/.error/batch.edi");
        assertThat(outcome.reasonText()).isEqualTo("""
                file: batch.edi
                partner: acme-freight
                channel: file
                received: 2026-11-27T10:00:00Z
                outcome: rejected
                stage: receive
                reason: the file is empty (0 bytes)
                the refusal is on the dead-letter topic dlq.v1
                """);
    }

    @Test
    void an_edi_file_with_a_refused_interchange_beside_a_published_one_is_partly_rejected_with_its_acknowledgments_beside_it() {
        FormatChecks checks = new FormatChecks(List.of("interchange X12/ZZ/EVIL/000000002 rejected: sender ZZ:EVIL is not declared"),
                false, "ISA*...*000000001~TA1*000000001*240301*1204*A*000~\nISA*...*000000002~TA1*000000002*240301*1204*R*006~\n");

        FileOutcome outcome = FileOutcome.processed(DROPPED, "raw.v1/0/7", List.of(ACCEPTED), checks);

        assertThat(outcome.result()).isEqualTo(FileOutcome.PARTLY_REJECTED);
        assertThat(outcome.moveTo()).isEqualTo("acme-freight/.done/batch.edi");
        assertThat(outcome.notes()).extracting(FileNote::name)
                .containsExactly("acme-freight/.done/batch.edi.reason.txt", "acme-freight/.done/batch.edi.ack");
        assertThat(outcome.notes().get(1).text()).isEqualTo(checks.reply());
        assertThat(outcome.reasonText()).isEqualTo("""
                file: batch.edi
                partner: acme-freight
                channel: file
                received: 2026-11-27T10:00:00Z
                archived: raw.v1/0/7
                outcome: partly_rejected
                refused: interchange X12/ZZ/EVIL/000000002 rejected: sender ZZ:EVIL is not declared
                what was refused is on the dead-letter topic dlq.v1; the acknowledgments are in batch.edi.ack
                documents: 1 (1 accepted, 0 rejected; rejected documents are on the dead-letter topic dlq.v1)
                """);
    }

    @Test
    void an_edi_file_whose_only_interchange_was_refused_goes_to_error_and_one_holding_only_a_duplicate_to_done() {
        FileOutcome refused = FileOutcome.processed(FETCHED, "raw.v1/0/8", List.of(),
                new FormatChecks(List.of("interchange X12/ZZ/EVIL/000000002 rejected: spoofed"), false, "TA1~"));
        FileOutcome duplicate = FileOutcome.processed(FETCHED, "raw.v1/0/9", List.of(), new FormatChecks(List.of(), true, "TA1~"));

        assertThat(refused.result()).isEqualTo(FileOutcome.REJECTED);
        assertThat(refused.notes()).extracting(FileNote::name).containsExactly(".error/batch.edi.reason.txt", ".error/batch.edi.ack");
        assertThat(duplicate.result()).isEqualTo(FileOutcome.ACCEPTED);
        assertThat(duplicate.notes()).extracting(FileNote::name).containsExactly(".done/batch.edi.ack");
    }

    @Test
    void a_file_without_format_checks_gets_no_acknowledgment_file() {
        assertThat(FileOutcome.processed(DROPPED, "raw.v1/0/7", List.of(ACCEPTED)).notes()).isEmpty();
        assertThat(FileOutcome.processed(DROPPED, "raw.v1/0/7", List.of(REJECTED)).notes()).extracting(FileNote::name)
                .containsExactly("acme-freight/.error/batch.edi.reason.txt");
    }
}
