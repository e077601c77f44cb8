package io.waybill.contract;

import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code waybill.sftp.known-hosts-file} set, the hub fetches only from servers whose host key
 * the file lists: a server answering with another key (a spoofed server) gets no login, and its
 * files stay where they are.
 */
@ExtendWith(SharedHub.class)
class SftpHostKeyEndToEndTest {

    private static final String USER = "waybill";
    private static final String PASSWORD = "host-key-test-password";

    private static TestSftpServer trusted;
    private static TestSftpServer spoofed;
    private static FileHub files;

    @BeforeAll
    static void startHubTrustingOneServer() throws IOException {
        Path root = FileHub.newRoot();
        trusted = new TestSftpServer(PortCheck.freePort(), root.resolve("trusted-server"), USER, PASSWORD);
        spoofed = new TestSftpServer(PortCheck.freePort(), root.resolve("spoofed-server"), USER, PASSWORD);
        Path knownHosts = Files.writeString(root.resolve("known_hosts"), trusted.knownHostsLine() + "\n");
        FileHub.declare(root, "trusted-sftp", channel(trusted.port));
        FileHub.declare(root, "spoofed-sftp", channel(spoofed.port));
        trusted.start();
        spoofed.start();
        files = FileHub.start(root, Map.of("WAYBILL_SFTP_PASSWORD_TRUSTED_SFTP", PASSWORD, "WAYBILL_SFTP_PASSWORD_SPOOFED_SFTP", PASSWORD),
                Map.of(HubSettings.SFTP_KNOWN_HOSTS.name(), knownHosts.toString()));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            trusted.close();
            spoofed.close();
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }

    @Test
    void files_are_fetched_from_a_server_with_a_listed_key_and_never_from_one_with_another() throws IOException {
        Path fromTrusted = Files.createDirectories(trusted.root.resolve("outbound")).resolve("status.pipes");
        Path fromSpoofed = Files.createDirectories(spoofed.root.resolve("outbound")).resolve("status.pipes");
        Files.writeString(fromTrusted, FileHub.line("K-1", "SH-KEY-TRUSTED", "PU"));
        Files.writeString(fromSpoofed, FileHub.line("K-2", "SH-KEY-SPOOFED", "PU"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(fromTrusted.resolveSibling(".done").resolve("status.pipes")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(files.metrics())
                .containsPattern("waybill_sftp_poll_failures_total\\{[^}]*partner=\"spoofed-sftp\"[^}]*\\} [1-9]"));

        assertThat(fromSpoofed).exists();
        assertThat(TopicReader.readAll(files.bootstrap(), "canonical.shipment-status.v1", r -> "SH-KEY-SPOOFED".equals(r.key())))
                .isEmpty();
    }

    private static String channel(int port) {
        return """
                sftp:
                  host: 127.0.0.1
                  port: %d
                  user: %s
                  path: outbound
                  formats: [pipes]
                  poll-seconds: 1
                """.formatted(port, USER);
    }
}
