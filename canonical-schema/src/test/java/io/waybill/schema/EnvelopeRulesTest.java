package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.schema.SchemaValidator.Violation;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EnvelopeRules} against the envelope schema they stand in for: they must recognize the
 * envelopes the hub builds, never accept one the schema rejects, and follow the schema's
 * declarations as they are written today.
 */
class EnvelopeRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SchemaValidator VALIDATOR = SchemaValidator.load();
    private static final SchemaRef SHIPMENT_STATUS_V1 = new SchemaRef(EventType.SHIPMENT_STATUS, 1);
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /** An attribute set to a value (null: removed). */
    record Change(String attribute, JsonNode value) {
        ObjectNode applyTo(ObjectNode event) {
            if (value == null) {
                event.remove(attribute);
            } else {
                event.set(attribute, value);
            }
            return event;
        }
    }

    @Test
    void envelopes_the_hub_builds_are_recognized_without_the_schema() {
        assertThat(EnvelopeRules.conforms(validEvent())).isTrue();
        assertThat(EnvelopeRules.conforms(validEvent().put(Envelope.TRACEPARENT, TRACEPARENT)
                .put(Envelope.RAW_REF, "raw.v1/0/42"))).isTrue();
    }

    @Test
    void the_valid_envelope_examples_are_recognized() throws IOException {
        try (Stream<Path> files = Files.list(examples("valid"))) {
            for (Path file : files.toList()) {
                assertThat(EnvelopeRules.conforms(JSON.readTree(file.toFile()))).as(file.getFileName().toString()).isTrue();
            }
        }
    }

    @Test
    void no_invalid_envelope_example_is_recognized() throws IOException {
        try (Stream<Path> files = Files.list(examples("invalid"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                // Some are wrong only in how the envelope agrees with its data, which the rules leave to the validator.
                assertThat(EnvelopeRules.conforms(event))
                        .as(file.getFileName().toString())
                        .isEqualTo(VALIDATOR.envelopeViolations(event).isEmpty());
            }
        }
    }

    static Stream<Named<Change>> hostileValues() {
        return Stream.of(
                        change(Envelope.SPECVERSION, "0.3"), change(Envelope.SPECVERSION, NODES.numberNode(1.0)),
                        change(Envelope.ID, "not-a-uuid"), change(Envelope.ID, ""),
                        change(Envelope.ID, "8E5C1B0C-6B0F-5A4E-9C1D-2F3E4A5B6C7D"),
                        change(Envelope.ID, "{8e5c1b0c-6b0f-5a4e-9c1d-2f3e4a5b6c7d}"),
                        change(Envelope.ID, "8e5c1b0c6b0f5a4e9c1d2f3e4a5b6c7d"),
                        change(Envelope.ID, "8e5c1b0c-6b0f-5a4e-9c1d-2f3e4a5b6c7"),
                        change(Envelope.ID, "8e5c1b0c-6b0f-5a4e-9c1d-2f3e4a5b6c7g"),
                        change(Envelope.ID, NODES.numberNode(42)),
                        change(Envelope.SOURCE, "/waybill/partners/acme-freight/"),
                        change(Envelope.SOURCE, "waybill/partners/acme-freight/rest"),
                        change(Envelope.SOURCE, "/waybill/partners/Acme/rest"),
                        change(Envelope.SOURCE, "/waybill/partners/acme-freight/rest/extra"),
                        change(Envelope.SOURCE, "/waybill/partners/acme-freight/re st"),
                        change(Envelope.SOURCE, "https://acme.example/rest"),
                        change(Envelope.TYPE, "com.acme.status"), change(Envelope.TYPE, "io.waybill.shipment-status"),
                        change(Envelope.TYPE, "io.waybill.shipment-status.v0"),
                        change(Envelope.SUBJECT, ""), change(Envelope.SUBJECT, NODES.numberNode(481)),
                        change(Envelope.SUBJECT, NODES.nullNode()), change(Envelope.SUBJECT, NODES.objectNode()),
                        change(Envelope.TIME, "2026-03-02T13:40:00"),
                        change(Envelope.TIME, "2026-03-02T13:40:00+01:00"),
                        change(Envelope.TIME, "2026-03-02T13:40:00.000+00:00"),
                        change(Envelope.TIME, "2026-03-02"),
                        change(Envelope.TIME, "2026-03-02 13:40:00Z"),
                        change(Envelope.TIME, "2026-03-02t13:40:00z"),
                        change(Envelope.TIME, "2026-03-02T13:40:00.Z"),
                        change(Envelope.TIME, "2026-03-02T13:40:00.1234567890Z"),
                        change(Envelope.TIME, "2026-02-29T13:40:00Z"),
                        change(Envelope.TIME, "2026-04-31T13:40:00Z"),
                        change(Envelope.TIME, "2026-13-02T13:40:00Z"),
                        change(Envelope.TIME, "2026-00-02T13:40:00Z"),
                        change(Envelope.TIME, "2026-03-00T13:40:00Z"),
                        change(Envelope.TIME, "2026-03-02T24:00:00Z"),
                        change(Envelope.TIME, "2026-03-02T13:60:00Z"),
                        change(Envelope.TIME, "2026-03-02T13:40:61Z"),
                        change(Envelope.TIME, "+10000-03-02T13:40:00Z"),
                        change(Envelope.TIME, NODES.numberNode(1772458800L)),
                        change(Envelope.INGEST_TIME, "2026-03-02T13:40:02"),
                        change(Envelope.INGEST_TIME, "2026-03-02T13:40:02-05:00"),
                        change(Envelope.INGEST_TIME, "1900-02-29T13:40:02Z"),
                        change(Envelope.INGEST_TIME, ""),
                        change(Envelope.DATACONTENTTYPE, "application/xml"),
                        change(Envelope.DATASCHEMA, "not a uri"),
                        change(Envelope.DATASCHEMA, "https://schemas.waybill.io/shipment-status/v1 .schema.json"),
                        change(Envelope.DATA, "PICKED_UP"), change(Envelope.DATA, NODES.arrayNode()),
                        change(Envelope.DATA, NODES.nullNode()),
                        change(Envelope.PARTNER, ""), change(Envelope.PARTNER, "Acme-Freight"),
                        change(Envelope.PARTNER, "-acme"), change(Envelope.PARTNER, "acme freight"),
                        change(Envelope.MAPPING_ID, ""), change(Envelope.MAPPING_ID, NODES.numberNode(3)),
                        change(Envelope.MAPPING_VERSION, NODES.numberNode(0)),
                        change(Envelope.MAPPING_VERSION, NODES.numberNode(-1)),
                        change(Envelope.MAPPING_VERSION, "3"), change(Envelope.MAPPING_VERSION, NODES.numberNode(1.5)),
                        change(Envelope.MAPPING_VERSION, NODES.nullNode()),
                        change(Envelope.SCHEMA_VERSION, "shipment-status"),
                        change(Envelope.SCHEMA_VERSION, "Shipment-status/v1"),
                        change(Envelope.TRACEPARENT, ""), change(Envelope.TRACEPARENT, "00-abc"),
                        change(Envelope.TRACEPARENT, TRACEPARENT.toUpperCase()),
                        change(Envelope.TRACEPARENT, "01" + TRACEPARENT.substring(2)),
                        change(Envelope.TRACEPARENT, TRACEPARENT + "-extra"),
                        change(Envelope.TRACEPARENT, " " + TRACEPARENT),
                        change(Envelope.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"),
                        change(Envelope.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01"),
                        change(Envelope.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"),
                        change(Envelope.TRACEPARENT, "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"),
                        change(Envelope.TRACEPARENT, NODES.numberNode(0)),
                        change(Envelope.RAW_REF, ""), change(Envelope.RAW_REF, NODES.numberNode(7)),
                        change("correlationid", "c-1"))
                .map(c -> Named.of(c.attribute() + " = " + c.value(), c));
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void a_hostile_value_is_not_recognized_and_the_violation_names_its_attribute(Change change) {
        ObjectNode event = change.applyTo(validEvent());

        assertThat(EnvelopeRules.conforms(event)).isFalse();
        // The schema rejects it too, at the same attribute: the verdict is the same either way.
        assertThat(VALIDATOR.envelopeViolations(event)).extracting(Violation::path).contains("/" + change.attribute());
        assertThat(VALIDATOR.validate(event)).extracting(Violation::path).contains("/" + change.attribute());
    }

    @Test
    void an_envelope_missing_any_required_attribute_is_not_recognized() {
        for (JsonNode attribute : envelopeSchema().get("required")) {
            ObjectNode event = new Change(attribute.asText(), null).applyTo(validEvent());
            assertThat(EnvelopeRules.conforms(event)).as(attribute.asText()).isFalse();
            assertThat(VALIDATOR.validate(event)).extracting(Violation::path).as(attribute.asText())
                    .contains("/" + attribute.asText());
        }
    }

    static Stream<Named<Change>> oddButValidValues() {
        return Stream.of(
                        change(Envelope.TIME, "2026-03-02T13:40:00.5Z"), change(Envelope.TIME, "2024-02-29T13:40:00Z"),
                        change(Envelope.TIME, "2000-02-29T00:00:00.123456789Z"),
                        change(Envelope.INGEST_TIME, "0001-01-01T00:00:00Z"),
                        change(Envelope.INGEST_TIME, "9999-12-31T23:59:59.999999999Z"),
                        change(Envelope.SUBJECT, " "), change(Envelope.MAPPING_ID, "x"),
                        change(Envelope.MAPPING_VERSION, NODES.numberNode(Long.MAX_VALUE)),
                        change(Envelope.PARTNER, "0.a_b-c"), change(Envelope.RAW_REF, "raw.v1/3/9000000000"),
                        change(Envelope.SOURCE, "/waybill/partners/acme-freight/edi.as2_v2"))
                .map(c -> Named.of(c.attribute() + " = " + c.value(), c));
    }

    @ParameterizedTest
    @MethodSource("oddButValidValues")
    void an_odd_but_valid_value_is_recognized(Change change) {
        ObjectNode event = change.applyTo(validEvent());

        assertThat(VALIDATOR.envelopeViolations(event)).isEmpty();
        assertThat(EnvelopeRules.conforms(event)).isTrue();
    }

    /**
     * Values the schema accepts and the rules leave to it: the verdict is the schema's, so the only
     * difference is the schema's cost.
     */
    static Stream<Named<Change>> validValuesLeftToTheSchema() {
        return Stream.of(
                        change(Envelope.TIME, "2016-12-31T23:59:60Z"), // a leap second that was
                        change(Envelope.MAPPING_VERSION, NODES.numberNode(3.0)),
                        change(Envelope.MAPPING_VERSION, NODES.numberNode(BigInteger.TEN.pow(30))),
                        change(Envelope.DATASCHEMA, "urn:example:other"))
                .map(c -> Named.of(c.attribute() + " = " + c.value(), c));
    }

    @ParameterizedTest
    @MethodSource("validValuesLeftToTheSchema")
    void a_rarity_the_rules_do_not_judge_gets_the_schemas_verdict(Change change) {
        ObjectNode event = change.applyTo(validEvent());

        assertThat(EnvelopeRules.conforms(event)).isFalse();
        assertThat(VALIDATOR.envelopeViolations(event)).isEmpty();
    }

    /** When the envelope schema changes, these rules must change with it: this says where. */
    @Test
    void rules_follow_the_envelope_schema_as_declared() throws IOException {
        JsonNode schema = envelopeSchema();
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(name -> required.add(name.asText()));
        Set<String> optional = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(optional::add);
        optional.removeAll(required);

        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(required).hasSize(14);
        assertThat(optional).containsExactlyInAnyOrder(Envelope.TRACEPARENT, Envelope.RAW_REF);
        assertThat(withoutDescriptions(schema.get("properties"))).isEqualTo(JSON.readTree("""
                {
                  "specversion": { "const": "1.0" },
                  "id": { "type": "string", "format": "uuid", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" },
                  "source": { "type": "string", "format": "uri-reference", "pattern": "^/waybill/partners/[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*$" },
                  "type": { "type": "string", "pattern": "^io\\\\.waybill\\\\.[a-z-]+\\\\.v[1-9][0-9]*$" },
                  "subject": { "type": "string", "minLength": 1 },
                  "time": { "$ref": "../common/v1.schema.json#/$defs/utcInstant" },
                  "datacontenttype": { "const": "application/json" },
                  "dataschema": { "type": "string", "format": "uri" },
                  "data": { "type": "object" },
                  "partner": { "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]*$" },
                  "mappingid": { "type": "string", "minLength": 1 },
                  "mappingversion": { "type": "integer", "minimum": 1 },
                  "schemaversion": { "type": "string", "pattern": "^[a-z-]+/v[1-9][0-9]*$" },
                  "ingesttime": { "$ref": "../common/v1.schema.json#/$defs/utcInstant" },
                  "traceparent": { "type": "string", "pattern": "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$" },
                  "rawref": { "type": "string", "minLength": 1 }
                }
                """));
        assertThat(withoutDescriptions(utcInstantSchema())).isEqualTo(JSON.readTree("""
                { "type": "string", "format": "date-time",
                  "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\\\.[0-9]{1,9})?Z$" }
                """));
    }

    record Form(String attribute, Predicate<String> rule, String pattern, List<String> seeds) {
    }

    static Stream<Named<Form>> forms() {
        JsonNode properties = envelopeSchema().get("properties");
        Function<String, String> pattern = attribute -> properties.get(attribute).get("pattern").asText();
        return Stream.of(
                        new Form(Envelope.ID, EnvelopeRules::isId, pattern.apply(Envelope.ID),
                                List.of(EventIds.deterministic("acme-freight", "MSG-1", 0), "00000000-0000-0000-0000-000000000000")),
                        new Form(Envelope.TRACEPARENT, EnvelopeRules::isTraceparent, pattern.apply(Envelope.TRACEPARENT),
                                List.of(TRACEPARENT)),
                        new Form(Envelope.SOURCE, EnvelopeRules::isSource, pattern.apply(Envelope.SOURCE),
                                List.of("/waybill/partners/acme-freight/rest", "/waybill/partners/a/b", "/waybill/partners/0._-/e.d_i-")),
                        new Form(Envelope.TYPE, EnvelopeRules::isType, pattern.apply(Envelope.TYPE),
                                List.of("io.waybill.shipment-status.v1", "io.waybill.eta.v20", "io.waybill.-.v9")),
                        new Form(Envelope.PARTNER, text -> EnvelopeRules.isName(text, 0, text.length()), pattern.apply(Envelope.PARTNER),
                                List.of("acme-freight", "a", "9.x_y-z")),
                        new Form(Envelope.SCHEMA_VERSION, text -> EnvelopeRules.isSchemaVersion(text, 0, text.length()),
                                pattern.apply(Envelope.SCHEMA_VERSION), List.of("shipment-status/v1", "eta/v10", "-/v1")),
                        new Form("utcInstant (pattern only)", text -> EnvelopeRules.isUtcInstant(text) || isUtcInstantSyntaxOnly(text),
                                utcInstantSchema().get("pattern").asText(),
                                List.of("2026-03-02T13:40:00Z", "2026-03-02T13:40:00.123456789Z", "2026-03-02T13:40:00.5Z")))
                .map(form -> Named.of(form.attribute(), form));
    }

    /**
     * Each form written out in {@link EnvelopeRules} accepts exactly what the schema's pattern
     * accepts, on random edits of valid values (for {@code utcInstant}, the date and time checks
     * aside, which the hostile values cover).
     */
    @ParameterizedTest
    @MethodSource("forms")
    void each_written_out_form_accepts_what_the_schemas_pattern_accepts(Form form) {
        Pattern pattern = Pattern.compile(form.pattern());
        Random random = new Random(form.attribute().hashCode());
        for (String seed : form.seeds()) {
            assertThat(form.rule().test(seed)).as(seed).isTrue();
            for (int i = 0; i < 3_000; i++) {
                String value = edit(seed, random);
                assertThat(form.rule().test(value)).as("'%s'", value).isEqualTo(pattern.matcher(value).matches());
            }
        }
    }

    /** The pattern of utcInstant, with any digits where the date and the time are. */
    private static boolean isUtcInstantSyntaxOnly(String text) {
        return text.length() >= 20 && EnvelopeRules.isUtcInstant("2026-03-02T13:40:00" + text.substring(19))
                && text.substring(0, 19).replaceAll("[0-9]", "0").equals("0000-00-00T00:00:00");
    }

    /**
     * Random edits of every attribute's value: whatever the rules accept, the schema accepts too.
     */
    @Test
    void never_recognizes_an_envelope_the_schema_rejects() {
        ObjectNode template = validEvent().put(Envelope.TRACEPARENT, TRACEPARENT).put(Envelope.RAW_REF, "raw.v1/0/42");
        Random random = new Random(20261128);
        int recognized = 0;
        int tried = 0;
        for (Map.Entry<String, JsonNode> attribute : template.properties()) {
            if (!attribute.getValue().isTextual()) {
                continue;
            }
            for (int i = 0; i < 400; i++) {
                String value = edit(attribute.getValue().textValue(), random);
                ObjectNode event = template.deepCopy().put(attribute.getKey(), value);
                tried++;
                if (EnvelopeRules.conforms(event)) {
                    recognized++;
                    assertThat(VALIDATOR.envelopeViolations(event)).as("%s = '%s'", attribute.getKey(), value).isEmpty();
                }
            }
        }
        assertThat(recognized).as("edits that still give a valid envelope, of %d", tried).isPositive();
    }

    /**
     * One or two characters of {@code value} dropped, doubled, or replaced with a digit, a letter of
     * either case, punctuation, a space or a line break.
     */
    private static String edit(String value, Random random) {
        String alphabet = "0123456789abcdefgvzABCDEFVZ-_.:/+ TtZz\n";
        StringBuilder edited = new StringBuilder(value);
        for (int edits = 1 + random.nextInt(2); edits > 0 && !edited.isEmpty(); edits--) {
            int at = random.nextInt(edited.length());
            switch (random.nextInt(3)) {
                case 0 -> edited.deleteCharAt(at);
                case 1 -> edited.insert(at, edited.charAt(at));
                default -> edited.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return edited.toString();
    }

    @Test
    void every_data_schema_uri_is_of_the_form_the_rules_recognize() {
        for (SchemaRef ref : VALIDATOR.knownRefs()) {
            assertThat(EnvelopeRules.isDataSchema(ref.dataSchemaUri())).as(ref.toString()).isTrue();
        }
        assertThat(EnvelopeRules.isDataSchema("https://schemas.waybill.io/shipment-status/v1.schema.json")).isTrue();
        assertThat(EnvelopeRules.isDataSchema("https://schemas.waybill.io/shipment-status/v01.schema.json")).isFalse();
        assertThat(EnvelopeRules.isDataSchema("https://schemas.waybill.io/shipment-status/v1.schema.jsonx")).isFalse();
        assertThat(EnvelopeRules.isDataSchema("https://schemas.waybill.io//v1.schema.json")).isFalse();
        assertThat(EnvelopeRules.isDataSchema("https://schemas.waybill.io/shipment-status/v.schema.json")).isFalse();
        assertThat(EnvelopeRules.isDataSchema("https://schemas.waybill.io/a/b/v1.schema.json")).isFalse();
    }

    private static JsonNode withoutDescriptions(JsonNode node) {
        JsonNode copy = node.deepCopy();
        List<JsonNode> objects = new ArrayList<>(List.of(copy));
        copy.findParents("description").forEach(objects::add);
        objects.stream().filter(JsonNode::isObject).forEach(o -> ((ObjectNode) o).remove("description"));
        return copy;
    }

    private static Change change(String attribute, String value) {
        return new Change(attribute, NODES.textNode(value));
    }

    private static Change change(String attribute, JsonNode value) {
        return new Change(attribute, value);
    }

    private static JsonNode utcInstantSchema() {
        return resource("schemas/common/v1.schema.json").at("/$defs/utcInstant");
    }

    private static JsonNode envelopeSchema() {
        return resource("schemas/envelope/v1.schema.json");
    }

    private static JsonNode resource(String name) {
        try (InputStream in = EnvelopeRulesTest.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static Path examples(String validity) {
        try {
            return Path.of(EnvelopeRulesTest.class.getClassLoader().getResource("examples/envelope/" + validity).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode validEvent() {
        var lineage = new CanonicalEvent.Lineage("acme-freight", "rest", "acme-freight.status", 3,
                Instant.parse("2026-03-02T13:40:02Z"), null, null);
        ObjectNode data = NODES.objectNode();
        data.put("shipmentId", "SHP-2026-000481");
        data.put("status", "PICKED_UP");
        data.put("eventTime", "2026-03-02T13:40:00Z");
        data.put("eventTimeOffset", "-05:00");
        return CanonicalEvent.build(SHIPMENT_STATUS_V1, EventIds.deterministic("acme-freight", "MSG-1", 0), data, lineage);
    }
}
