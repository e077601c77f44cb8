package io.waybill.mapping.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingLoader;
import io.waybill.schema.SchemaValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden cases whose input is in a format an adapter reads ({@code input.<format>}): the format's
 * {@link io.waybill.adapter.support.DocumentReader} reads it as the hub would, here the test-only
 * {@link PipeLinesReader}.
 */
class GoldenCaseFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private Path cases;
    private GoldenCaseRunner runner;

    @BeforeEach
    void partnerReadingPipes() throws IOException {
        Path folder = Files.createDirectories(root.resolve("mappings/pipe-co"));
        Files.writeString(folder.resolve("partner.yaml"), "id: pipe-co\nname: Pipe Co\nowner: o@pipe.example\nchannels:\n  rest:\n    formats: [json]\n");
        Files.writeString(folder.resolve("status.mapping.yaml"), """
                id: pipe-co.status
                version: 1
                accepts:
                  format: pipes
                produces: shipment-status/v1
                identity: .id
                transform: status.jslt
                """);
        Files.writeString(folder.resolve("status.jslt"), """
                {"shipmentId": .ref, "status": .code, "eventTime": "2026-11-27T10:00:00Z", "eventTimeOffset": "+00:00"}
                """);
        cases = root.resolve("partners");
        runner = new GoldenCaseRunner(MappingLoader.loadAll(root.resolve("mappings")), SchemaValidator.load());
    }

    private GoldenCase writeCase(String name, String input, String file, String content) throws IOException {
        Path dir = Files.createDirectories(cases.resolve("pipe-co").resolve(name));
        Files.writeString(dir.resolve("input.pipes"), input);
        Files.writeString(dir.resolve(file), content);
        return GoldenCases.discover(cases, "pipe-co").stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void an_input_in_another_format_is_read_by_its_reader_and_every_document_mapped_in_order() throws IOException {
        String input = "P-1|S-1|DEPARTED\nP-2|S-2|ARRIVED\n";
        MappingCatalog catalog = MappingLoader.loadAll(root.resolve("mappings"));
        ArrayNode events = JSON.createArrayNode();
        for (RawDocument document : new PipeLinesReader().read(input.getBytes(StandardCharsets.UTF_8),
                new Provenance("pipe-co", "rest", "pipes", GoldenCaseRunner.FIXED_TIME, null, 0, null))) {
            MappingEngine.apply(catalog.select(document), document, GoldenCaseRunner.FIXED_TIME).forEach(events::add);
        }
        GoldenCase both = writeCase("two", input, GoldenCase.EXPECTED, events.toPrettyString());
        assertThat(both.format()).isEqualTo("pipes");
        assertThat(runner.run(both).differences()).isEmpty();

        GoldenCase swapped = writeCase("swapped", "P-2|S-2|ARRIVED\nP-1|S-1|DEPARTED\n", GoldenCase.EXPECTED, events.toPrettyString());
        assertThat(runner.run(swapped).differences()).contains("pipe-co/swapped event[0] /subject: expected \"S-1\", got \"S-2\"");
    }

    @Test
    void a_parse_error_is_an_expected_error_of_the_parse_stage() throws IOException {
        GoldenCase broken = writeCase("broken", "P-1|S-1\n", GoldenCase.EXPECTED_ERROR,
                "{\"stage\": \"parse\", \"contains\": \"line 1: expected 3 cells\"}");
        assertThat(runner.run(broken).differences()).isEmpty();

        GoldenCase unexpected = writeCase("unexpected", "P-1|S-1\n", GoldenCase.EXPECTED, "[]");
        assertThat(runner.run(unexpected).differences())
                .containsExactly("pipe-co/unexpected: the pipes reader refused the input: line 1: expected 3 cells, found 2");
    }

    @Test
    void a_format_no_reader_reads_and_two_inputs_in_one_case_are_refused_clearly() throws IOException {
        Path dir = Files.createDirectories(cases.resolve("pipe-co/odd"));
        Files.writeString(dir.resolve("input.x99"), "?");
        Files.writeString(dir.resolve(GoldenCase.EXPECTED), "[]");
        GoldenCase odd = GoldenCases.discover(cases, "pipe-co").get(0);
        assertThat(runner.run(odd).differences()).singleElement().asString()
                .contains("no reader for input.x99").contains("formats read: json, pipes");

        Files.writeString(dir.resolve("input.json"), "{}");
        assertThat(runner.run(odd).differences()).singleElement().asString().contains("has several input.* files");
    }
}
