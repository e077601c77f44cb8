package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates canonical events against the envelope schema and the data schema their
 * {@code schemaversion} names. Schemas are read from this module's classpath once: every
 * {@code https://schemas.waybill.io/} id resolves to {@code classpath:schemas/}, and nothing is
 * fetched from the network. Immutable and thread-safe; share the instance {@link #load()} returns.
 */
public final class SchemaValidator {

    /** Id of the envelope schema; the data schemas' ids are {@link SchemaRef#dataSchemaUri()}. */
    public static final String ENVELOPE_SCHEMA_URI = SchemaRef.SCHEMA_BASE_URI + "envelope/v1.schema.json";

    /**
     * Annotation keyword documenting each value of an {@code enum}, for people and doc generators.
     * Declared to the validator so that it is not reported as an unknown keyword.
     */
    public static final String ENUM_DESCRIPTIONS_KEYWORD = "x-enumDescriptions";

    /** One thing wrong with an event: a JSON Pointer into it and what is wrong there. */
    public record Violation(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private static final class Holder {
        static final SchemaValidator INSTANCE = new SchemaValidator();
    }

    private final Schema envelope;
    private final Map<SchemaRef, Schema> dataSchemas;
    /** The keys of {@link #dataSchemas} by their written form, {@code shipment-status/v1}. */
    private final Map<String, SchemaRef> refsByName;

    private SchemaValidator() {
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new AnnotationKeyword(ENUM_DESCRIPTIONS_KEYWORD))
                .build();
        // Draft 2020-12 makes format an annotation only; the contract means it (2026-13-45 is no date).
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDialect(dialect, builder -> builder
                .schemaRegistryConfig(config)
                .schemaIdResolvers(ids -> ids.mapPrefix(SchemaRef.SCHEMA_BASE_URI, "classpath:schemas/")));

        envelope = loadSchema(registry, ENVELOPE_SCHEMA_URI);
        Map<SchemaRef, Schema> schemas = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            // Majors are consecutive: a v2 ships next to v1 while consumers migrate.
            for (SchemaRef ref = new SchemaRef(type, 1); onClasspath(ref); ref = new SchemaRef(type, ref.major() + 1)) {
                schemas.put(ref, loadSchema(registry, ref.dataSchemaUri()));
            }
        }
        dataSchemas = Collections.unmodifiableMap(schemas);
        Map<String, SchemaRef> names = new HashMap<>();
        schemas.keySet().forEach(ref -> names.put(ref.toString(), ref));
        refsByName = Map.copyOf(names);
    }

    /** The shared validator; the schemas are parsed on first use. */
    public static SchemaValidator load() {
        return Holder.INSTANCE;
    }

    /** Every data schema this validator knows: what a mapping may declare it produces. */
    public Set<SchemaRef> knownRefs() {
        return dataSchemas.keySet();
    }

    /**
     * Validates a whole event: the envelope, the agreement between envelope and data (type,
     * dataschema, subject, time, source), then {@code data} against the schema named by
     * {@code schemaversion}. Data violations have paths under {@code /data}. Empty when valid.
     * The envelope schema runs only for an envelope {@link EnvelopeRules} do not recognize as
     * valid: the verdict is the schema's either way, at a fraction of the cost for a valid one.
     */
    public List<Violation> validate(JsonNode event) {
        Objects.requireNonNull(event, "event");
        List<Violation> violations = EnvelopeRules.conforms(event) ? new ArrayList<>() : envelopeViolations(event);
        if (!event.isObject()) {
            return violations;
        }
        JsonNode versionNode = event.get(Envelope.SCHEMA_VERSION);
        if (versionNode == null || !versionNode.isTextual()) {
            return violations;
        }
        SchemaRef ref = knownRef(versionNode.asText());
        if (ref == null) {
            violations.add(new Violation("/" + Envelope.SCHEMA_VERSION,
                    "no canonical schema for '" + versionNode.asText() + "'; known: " + knownRefs()));
            return violations;
        }
        JsonNode data = event.get(Envelope.DATA);
        checkAgreement(violations, event, ref, data);
        if (data != null && data.isObject()) {
            addAll(violations, "/" + Envelope.DATA, dataSchemas.get(ref).validate(data));
        }
        return violations;
    }

    /**
     * The envelope schema's verdict on {@code event}: what {@link #validate} reports about the
     * envelope whenever {@link EnvelopeRules} do not recognize it as valid.
     */
    List<Violation> envelopeViolations(JsonNode event) {
        List<Violation> violations = new ArrayList<>();
        addAll(violations, "", envelope.validate(event));
        return violations;
    }

    /**
     * Validates canonical data before it is wrapped, as a mapping produces it. Paths are relative
     * to the data. Empty when valid.
     *
     * @throws IllegalArgumentException when {@code ref} is not in {@link #knownRefs()}
     */
    public List<Violation> validateData(SchemaRef ref, JsonNode data) {
        Objects.requireNonNull(data, "data");
        Schema schema = dataSchemas.get(ref);
        if (schema == null) {
            throw new IllegalArgumentException("no canonical schema for '" + ref + "'; known: " + knownRefs());
        }
        List<Violation> violations = new ArrayList<>();
        addAll(violations, "", schema.validate(data));
        return violations;
    }

    private SchemaRef knownRef(String text) {
        SchemaRef known = refsByName.get(text);
        if (known != null) {
            return known; // the common case, without parsing
        }
        try {
            SchemaRef ref = SchemaRef.parse(text);
            return dataSchemas.containsKey(ref) ? ref : null;
        } catch (IllegalArgumentException unknownType) {
            return null;
        }
    }

    /** What JSON Schema cannot say: the envelope attributes that repeat the data must match it. */
    private static void checkAgreement(List<Violation> violations, JsonNode event, SchemaRef ref, JsonNode data) {
        expectEqual(violations, event, Envelope.TYPE, ref.ceType(), "schemaversion " + ref);
        expectEqual(violations, event, Envelope.DATASCHEMA, ref.dataSchemaUri(), "schemaversion " + ref);
        JsonNode partner = event.get(Envelope.PARTNER);
        if (partner != null && partner.isTextual()) {
            String sourcePrefix = "/waybill/partners/" + partner.asText() + "/";
            JsonNode source = event.get(Envelope.SOURCE);
            if (source != null && source.isTextual() && !source.asText().startsWith(sourcePrefix)) {
                violations.add(new Violation("/" + Envelope.SOURCE,
                        "must start with '" + sourcePrefix + "' to agree with partner"));
            }
        }
        if (data != null && data.isObject()) {
            expectEqualIfPresent(violations, event, Envelope.SUBJECT, data.get(ref.type().keyField()),
                    "data." + ref.type().keyField());
            expectEqualIfPresent(violations, event, Envelope.TIME, data.get(CanonicalEvent.EVENT_TIME),
                    "data." + CanonicalEvent.EVENT_TIME);
        }
    }

    private static void expectEqual(List<Violation> violations, JsonNode event, String attribute,
                                    String expected, String because) {
        JsonNode actual = event.get(attribute);
        if (actual != null && !expected.equals(actual.asText())) {
            violations.add(new Violation("/" + attribute, "must be '" + expected + "' to agree with " + because));
        }
    }

    private static void expectEqualIfPresent(List<Violation> violations, JsonNode event, String attribute,
                                             JsonNode expected, String because) {
        if (expected != null && expected.isTextual()) {
            expectEqual(violations, event, attribute, expected.asText(), because);
        }
    }

    private static void addAll(List<Violation> violations, String prefix, List<Error> errors) {
        for (Error error : errors) {
            violations.add(new Violation(prefix + pointer(error), error.getMessage()));
        }
    }

    /**
     * networknt reports a missing or unexpected property at the object holding it; point at the
     * property itself, which is what a person fixing the document looks for.
     */
    private static String pointer(Error error) {
        String at = error.getInstanceLocation().toString();
        String property = error.getProperty();
        if (property == null) {
            return at;
        }
        return at + "/" + property.replace("~", "~0").replace("/", "~1");
    }

    private static boolean onClasspath(SchemaRef ref) {
        return SchemaValidator.class.getClassLoader().getResource(ref.schemaResource()) != null;
    }

    private static Schema loadSchema(SchemaRegistry registry, String uri) {
        Schema schema = registry.getSchema(SchemaLocation.of(uri));
        // Resolve every $ref now: a broken schema fails here, and validation never loads anything.
        schema.initializeValidators();
        return schema;
    }
}
