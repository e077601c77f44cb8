package io.waybill.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.cli.ConsumeCommand;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.PartnerSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's sample traffic against a real hub (embedded Kafka and Artemis, the repository's
 * mappings, the demo-only secrets), and {@code consume} reading what it published.
 */
class DemoSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static WaybillHub hub;
    private static DemoSender sender;
    private static DemoSummary firstRun;
    private static final List<String> firstRunLines = new ArrayList<>();

    @BeforeAll
    static void startHubAndSendTheDemoTraffic() {
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), dataDir.toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), Path.of("..", "mappings").toString());
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_CONTROLLER_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.ARTEMIS_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.MQTT_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_PARTITIONS.name(), "1");
        Map<String, String> environment = DemoSecrets.withDemoSecrets(Map.of());
        hub = WaybillHub.start(HubSettings.resolve(Map.of(), properties), environment);
        sender = new DemoSender(hub.httpBaseUrl(), new PartnerSecrets(environment));
        firstRun = sender.send(firstRunLines::add);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void valid_samples_are_accepted_the_resend_is_a_duplicate_and_invalid_items_are_rejected_to_the_dlq() {
        assertThat(firstRun.refused()).as(String.join("\n", firstRunLines)).isZero();
        assertThat(firstRun.accepted()).isEqualTo(21);
        assertThat(firstRun.duplicates()).isEqualTo(1);
        assertThat(firstRun.rejected()).isEqualTo(3);

        PushOutcome resend = outcome(firstRun, "acme-freight/status-picked-up.json", true);
        assertThat(resend.httpStatus()).isEqualTo(200);
        assertThat(resend.duplicates()).isEqualTo(1);

        PushOutcome badLatitude = outcome(firstRun, "acme-freight/status-bad-latitude.json", false);
        assertThat(badLatitude.httpStatus()).isEqualTo(422);
        assertThat(badLatitude.rejections()).singleElement().satisfies(r -> {
            assertThat(r.stage()).isEqualTo("validate");
            assertThat(r.reason()).contains("/data/location/geo/lat");
            assertThat(r.deadLettered()).isTrue();
        });

        PushOutcome mixedBatch = outcome(firstRun, "blue-ocean-lines/batch-arrival-new-york.json", false);
        assertThat(mixedBatch.httpStatus()).isEqualTo(207);
        assertThat(mixedBatch.accepted()).isEqualTo(1);
        assertThat(mixedBatch.rejections()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.stage()).isEqualTo("map");
            assertThat(r.reason()).contains("DSCH");
        });

        PushOutcome milestones = outcome(firstRun, "northwind-haulage/linehaul-over-dst-end.json", false);
        assertThat(milestones.httpStatus()).isEqualTo(200);
        assertThat(milestones.accepted()).isEqualTo(1);

        PushOutcome milliseconds = outcome(firstRun, "reefer-link/timestamp-in-milliseconds.json", false);
        assertThat(milliseconds.httpStatus()).isEqualTo(422);
        assertThat(milliseconds.rejections()).singleElement().satisfies(r -> {
            assertThat(r.stage()).isEqualTo("map");
            assertThat(r.reason()).contains("is it in milliseconds?");
            assertThat(r.deadLettered()).isTrue();
        });

        assertThat(firstRunLines).anySatisfy(line -> assertThat(line).contains("acme-freight").contains("1 duplicate"));
        assertThat(firstRun.closingLines("")).anySatisfy(line ->
                assertThat(line).startsWith("totals: 18 pushes, 25 items: 21 accepted, 1 duplicate, 3 rejected"));
    }

    @Test
    void a_second_run_finds_every_valid_sample_already_published() {
        List<String> lines = new ArrayList<>();
        DemoSummary again = sender.send(lines::add);

        String printed = String.join("\n", lines);
        assertThat(again.accepted()).as(printed).isZero();
        assertThat(again.duplicates()).as(printed).isEqualTo(22);
        assertThat(again.rejected()).as(printed).isEqualTo(3);
        assertThat(again.closingLines("")).anySatisfy(line -> assertThat(line).contains("earlier demo run"));
    }

    @Test
    void consume_from_the_beginning_prints_the_published_events_as_json_lines() throws Exception {
        Run run = consume("canonical.shipment-status.v1", "--from-beginning", "--max", "3", "--timeout", "30");

        assertThat(run.exitCode).as(run.err).isZero();
        List<String> lines = run.out.lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("topic").asText()).isEqualTo("canonical.shipment-status.v1");
        assertThat(first.path("offset").asLong()).isZero();
        assertThat(first.path("key").asText()).isEqualTo("SO-2026-118342");
        assertThat(first.path("headers").path("content-type").asText()).startsWith("application/cloudevents+json");
        assertThat(first.path("value").path("type").asText()).isEqualTo("io.waybill.shipment-status.v1");
        assertThat(first.path("value").path("data").path("status").asText()).isEqualTo("PICKED_UP");
    }

    @Test
    void consume_without_from_beginning_prints_only_records_that_arrive_after_it_started() throws Exception {
        CompletableFuture<Run> consuming = CompletableFuture.supplyAsync(
                () -> consume("raw.v1", "--max", "1", "--timeout", "60"));
        DemoPush pickup = DemoPush.script().get(0);
        // Keep pushing (a second apart, so each is signed anew) until the consumer, once positioned, sees one.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1100)).until(() -> {
            sender.send(List.of(pickup), line -> { });
            return consuming.isDone();
        });

        Run run = consuming.get();
        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode record = JSON.readTree(run.out.strip());
        assertThat(record.path("offset").asLong()).isGreaterThanOrEqualTo(firstRun.pushes().size());
        assertThat(record.path("key").asText()).isEqualTo("acme-freight");
        assertThat(record.path("value").path("msg_id").asText()).isEqualTo("AF-ST-20261123-004417-01");
    }

    @Test
    void consume_of_a_missing_topic_exits_1_and_names_the_topics_there() {
        Run run = consume("canonical.shipment-staus.v1", "--from-beginning");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).isEmpty();
        assertThat(run.err).contains("topic 'canonical.shipment-staus.v1' does not exist")
                .contains("canonical.shipment-status.v1").contains("dlq.v1").doesNotContain("__consumer_offsets");
    }

    private static PushOutcome outcome(DemoSummary summary, String sample, boolean resend) {
        return summary.pushes().stream().filter(p -> p.push().sample().equals(sample) && p.resend() == resend)
                .findFirst().orElseThrow();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run consume(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", hub.bootstrapServers()));
        int exitCode = new CommandLine(new ConsumeCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
