package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code partnerEventId} and {@code correction} were added to shipment-status/v1 and eta/v1 without a new major
 * version. That is compatible only if nothing an earlier v1 producer could publish becomes invalid, and nothing a
 * consumer relied on changes: the required fields stay those of the first v1, every example valid before stays
 * valid, and the new fields are optional.
 */
class CorrectionCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator VALIDATOR = SchemaValidator.load();

    @ParameterizedTest
    @ValueSource(strings = {"shipment-status", "eta"})
    void the_required_fields_are_those_of_the_first_v1(String type) throws IOException {
        List<String> before = type.equals("shipment-status")
                ? List.of("shipmentId", "status", "eventTime", "eventTimeOffset")
                : List.of("shipmentId", "etaType", "estimatedTime", "estimatedTimeOffset", "eventTime", "eventTimeOffset");
        JsonNode schema = schema(type);
        assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactlyElementsOf(before);
        assertThat(schema.path("properties").has("correction")).isTrue();
        assertThat(schema.path("properties").has("partnerEventId")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shipment-status", "eta"})
    void every_example_valid_before_stays_valid_and_stays_valid_with_a_correction(String type) throws Exception {
        SchemaRef ref = new SchemaRef(EventType.valueOf(type.toUpperCase().replace('-', '_')), 1);
        try (Stream<Path> examples = Files.list(examples(type))) {
            for (Path example : examples.toList()) {
                ObjectNode data = (ObjectNode) JSON.readTree(example.toFile());
                assertThat(VALIDATOR.validateData(ref, data)).as(example.toString()).isEmpty();
                data.put("partnerEventId", "E-2");
                data.putObject("correction").put("kind", "RETRACTED").put("correctsPartnerEventId", "E-1");
                assertThat(VALIDATOR.validateData(ref, data)).as(example + " with a correction").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shipment-status", "eta"})
    void a_correction_must_say_what_it_corrects_and_how(String type) throws Exception {
        SchemaRef ref = new SchemaRef(EventType.valueOf(type.toUpperCase().replace('-', '_')), 1);
        ObjectNode data = (ObjectNode) JSON.readTree(examples(type).resolve("minimal.json").toFile());
        data.putObject("correction").put("kind", "RETRACTED");
        assertThat(VALIDATOR.validateData(ref, data)).isNotEmpty();
        data.putObject("correction").put("kind", "DELETED").put("correctsPartnerEventId", "E-1");
        assertThat(VALIDATOR.validateData(ref, data)).extracting(SchemaValidator.Violation::path).contains("/correction/kind");
    }

    private static JsonNode schema(String type) throws IOException {
        try (InputStream in = SchemaValidator.class.getResourceAsStream("/schemas/" + type + "/v1.schema.json")) {
            return JSON.readTree(in);
        }
    }

    private static Path examples(String type) throws URISyntaxException {
        return Path.of(CorrectionCompatibilityTest.class.getResource("/examples/" + type + "/valid").toURI());
    }
}
