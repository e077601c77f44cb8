package io.waybill.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.waybill.hub.cli.CliRun.waybill;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./waybill mapping test} and {@code ./waybill contract-test} on the repository's own
 * mappings and golden cases (tests run in the routes module, so the repository root is {@code ..}).
 */
class MappingAndContractTestCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MAPPINGS = ROOT.resolve("mappings");
    private static final Path CASES = ROOT.resolve("contract-tests/partners");



    @Test
    void mapping_test_prints_each_canonical_event_as_one_json_line() throws IOException {
        CliRun run = waybill("mapping", "test", MAPPINGS.resolve("acme-freight/status.mapping.yaml").toString(),
                CASES.resolve("acme-freight/status-picked-up/input.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode event = JSON.readTree(lines[0]);
        assertThat(event.path("id").asText()).isEqualTo("5afdfcc6-20be-52fd-8aca-fe9895c73123");
        assertThat(event.path("data").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(event.path("data").path("eventTime").asText()).isEqualTo("2026-11-23T20:20:00Z");
    }

    @Test
    void mapping_test_maps_each_element_of_a_batch() throws IOException {
        Path batch = Path.of("src/main/resources/demo/acme-freight/batch-linehaul.json");
        CliRun run = waybill("mapping", "test", MAPPINGS.resolve("acme-freight/status.mapping.yaml").toString(), batch.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip().split("\n")).hasSize(3);
    }

    @Test
    void mapping_test_reports_a_validation_violation_on_stderr_naming_mapping_and_field() {
        CliRun run = waybill("mapping", "test", MAPPINGS.resolve("acme-freight/status.mapping.yaml").toString(),
                CASES.resolve("acme-freight/status-latitude-out-of-range/input.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("mapping acme-freight.status: /data/location/geo/lat: must have a maximum value of 90");
    }

    @Test
    void mapping_test_reports_a_mapping_error_naming_mapping_field_and_reason() {
        CliRun run = waybill("mapping", "test", MAPPINGS.resolve("acme-freight/status.mapping.yaml").toString(),
                CASES.resolve("acme-freight/status-unknown-code/input.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mapping acme-freight.status: /data/status: status.jslt:4, input /code: "
                + "code-lookup: code 'XD' is not in table 'status'");
    }

    @Test
    void mapping_test_splits_a_document_as_the_partners_rest_channel_does_printing_the_good_events_and_naming_the_bad_items()
            throws IOException {
        CliRun run = waybill("mapping", "test", MAPPINGS.resolve("coldchain-epcis/events.mapping.yaml").toString(),
                CASES.resolve("coldchain-epcis/event-time-far-future/input.json").toString(), "--received-at", "2026-01-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(1);
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[0]).at("/data/eventTime").asText()).isEqualTo("2025-12-31T23:20:00Z");
        assertThat(JSON.readTree(lines[1]).at("/data/eventTime").asText()).isEqualTo("2025-12-31T23:40:00Z");
        assertThat(run.err().strip()).startsWith("waybill mapping test: item [1]: mapping coldchain-epcis.events: /data/eventTime:")
                .contains("2125-12-31T23:30:00Z is more than PT10M after").doesNotContain("item [0]").doesNotContain("item [2]");
    }

    @Test
    void mapping_test_says_when_the_mapping_does_not_accept_the_input() {
        CliRun run = waybill("mapping", "test", MAPPINGS.resolve("acme-freight/eta.mapping.yaml").toString(),
                CASES.resolve("acme-freight/status-picked-up/input.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mapping acme-freight.eta: accepts:").contains("is false");
    }

    @Test
    void contract_test_passes_the_repository_golden_cases() {
        CliRun run = waybill("contract-test", "--cases", CASES.toString(), "--mappings", MAPPINGS.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS acme-freight/status-picked-up", "PASS blue-ocean-lines/gate-in-rotterdam")
                .doesNotContain("FAIL").contains("passed, 0 failed");
    }

    @Test
    void contract_test_finds_the_cases_next_to_the_mappings_folder_by_default() {
        CliRun run = waybill("contract-test", "--mappings", MAPPINGS.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS acme-freight/status-picked-up").contains("passed, 0 failed");
    }

    @Test
    void contract_test_runs_one_partner_only_when_named() {
        CliRun run = waybill("contract-test", "blue-ocean-lines", "--cases", CASES.toString(), "--mappings", MAPPINGS.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PASS blue-ocean-lines/").doesNotContain("acme-freight");
    }

    @Test
    void contract_test_prints_fail_with_the_diff_and_exits_1_when_a_case_differs(@TempDir Path cases) throws IOException {
        Path golden = CASES.resolve("acme-freight/status-picked-up");
        Path broken = Files.createDirectories(cases.resolve("acme-freight/status-picked-up"));
        Files.copy(golden.resolve("input.json"), broken.resolve("input.json"));
        Files.writeString(broken.resolve("expected.json"),
                Files.readString(golden.resolve("expected.json")).replace("\"PICKED_UP\"", "\"IN_TRANSIT\""));

        CliRun run = waybill("contract-test", "--cases", cases.toString(), "--mappings", MAPPINGS.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsSubsequence(
                "FAIL acme-freight/status-picked-up",
                "  acme-freight/status-picked-up event[0] /data/status: expected \"IN_TRANSIT\", got \"PICKED_UP\"",
                "1 case(s): 0 passed, 1 failed");
    }

    @Test
    void breaking_one_field_of_one_mapping_fails_only_that_partners_cases_with_a_diff_naming_the_field(@TempDir Path copy)
            throws IOException {
        Path mappings = copy.resolve("mappings");
        try (var files = Files.walk(MAPPINGS)) {
            for (Path source : files.toList()) {
                Path target = mappings.resolve(MAPPINGS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Path transform = mappings.resolve("northwind-haulage/consignment.jslt");
        String text = Files.readString(transform);
        assertThat(text).contains("\"pieces\": $msg.packages");
        Files.writeString(transform, text.replace("\"pieces\": $msg.packages", "\"pieces\": $msg.packages + 1"));

        CliRun run = waybill("contract-test", "--cases", CASES.toString(), "--mappings", mappings.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FAIL northwind-haulage/pickup-hamburg\n"
                + "  northwind-haulage/pickup-hamburg event\\[0\\] /data/measurements/pieces: expected 3, got 4\n");
        assertThat(run.out().lines().filter(line -> line.startsWith("FAIL ")))
                .allMatch(line -> line.startsWith("FAIL northwind-haulage/"));
        assertThat(run.out().lines().filter(line -> line.startsWith("PASS ")))
                .anyMatch(line -> line.startsWith("PASS acme-freight/"))
                .anyMatch(line -> line.startsWith("PASS skyline-air-cargo/"));
    }
}
