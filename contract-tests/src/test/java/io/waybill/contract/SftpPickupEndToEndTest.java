package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.TopicReader.Record;
import io.waybill.hub.broker.PortCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SFTP pickup end to end against a real SFTP server in this JVM (Apache MINA SSHD, password login,
 * a temporary folder as its file system) and the real embedded brokers. The hub starts while the
 * server is down; the steps build on each other, so they run in order. A second partner's server
 * hangs (it accepts connections and never answers) all along: it must delay nobody else.
 */
@ExtendWith(SharedHub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SftpPickupEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "harbor-sftp";
    private static final String HANGING_PARTNER = "silent-sftp";
    private static final String EDI_PARTNER = "harbor-edi";
    /** Less than the hub's SFTP connect timeout (10 s), which a poll of the hanging server waits out. */
    private static final Duration SOON = Duration.ofSeconds(9);
    private static final String USER = "waybill";
    private static final String PASSWORD = "sftp-test-password";
    private static final Duration SETTLED = Duration.ofSeconds(40);

    private static TestSftpServer server;
    private static Path outbound;
    private static Path ediInbound;
    private static ServerSocket hanging;
    private static FileHub files;
    private static String run;

    @BeforeAll
    static void startHubWhileTheServerIsDown() throws IOException {
        Path root = FileHub.newRoot();
        server = new TestSftpServer(PortCheck.freePort(), root.resolve("sftp-server"), USER, PASSWORD);
        outbound = Files.createDirectories(server.root.resolve("outbound"));
        FileHub.declare(root, PARTNER, sftpChannel(server.port));
        ediInbound = Files.createDirectories(server.root.resolve("edi"));
        FileHub.declareX12(root, EDI_PARTNER, sftpChannel(server.port).replace("/outbound", "/edi").replace("[pipes]", "[x12]"),
                "ZZ:HARBOREDI");
        hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            List<Socket> held = new ArrayList<>();
            while (!hanging.isClosed()) {
                try {
                    held.add(hanging.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "hanging-sftp-server");
        acceptor.setDaemon(true);
        acceptor.start();
        FileHub.declare(root, HANGING_PARTNER, sftpChannel(hanging.getLocalPort()));
        files = FileHub.start(root, Map.of("WAYBILL_SFTP_PASSWORD_HARBOR_SFTP", PASSWORD, "WAYBILL_SFTP_PASSWORD_HARBOR_EDI", PASSWORD,
                "WAYBILL_SFTP_PASSWORD_SILENT_SFTP", PASSWORD));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static String sftpChannel(int serverPort) {
        return """
                sftp:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  path: /outbound
                  formats: [pipes]
                  poll-seconds: 1
                """.formatted(serverPort, USER);
    }

    @AfterAll
    static void stop() throws IOException {
        hanging.close();
        try {
            server.close();
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }

    @Test
    @Order(1)
    void while_the_server_is_down_failed_polls_are_counted_and_the_hub_stays_up() {
        await().atMost(SETTLED).untilAsserted(() -> assertThat(files.metrics())
                .containsPattern("waybill_sftp_poll_failures_total\\{[^}]*partner=\"" + PARTNER + "\"[^}]*\\} [1-9]"));

        assertThat(files.get("/observe/health/live").status()).isEqualTo(200);
        assertThat(files.get("/observe/health/ready").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void once_the_server_is_up_a_file_left_there_is_fetched_published_and_moved_to_done_on_the_server() throws IOException {
        String name = "status-" + run + ".pipes";
        String content = FileHub.line("F-" + run + "-1", "SH-F1-" + run, "PU") + FileHub.line("F-" + run + "-2", "SH-F2-" + run, "DL");
        Files.writeString(outbound.resolve(name), content);

        server.start();

        Path done = outbound.resolve(".done").resolve(name);
        // Sooner than a poll of the hanging server can give up: each partner polls on its own.
        await().atMost(SOON).until(() -> Files.exists(done) && !Files.exists(outbound.resolve(name)));
        assertThat(done).hasContent(content);
        assertThat(outbound.resolve(".done").resolve(name + ".reason.txt")).doesNotExist();
        List<Record> archived = TopicReader.readAll(files.bootstrap(), "raw.v1", r -> name.equals(r.headers().get("waybill.file.name")));
        assertThat(archived).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(content);
            assertThat(r.headers()).containsEntry("waybill.partner", PARTNER).containsEntry("waybill.channel", "sftp");
        });
        JsonNode event = event("SH-F1-" + run);
        assertThat(event.path("source").asText()).isEqualTo("/waybill/partners/" + PARTNER + "/sftp");
        assertThat(event("SH-F2-" + run).path("data").path("status").asText()).isEqualTo("DELIVERED");
        assertThat(files.metrics())
                .containsPattern("waybill_files_processed_total\\{[^}]*channel=\"sftp\"[^}]*outcome=\"accepted\"[^}]*partner=\""
                        + PARTNER + "\"[^}]*\\} [1-9]");
    }

    @Test
    @Order(3)
    void a_file_the_hub_cannot_read_goes_to_error_on_the_server_with_its_reason() throws IOException {
        String name = "garbled-" + run + ".pipes";
        Files.writeString(outbound.resolve(name), "this|is|not a status line\n");

        Path error = outbound.resolve(".error").resolve(name);
        await().atMost(SETTLED).until(() -> Files.exists(error) && Files.exists(error.resolveSibling(name + ".reason.txt")));

        assertThat(outbound.resolve(name)).doesNotExist();
        assertThat(error.resolveSibling(name + ".reason.txt")).content()
                .contains("channel: sftp").contains("stage: parse")
                .contains("reason: not a readable pipes file: line 1: expected 4 or 5 cells separated by |, found 3");
        assertThat(TopicReader.readAll(files.bootstrap(), "dlq.v1", r -> name.equals(r.headers().get("waybill.file.name"))))
                .singleElement().satisfies(r -> assertThat(r.headers()).containsEntry("waybill.channel", "sftp")
                        .containsEntry("waybill.error.partner", PARTNER));
    }

    @Test
    @Order(4)
    void after_the_server_went_down_and_up_again_files_flow_again() throws IOException {
        server.stop();
        double failures = pollFailures();
        await().atMost(SETTLED).until(() -> pollFailures() > failures);
        String name = "after-outage-" + run + ".pipes";
        Files.writeString(outbound.resolve(name), FileHub.line("O-" + run, "SH-O-" + run, "PU"));

        server.start();

        await().atMost(SETTLED).until(() -> Files.exists(outbound.resolve(".done").resolve(name)));
        assertThat(event("SH-O-" + run).path("partner").asText()).isEqualTo(PARTNER);
    }

    @Test
    @Order(5)
    void a_server_that_hangs_counts_as_failing_and_the_hub_stays_ready() {
        await().atMost(SETTLED).untilAsserted(() -> assertThat(files.metrics())
                .containsPattern("waybill_sftp_poll_failures_total\\{[^}]*partner=\"" + HANGING_PARTNER + "\"[^}]*\\} [1-9]"));
        assertThat(files.get("/observe/health/ready").status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void an_x12_file_is_published_and_its_acknowledgment_left_beside_it_on_the_server() throws IOException {
        String name = "214-" + run + ".x12";
        String control = String.format("%09d", Math.floorMod(run.hashCode(), 1_000_000_000));
        Files.writeString(ediInbound.resolve(name), """
                ISA*00*          *00*          *ZZ*HARBOREDI      *ZZ*WAYBILLHUB     *261127*1204*U*00401*%1$s*0*T*>~
                GS*QM*HARBOREDI*WAYBILLHUB*20261127*1204*31*X*004010~
                ST*214*0001~
                B10*PRO1*SHIP-%2$s-E*HRBR~
                LX*1~
                AT7*X6*NS***20261127*0815*UT~
                SE*5*0001~
                GE*1*31~
                IEA*1*%1$s~
                """.formatted(control, run));

        Path done = ediInbound.resolve(".done").resolve(name);
        await().atMost(SETTLED).until(() -> Files.exists(done) && Files.exists(done.resolveSibling(name + ".ack")));

        assertThat(Files.readString(done.resolveSibling(name + ".ack")))
                .contains("TA1*" + control + "*261127*1204*A*000", "AK1*QM*31", "AK9*A*1*1*1");
        assertThat(done.resolveSibling(name + ".reason.txt")).doesNotExist();
        assertThat(event("SHIP-" + run + "-E").path("source").asText()).isEqualTo("/waybill/partners/" + EDI_PARTNER + "/sftp");
    }

    private static double pollFailures() {
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("waybill_sftp_poll_failures_total\\{[^}]*partner=\"" + PARTNER + "\"[^}]*\\} ([0-9.E]+)")
                .matcher(files.metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static JsonNode event(String shipment) throws IOException {
        List<Record> events = TopicReader.readAll(files.bootstrap(), "canonical.shipment-status.v1", r -> shipment.equals(r.key()));
        assertThat(events).as("events of " + shipment).hasSize(1);
        return JSON.readTree(events.get(0).value());
    }
}
