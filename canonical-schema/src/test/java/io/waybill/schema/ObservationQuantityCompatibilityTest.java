package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quantityList} was added to observation/v1 without a new major version, for EPCIS events that
 * count objects by class. Compatible only if the required fields stay those of the first v1 and every
 * observation valid before stays valid.
 */
class ObservationQuantityCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidator VALIDATOR = SchemaValidator.load();
    private static final SchemaRef OBSERVATION = new SchemaRef(EventType.OBSERVATION, 1);

    @Test
    void the_required_fields_are_those_of_the_first_v1_and_quantity_list_is_optional() throws Exception {
        JsonNode schema;
        try (InputStream in = SchemaValidator.class.getResourceAsStream("/schemas/observation/v1.schema.json")) {
            schema = JSON.readTree(in);
        }
        assertThat(schema.path("required")).extracting(JsonNode::asText)
                .containsExactly("locationId", "epcList", "action", "eventTime", "eventTimeOffset");
        assertThat(schema.path("properties").has("quantityList")).isTrue();
    }

    @Test
    void every_observation_valid_before_stays_valid_and_a_count_without_unit_is_one() throws Exception {
        Path valid = Path.of(getClass().getResource("/examples/observation/valid").toURI());
        try (Stream<Path> examples = Files.list(valid)) {
            for (Path example : examples.toList()) {
                ObjectNode data = (ObjectNode) JSON.readTree(example.toFile());
                assertThat(VALIDATOR.validateData(OBSERVATION, data)).as(example.toString()).isEmpty();
            }
        }
        ObjectNode minimal = (ObjectNode) JSON.readTree(valid.resolve("minimal.json").toFile());
        minimal.putArray("quantityList").addObject().put("epcClass", "00012345678905").put("quantity", 3);
        assertThat(VALIDATOR.validateData(OBSERVATION, minimal)).isEmpty();
        minimal.withArray("quantityList").addObject().put("quantity", 3);
        assertThat(VALIDATOR.validateData(OBSERVATION, minimal)).extracting(SchemaValidator.Violation::path)
                .contains("/quantityList/1/epcClass");
    }
}
