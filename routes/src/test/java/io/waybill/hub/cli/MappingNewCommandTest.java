package io.waybill.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.waybill.hub.cli.CliRun.waybill;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./waybill mapping new}: from a sample to files that load, and through the engineer's
 * next steps ({@code mapping test --expected}, {@code contract-test}) to a passing golden case.
 */
class MappingNewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private Path mappings;
    private Path cases;
    private Path sample;



    @BeforeEach
    void sample() throws IOException {
        mappings = Files.createDirectories(root.resolve("mappings"));
        cases = root.resolve("contract-tests/partners");
        sample = Files.writeString(root.resolve("sample.json"), """
                {"messageId": "NW-000917", "shipment": {"ref": "NW-SO-4471", "carrier": "NWHL"},
                 "milestone": "DELIVERED", "timestamp": "2026-11-26T16:42:00+01:00",
                 "stops": [{"locode": "DEHAM", "seq": 1}], "pod signer": "K. Brandt"}
                """);
    }

    private CliRun scaffold() {
        return waybill("mapping", "new", "northwind-haulage", "status", "--from", sample.toString(),
                "--mappings", mappings.toString(), "--cases", cases.toString());
    }

    @Test
    void writes_the_declaration_a_mapping_a_commented_transform_and_a_first_golden_case() throws IOException {
        CliRun run = scaffold();

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path folder = mappings.resolve("northwind-haulage");
        assertThat(run.out()).contains("wrote " + folder.resolve("partner.yaml"), "wrote " + folder.resolve("status.mapping.yaml"),
                "wrote " + folder.resolve("status.jslt"), "Next:");
        String mapping = Files.readString(folder.resolve("status.mapping.yaml"));
        assertThat(mapping).contains("id: northwind-haulage.status", "version: 1", "produces: shipment-status/v1",
                "identity: .messageId", "transform: status.jslt");
        String transform = Files.readString(folder.resolve("status.jslt"));
        assertThat(transform).contains("//   .shipment.ref  \"NW-SO-4471\"", "//   .stops[0].locode  \"DEHAM\"",
                "//   .\"pod signer\"  \"K. Brandt\"", "\"eventTime\": utc-instant(.timestamp)",
                "\"eventTimeOffset\": utc-offset(.timestamp)", "\"shipmentId\": null", "// required.");
        JsonNode input = JSON.readTree(cases.resolve("northwind-haulage/status-first/input.json").toFile());
        assertThat(input.path("messageId").asText()).isEqualTo("NW-000917");
    }

    @Test
    void the_scaffold_loads_and_after_the_engineer_fills_it_in_the_golden_case_passes() throws IOException {
        assertThat(scaffold().exitCode()).isZero();
        Path folder = mappings.resolve("northwind-haulage");
        Path transform = folder.resolve("status.jslt");
        Path mapping = folder.resolve("status.mapping.yaml");
        Path caseDir = cases.resolve("northwind-haulage/status-first");

        CliRun unfinished = waybill("mapping", "test", mapping.toString(), caseDir.resolve("input.json").toString());
        assertThat(unfinished.exitCode()).isEqualTo(1);
        assertThat(unfinished.err()).as("the skeleton loads; only the missing required fields are reported")
                .contains("/data/shipmentId: required property 'shipmentId' not found");

        Files.writeString(transform, Files.readString(transform)
                .replace("\"shipmentId\": null", "\"shipmentId\": .shipment.ref")
                .replace("\"status\": null", "\"status\": .milestone"));
        CliRun mapped = waybill("mapping", "test", mapping.toString(), caseDir.resolve("input.json").toString(), "--expected");
        assertThat(mapped.exitCode()).as(mapped.err()).isZero();
        JsonNode expected = JSON.readTree(mapped.out());
        assertThat(expected.isArray()).isTrue();
        assertThat(expected.get(0).path("data").path("eventTime").asText()).isEqualTo("2026-11-26T15:42:00Z");
        assertThat(expected.get(0).has("ingesttime")).as("not compared, so not written").isFalse();
        Files.writeString(caseDir.resolve("expected.json"), mapped.out());

        CliRun contract = waybill("contract-test", "northwind-haulage", "--mappings", mappings.toString(), "--cases", cases.toString());
        assertThat(contract.exitCode()).as(contract.out() + contract.err()).isZero();
        assertThat(contract.out()).contains("PASS northwind-haulage/status-first");
    }

    @Test
    void never_overwrites_an_existing_mapping() throws IOException {
        assertThat(scaffold().exitCode()).isZero();
        Path transform = mappings.resolve("northwind-haulage/status.jslt");
        Files.writeString(transform, "// my work\n{}\n");

        CliRun again = scaffold();

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("status.mapping.yaml already exists");
        assertThat(Files.readString(transform)).isEqualTo("// my work\n{}\n");
    }

    @Test
    void a_sample_that_is_not_a_json_object_or_a_bad_partner_id_is_refused_clearly() throws IOException {
        Files.writeString(sample, "ISA*00*          *00*...");
        CliRun notJson = scaffold();
        assertThat(notJson.exitCode()).isEqualTo(1);
        assertThat(notJson.err()).contains("sample.json: not JSON");

        CliRun badId = waybill("mapping", "new", "North Wind", "status", "--from", sample.toString(), "--mappings", mappings.toString());
        assertThat(badId.exitCode()).isEqualTo(1);
        assertThat(badId.err()).contains("partner 'North Wind' must be lower-case");
        assertThat(mappings.resolve("North Wind")).doesNotExist();
    }
}
