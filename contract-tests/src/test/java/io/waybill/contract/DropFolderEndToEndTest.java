package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.TopicReader.Record;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drop folder end to end, on real files and the real embedded brokers: a second hub (on the
 * shared brokers) reads its own inbox, and the tests put files into partners' folders as a partner
 * or an operator would, then look where the files went and what reached the topics. Most partners
 * send the test format {@code pipes}; one sends X12, read by the EDI adapter.
 */
@ExtendWith(SharedHub.class)
class DropFolderEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLED = Duration.ofSeconds(30);

    private static FileHub files;
    private String run;

    @BeforeAll
    static void startHubWithADropPartner() throws IOException {
        Path root = FileHub.newRoot();
        FileHub.declare(root, "dock-files", "drop: {formats: [pipes]}\n");
        FileHub.declare(root, "rest-only", "rest: {formats: [json]}\n");
        FileHub.declareX12(root, "edi-dock", "drop: {formats: [x12]}\n", "02:EDIDOCK");
        files = FileHub.start(root, Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (files != null) {
            files.close();
        }
    }

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_good_file_publishes_its_events_and_moves_to_done() throws Exception {
        String name = "status-" + run + ".pipes";
        String content = FileHub.line("A-" + run + "-1", "SH-A1-" + run, "PU") + FileHub.line("A-" + run + "-2", "SH-A2-" + run, "DL");

        drop("dock-files", name, content);

        Path done = awaitSettled("dock-files", ".done", name);
        assertThat(done).hasContent(content);
        assertThat(done.resolveSibling(name + ".reason.txt")).doesNotExist();
        assertThat(files.inbox.resolve("dock-files").resolve(name)).doesNotExist();
        Record archived = rawParts(name).get(0);
        assertThat(archived.value()).isEqualTo(content);
        assertThat(archived.key()).isEqualTo("dock-files");
        assertThat(archived.headers()).containsEntry("waybill.partner", "dock-files").containsEntry("waybill.channel", "file")
                .containsEntry("waybill.file.name", name).containsEntry("waybill.raw.part", "1/1").containsKey("waybill.received-at");
        String rawRef = "raw.v1/" + archived.partition() + "/" + archived.offset();
        JsonNode first = event("SH-A1-" + run);
        assertThat(first.path("partner").asText()).isEqualTo("dock-files");
        assertThat(first.path("source").asText()).isEqualTo("/waybill/partners/dock-files/file");
        assertThat(first.path("rawref").asText()).isEqualTo(rawRef);
        assertThat(first.path("data").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(event("SH-A2-" + run).path("data").path("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void a_bad_document_among_good_ones_is_dead_lettered_and_the_file_goes_to_done_with_the_rejection_listed() throws Exception {
        String name = "mixed-" + run + ".pipes";
        String bad = "B-" + run + "-2|SH-B2-" + run + "|ZZ|2026-11-27T10:00:00-05:00";
        drop("dock-files", name, FileHub.line("B-" + run + "-1", "SH-B1-" + run, "PU") + bad + "\n"
                + FileHub.line("B-" + run + "-3", "SH-B3-" + run, "DL"));

        Path done = awaitSettled("dock-files", ".done", name);

        assertThat(done.resolveSibling(name + ".reason.txt")).content()
                .contains("outcome: partly_rejected")
                .contains("documents: 3 (2 accepted, 1 rejected")
                .contains("document 2 (item 1): rejected at stage map: ")
                .contains("code 'ZZ' is not in table 'codes'");
        JsonNode first = event("SH-B1-" + run);
        assertThat(first.path("data").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(first.path("ingesttime").asText()).as("the file's receipt time").isNotBlank()
                .isEqualTo(event("SH-B3-" + run).path("ingesttime").asText());
        assertThat(event("SH-B3-" + run).path("data").path("status").asText()).isEqualTo("DELIVERED");
        assertThat(TopicReader.readAll(files.bootstrap(), "canonical.shipment-status.v1", r -> ("SH-B2-" + run).equals(r.key())))
                .isEmpty();
        Record archived = rawParts(name).get(0);
        Record dead = awaitDeadLetter(r -> bad.equals(r.value()));
        assertThat(dead.headers()).containsEntry("waybill.error.stage", "map").containsEntry("waybill.error.partner", "dock-files")
                .containsEntry("waybill.channel", "file")
                .containsEntry("waybill.error.item", "1")
                .containsEntry("waybill.error.source", "raw.v1/" + archived.partition() + "/" + archived.offset());
        assertThat(dead.headers().get("waybill.error.reason")).contains("code 'ZZ' is not in table 'codes'");
    }

    @Test
    void a_format_the_partner_did_not_declare_is_rejected_to_error_with_the_reason() throws Exception {
        String name = "interchange-" + run + ".edi";
        String edifact = "UNA:+.? 'UNB+UNOC:3+DOCKFILES:ZZ+WAYBILL:ZZ+261127:1000+" + run + "'UNZ+0+" + run + "'";

        drop("dock-files", name, edifact);

        Path error = awaitSettled("dock-files", ".error", name);
        assertThat(error).hasContent(edifact);
        assertThat(error.resolveSibling(name + ".reason.txt")).content()
                .contains("outcome: rejected")
                .contains("stage: parse")
                .contains("reason: the file is an EDIFACT interchange (it starts with UNA or UNB), but partner 'dock-files'"
                        + " declares [pipes] for its drop channel");
        Record dead = awaitDeadLetter(r -> name.equals(r.headers().get("waybill.file.name")));
        assertThat(dead.value()).isEqualTo(edifact);
        assertThat(dead.headers()).containsEntry("waybill.error.stage", "parse").containsEntry("waybill.channel", "file")
                .containsKey("waybill.error.source");
    }

    @Test
    void an_empty_file_is_rejected_to_error() throws Exception {
        String name = "empty-" + run + ".pipes";

        drop("dock-files", name, "");

        Path error = awaitSettled("dock-files", ".error", name);
        assertThat(error.resolveSibling(name + ".reason.txt")).content()
                .contains("stage: receive").contains("reason: the file is empty (0 bytes)");
        assertThat(rawParts(name)).isEmpty();
    }

    @Test
    void binary_noise_is_rejected_to_error_and_the_next_file_is_read_all_the_same() throws Exception {
        String noise = "noise-" + run + ".pipes";
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        String next = "after-noise-" + run + ".pipes";

        drop("dock-files", noise, bytes);
        drop("dock-files", next, FileHub.line("N-" + run, "SH-N-" + run, "PU"));

        Path error = awaitSettled("dock-files", ".error", noise);
        assertThat(error).hasBinaryContent(bytes);
        assertThat(error.resolveSibling(noise + ".reason.txt")).content()
                .contains("stage: parse").contains("reason: not a readable pipes file: not UTF-8 text");
        awaitSettled("dock-files", ".done", next);
        assertThat(event("SH-N-" + run).path("partner").asText()).isEqualTo("dock-files");
    }

    @Test
    void a_file_in_the_folder_of_a_partner_without_the_drop_channel_or_of_no_partner_is_rejected_to_error() throws Exception {
        String name = "status-" + run + ".pipes";
        String content = FileHub.line("C-" + run, "SH-C-" + run, "PU");

        drop("rest-only", name, content);
        drop("ghost-carrier", name, content);

        assertThat(awaitSettled("rest-only", ".error", name).resolveSibling(name + ".reason.txt")).content()
                .contains("stage: receive")
                .contains("reason: partner 'rest-only' may not send files this way: its partner.yaml has no 'channels.drop'");
        assertThat(awaitSettled("ghost-carrier", ".error", name).resolveSibling(name + ".reason.txt")).content()
                .contains("reason: no partner 'ghost-carrier' is declared on this hub");
        // Not the partner's, as far as the hub can tell: nothing is archived or dead-lettered.
        assertThat(rawParts(name)).isEmpty();
        assertThat(TopicReader.readAll(files.bootstrap(), "dlq.v1", r -> name.equals(r.headers().get("waybill.file.name"))))
                .isEmpty();
        assertThat(files.metrics())
                .containsPattern("waybill_files_processed_total\\{[^}]*channel=\"file\"[^}]*outcome=\"rejected\"[^}]*partner=\"unknown\"[^}]*\\} [1-9]")
                .doesNotContain("ghost-carrier");
    }

    @Test
    void a_file_over_the_size_limit_is_refused_without_being_read() throws Exception {
        String name = "huge-" + run + ".pipes";
        String line = FileHub.line("H-" + run, "SH-H-" + run, "PU");
        drop("dock-files", name, line.repeat((int) (FileHub.MAX_BYTES / line.length()) + 10));

        Path error = awaitSettled("dock-files", ".error", name);

        assertThat(error.resolveSibling(name + ".reason.txt")).content().contains("stage: receive")
                .containsPattern("reason: the file has \\d+ bytes; at most " + FileHub.MAX_BYTES + " are read \\(setting waybill.files.max-bytes\\)");
        assertThat(rawParts(name)).isEmpty();
        Record dead = awaitDeadLetter(r -> name.equals(r.headers().get("waybill.file.name")));
        assertThat(dead.value()).isEmpty();
        assertThat(dead.headers()).containsEntry("waybill.error.stage", "receive").doesNotContainKey("waybill.error.source");
    }

    @Test
    void a_file_larger_than_a_kafka_record_is_archived_in_parts_that_make_the_whole_file() throws Exception {
        String name = "long-notes-" + run + ".pipes";
        StringBuilder content = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            content.append("L-").append(run).append('-').append(i).append("|SH-L").append(i).append('-').append(run)
                    .append("|PU|2026-11-27T10:00:00-05:00|").append("x".repeat(400_000)).append('\n');
        }

        drop("dock-files", name, content.toString());

        awaitSettled("dock-files", ".done", name);
        List<Record> parts = rawParts(name);
        assertThat(parts).extracting(r -> r.headers().get("waybill.raw.part")).containsExactly("1/3", "2/3", "3/3");
        assertThat(parts).extracting(r -> r.headers().get("waybill.raw.id")).containsOnly(parts.get(0).headers().get("waybill.raw.id"));
        assertThat(String.join("", parts.stream().map(Record::value).toList())).isEqualTo(content.toString());
        assertThat(event("SH-L3-" + run).path("rawref").asText())
                .isEqualTo("raw.v1/" + parts.get(0).partition() + "/" + parts.get(0).offset());
    }

    @Test
    void a_file_written_slowly_in_place_is_read_only_once_complete() throws Exception {
        String name = "slow-" + run + ".pipes";
        Path target = files.inbox.resolve("dock-files").resolve(name);
        int lines = 12;
        AtomicInteger written = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // A line every 150 ms: the file never stays unchanged for the quiet period until it is complete.
            writer.scheduleAtFixedRate(() -> {
                int n = written.get();
                if (n < lines) {
                    try {
                        out.write(FileHub.line("S-" + run + "-" + n, "SH-S" + n + "-" + run, "PU").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    written.incrementAndGet();
                }
            }, 0, 150, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> written.get() == lines);
            assertThat(target).as("read while being written").exists();
        } finally {
            writer.shutdownNow();
        }

        awaitSettled("dock-files", ".done", name);
        List<Record> parts = rawParts(name);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).value().lines()).hasSize(lines);
        for (int n = 0; n < lines; n++) {
            assertThat(event("SH-S" + n + "-" + run).path("partner").asText()).isEqualTo("dock-files");
        }
    }

    @Test
    void a_file_moved_in_from_a_temporary_name_is_read_once() throws Exception {
        String name = "renamed-" + run + ".pipes";
        Path folder = files.inbox.resolve("dock-files");
        Path temporary = folder.resolve(name + ".part");
        Files.writeString(temporary, FileHub.line("R-" + run, "SH-R-" + run, "PU"));
        Files.setLastModifiedTime(temporary, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        awaitSettled("dock-files", ".done", name);
        assertThat(rawParts(name)).hasSize(1);
        assertThat(rawParts(name + ".part")).isEmpty();
    }

    @Test
    void a_partner_onboarded_while_the_hub_runs_can_drop_files_at_once() throws Exception {
        String partner = "late-dock-" + run;
        FileHub.declare(files.root, partner, "drop: {formats: [pipes]}\n");
        await().atMost(SETTLED).untilAsserted(() -> assertThat(files.get("/api/v1/mappings").body()
                .path("partners").path(partner).path("result").asText()).isEqualTo("activated"));
        String name = "first-" + run + ".pipes";

        drop(partner, name, FileHub.line("LD-" + run, "SH-LD-" + run, "DL"));

        awaitSettled(partner, ".done", name);
        assertThat(event("SH-LD-" + run).path("partner").asText()).isEqualTo(partner);
        assertThat(files.metrics())
                .containsPattern("waybill_files_received_total\\{[^}]*channel=\"file\"[^}]*partner=\"" + partner + "\"[^}]*\\} 1")
                .containsPattern("waybill_files_processed_total\\{[^}]*channel=\"file\"[^}]*outcome=\"accepted\"[^}]*partner=\""
                        + partner + "\"[^}]*\\} 1");
    }

    @Test
    void an_x12_interchange_is_read_by_the_edi_adapter_and_every_status_of_every_transaction_published() throws Exception {
        String name = "214-" + run + ".x12";
        String control = String.format("%09d", Math.floorMod(run.hashCode(), 1_000_000_000));
        String interchange = """
                ISA*00*          *00*          *02*EDIDOCK        *ZZ*WAYBILLHUB     *261127*1204*U*00401*%2$s*0*T*>~
                GS*QM*EDIDOCK*WAYBILLHUB*20261127*1204*905*X*004010~
                ST*214*0001~
                B10*PRO1*SHIP-%1$s-1*EDID~
                LX*1~
                AT7*X3*NS***20261127*0815*UT~
                LX*2~
                AT7*X6*NS***20261127*1430*UT~
                SE*7*0001~
                ST*214*0002~
                B10*PRO2*SHIP-%1$s-2*EDID~
                LX*1~
                AT7*D1*NS***20261128*0910*UT~
                SE*5*0002~
                GE*2*905~
                IEA*1*%2$s~
                """.formatted(run, control);

        drop("edi-dock", name, interchange);

        awaitSettled("edi-dock", ".done", name);
        List<Record> first = TopicReader.readAll(files.bootstrap(), "canonical.shipment-status.v1",
                r -> ("SHIP-" + run + "-1").equals(r.key()));
        assertThat(first).extracting(r -> JSON.readTree(r.value()).path("data").path("status").asText())
                .containsExactly("PICKED_UP", "IN_TRANSIT");
        JsonNode delivered = event("SHIP-" + run + "-2");
        assertThat(delivered.path("data").path("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.path("data").path("eventTime").asText()).isEqualTo("2026-11-28T09:10:00Z");
        assertThat(delivered.path("source").asText()).isEqualTo("/waybill/partners/edi-dock/file");
        assertThat(Files.readString(files.inbox.resolve("edi-dock/.done").resolve(name + ".ack")))
                .contains("TA1*" + control + "*261127*1204*A*000", "AK1*QM*905", "AK2*214*0001", "AK2*214*0002", "AK9*A*2*2*2");
        assertThat(files.inbox.resolve("edi-dock/.done").resolve(name + ".reason.txt")).doesNotExist();
        assertThat(((TextMessage) EdiAcks.onArtemis(files.hub.artemisUrl(), "edi-dock", "X12/02/EDIDOCK/" + control, false))
                .getText()).contains("TA1*" + control);
    }

    @Test
    void a_resent_interchange_in_another_file_is_acknowledged_as_a_duplicate_and_publishes_nothing_again() throws Exception {
        String control = String.format("%09d", Math.floorMod(run.hashCode() + 7, 1_000_000_000));
        String interchange = edi214(control, "SHIP-" + run + "-R", "D1");
        drop("edi-dock", "first-" + run + ".x12", interchange);
        awaitSettled("edi-dock", ".done", "first-" + run + ".x12");

        drop("edi-dock", "again-" + run + ".x12", interchange);

        Path again = awaitSettled("edi-dock", ".done", "again-" + run + ".x12");
        await().atMost(SETTLED).until(() -> Files.exists(again.resolveSibling("again-" + run + ".x12.ack")));
        assertThat(Files.readString(again.resolveSibling("again-" + run + ".x12.ack")))
                .contains("TA1*" + control + "*261127*1204*R*025").doesNotContain("AK1");
        assertThat(again.resolveSibling("again-" + run + ".x12.reason.txt")).doesNotExist();
        assertThat(EdiAcks.onArtemis(files.hub.artemisUrl(), "edi-dock", "X12/02/EDIDOCK/" + control, true)
                .getStringProperty("waybill_ack_kind")).isEqualTo("TA1");
        assertThat(event("SHIP-" + run + "-R").path("data").path("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void an_interchange_from_an_undeclared_sender_is_refused_as_spoofed_beside_a_good_one() throws Exception {
        String name = "spoofed-" + run + ".x12";
        String good = String.format("%09d", Math.floorMod(run.hashCode() + 11, 1_000_000_000));
        String spoofed = String.format("%09d", Math.floorMod(run.hashCode() + 12, 1_000_000_000));
        String content = edi214(good, "SHIP-" + run + "-G", "X3")
                + edi214(spoofed, "SHIP-" + run + "-S", "X3").replace("*02*EDIDOCK        *", "*ZZ*INTRUDER       *");

        drop("edi-dock", name, content);

        Path done = awaitSettled("edi-dock", ".done", name);
        assertThat(done.resolveSibling(name + ".reason.txt")).content().contains("outcome: partly_rejected")
                .contains("refused: interchange X12/ZZ/INTRUDER/" + spoofed + " rejected: sender ZZ:INTRUDER is not one of the senders")
                .contains("the acknowledgments are in " + name + ".ack");
        await().atMost(SETTLED).until(() -> Files.exists(done.resolveSibling(name + ".ack")));
        assertThat(Files.readString(done.resolveSibling(name + ".ack")))
                .contains("TA1*" + good + "*261127*1204*A*000", "TA1*" + spoofed + "*261127*1204*R*006");
        assertThat(event("SHIP-" + run + "-G").path("data").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(TopicReader.readAll(files.bootstrap(), "canonical.shipment-status.v1", r -> ("SHIP-" + run + "-S").equals(r.key())))
                .isEmpty();
        Record dead = awaitDeadLetter(r -> name.equals(r.headers().get("waybill.file.name")));
        assertThat(dead.headers()).containsEntry("waybill.error.stage", "envelope").containsEntry("waybill.channel", "file")
                .containsEntry("waybill.error.partner", "edi-dock");
        assertThat(dead.headers().get("waybill.error.reason")).contains("spoofed");
        assertThat(dead.value()).isEqualTo(content);
    }

    /** One interchange from 02:EDIDOCK with one 214 for {@code shipment} with one status. */
    private static String edi214(String control, String shipment, String code) {
        return """
                ISA*00*          *00*          *02*EDIDOCK        *ZZ*WAYBILLHUB     *261127*1204*U*00401*%1$s*0*T*>~
                GS*QM*EDIDOCK*WAYBILLHUB*20261127*1204*906*X*004010~
                ST*214*0001~
                B10*PRO1*%2$s*EDID~
                LX*1~
                AT7*%3$s*NS***20261127*0815*UT~
                SE*5*0001~
                GE*1*906~
                IEA*1*%1$s~
                """.formatted(control, shipment, code);
    }

    @Test
    void a_truncated_x12_interchange_is_rejected_to_error_with_the_edi_adapter_s_reason() throws Exception {
        String name = "truncated-" + run + ".x12";

        drop("edi-dock", name, "ISA*00*          *00*          *02*EDIDOCK        *ZZ*WAYBILLHUB     *261127*1204*U*00401*0000009");

        Path error = awaitSettled("edi-dock", ".error", name);
        assertThat(error.resolveSibling(name + ".reason.txt")).content().contains("outcome: rejected").contains("stage: parse");
        assertThat(TopicReader.readAll(files.bootstrap(), "dlq.v1", r -> name.equals(r.headers().get("waybill.file.name"))))
                .singleElement().satisfies(r -> assertThat(r.headers()).containsEntry("waybill.error.stage", "parse"));
    }

    /** Puts a complete file into a partner's folder at once, as a partner renaming a finished file would. */
    private static void drop(String partner, String name, String content) throws IOException {
        drop(partner, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void drop(String partner, String name, byte[] content) throws IOException {
        Path folder = Files.createDirectories(files.inbox.resolve(partner));
        Path temporary = folder.resolve("." + name);
        Files.write(temporary, content);
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file once moved to {@code .done} or {@code .error} in its partner's folder, with its reason file when it has one. */
    private static Path awaitSettled(String partner, String folder, String name) {
        Path settled = files.inbox.resolve(partner).resolve(folder).resolve(name);
        await().atMost(SETTLED).until(() -> Files.exists(settled) && !Files.exists(files.inbox.resolve(partner).resolve(name)));
        if (!folder.equals(".done")) {
            await().atMost(SETTLED).until(() -> Files.exists(settled.resolveSibling(name + ".reason.txt")));
        }
        return settled;
    }

    /** The file's records on raw.v1, in part order. */
    private static List<Record> rawParts(String name) {
        List<Record> parts = new ArrayList<>(TopicReader.readAll(files.bootstrap(), "raw.v1",
                r -> name.equals(r.headers().get("waybill.file.name"))));
        parts.sort(Comparator.comparingLong(Record::offset));
        return parts;
    }

    private static Record awaitDeadLetter(java.util.function.Predicate<Record> which) {
        Record[] found = new Record[1];
        await().atMost(SETTLED).untilAsserted(() -> {
            List<Record> dead = TopicReader.readAll(files.bootstrap(), "dlq.v1", which);
            assertThat(dead).hasSize(1);
            found[0] = dead.get(0);
        });
        return found[0];
    }

    private static JsonNode event(String shipment) throws IOException {
        List<Record> events = TopicReader.readAll(files.bootstrap(), "canonical.shipment-status.v1", r -> shipment.equals(r.key()));
        assertThat(events).as("events of " + shipment).hasSize(1);
        return JSON.readTree(events.get(0).value());
    }
}
