package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.schema.SchemaValidator.Violation;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example documents under {@code examples/<type>/valid} and {@code examples/<type>/invalid}.
 * Data types are checked as data; {@code envelope} examples are whole events. Each invalid example
 * is wrong in exactly one place, named in {@code invalid/expected-paths.properties}.
 */
class ExampleDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator VALIDATOR = SchemaValidator.load();
    private static final String ENVELOPE = "envelope";

    record Example(String type, Path file, String expectedPath) {
    }

    static Stream<Named<Example>> validExamples() {
        return examples("valid");
    }

    static Stream<Named<Example>> invalidExamples() {
        return examples("invalid");
    }

    static Stream<Named<Example>> validDataExamples() {
        return validExamples().filter(example -> !example.getPayload().type().equals(ENVELOPE));
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void valid_example_has_no_violations(Example example) {
        assertThat(violations(example)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalid_example_is_rejected_at_its_expected_path(Example example) {
        assertThat(example.expectedPath())
                .as("expected path of %s in expected-paths.properties", example.file().getFileName())
                .isNotNull();
        List<Violation> violations = violations(example);
        assertThat(violations).isNotEmpty();
        assertThat(violations).extracting(Violation::path).containsOnly(example.expectedPath());
    }

    @ParameterizedTest
    @MethodSource("validDataExamples")
    void valid_data_wrapped_in_an_envelope_is_a_valid_event(Example example) {
        SchemaRef ref = new SchemaRef(EventType.fromWireName(example.type()), 1);
        var lineage = new CanonicalEvent.Lineage("acme-freight", "rest", "acme-freight.example", 1,
                Instant.parse("2026-03-02T13:40:02Z"), null, null);
        String id = EventIds.deterministic("acme-freight", example.file().getFileName().toString(), 0);

        JsonNode event = CanonicalEvent.build(ref, id, read(example.file()), lineage);

        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @Test
    void every_expected_path_names_an_existing_invalid_example() throws IOException {
        for (Path typeDir : typeDirs()) {
            Path invalid = typeDir.resolve("invalid");
            for (String name : expectedPaths(invalid).stringPropertyNames()) {
                assertThat(invalid.resolve(name)).as("listed in %s", invalid).isRegularFile();
            }
        }
    }

    @Test
    void every_type_and_the_envelope_has_valid_and_invalid_examples() {
        Stream<String> wireNames = Stream.concat(Stream.of(ENVELOPE),
                Stream.of(EventType.values()).map(EventType::wireName));
        wireNames.forEach(type -> {
            assertThat(validExamples()).as("valid %s examples", type)
                    .anyMatch(example -> example.getPayload().type().equals(type));
            assertThat(invalidExamples()).as("invalid %s examples", type)
                    .anyMatch(example -> example.getPayload().type().equals(type));
        });
    }

    private static List<Violation> violations(Example example) {
        JsonNode document = read(example.file());
        if (example.type().equals(ENVELOPE)) {
            return VALIDATOR.validate(document);
        }
        return VALIDATOR.validateData(new SchemaRef(EventType.fromWireName(example.type()), 1), document);
    }

    private static Stream<Named<Example>> examples(String kind) {
        return typeDirs().stream().flatMap(typeDir -> {
            Path dir = typeDir.resolve(kind);
            Properties expected = expectedPaths(dir);
            String type = typeDir.getFileName().toString();
            return jsonFiles(dir).map(file -> Named.of(type + "/" + kind + "/" + file.getFileName(),
                    new Example(type, file, expected.getProperty(file.getFileName().toString()))));
        });
    }

    private static List<Path> typeDirs() {
        try (Stream<Path> dirs = Files.list(Path.of(ExampleDocumentsTest.class.getResource("/examples").toURI()))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties expectedPaths(Path dir) {
        Properties properties = new Properties();
        Path file = dir.resolve("expected-paths.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
