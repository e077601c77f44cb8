package io.waybill.mapping.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.UnreadableDocumentException;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.ReadSmoother;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;
import io.waybill.schema.SchemaValidator.Violation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs golden cases: maps a case's input as the partner's REST push would be mapped, validates
 * every event, and compares the events field by field with the expected ones, or checks that the
 * stated error happens. Differences are reported one readable line each.
 */
public final class GoldenCaseRunner {

    /** When every golden input is taken to have been received and ingested, so that runs agree. */
    public static final Instant FIXED_TIME = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Envelope attributes never compared: those that depend on the run (clock, archive offset,
     * trace), and the mapping's version, so a new
     * version of a mapping whose output is unchanged passes the same cases (the version is
     * checked where it matters: a reload refuses changed content under an unchanged version).
     */
    public static final Set<String> NOT_COMPARED = Set.of(Envelope.INGEST_TIME, Envelope.RAW_REF, Envelope.TRACEPARENT,
            Envelope.MAPPING_VERSION);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a case did: no differences means it passed. */
    public record Result(GoldenCase goldenCase, List<String> differences) {
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    /** The contents of {@code expected-error.json}. */
    private record ExpectedError(String stage, String field, String contains) {
    }

    private final MappingCatalog catalog;
    private final SchemaValidator validator;

    public GoldenCaseRunner(MappingCatalog catalog, SchemaValidator validator) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** A document as the partner's JSON push over REST would hand it to mapping, at {@link #FIXED_TIME}. */
    public static RawDocument restDocument(String partner, JsonNode body, byte[] raw) {
        return document(partner, "rest", body, raw);
    }

    /** A JSON document as it arrives on {@code channel}, at {@link #FIXED_TIME}. */
    public static RawDocument document(String partner, String channel, JsonNode body, byte[] raw) {
        return new RawDocument(body, raw, new Provenance(partner, channel, "json", FIXED_TIME, null, 0, null));
    }

    public Result run(GoldenCase goldenCase) {
        List<String> differences = new ArrayList<>();
        String label = goldenCase.label();
        boolean expectsEvents = Files.isRegularFile(goldenCase.expected());
        boolean expectsError = Files.isRegularFile(goldenCase.expectedError());
        if (expectsEvents == expectsError) {
            differences.add(label + ": needs exactly one of " + GoldenCase.EXPECTED + " and " + GoldenCase.EXPECTED_ERROR);
            return new Result(goldenCase, differences);
        }
        if (GoldenCase.inputs(goldenCase.dir()).size() > 1) {
            differences.add(label + ": has several input.* files " + GoldenCase.inputs(goldenCase.dir()).stream()
                    .map(p -> p.getFileName().toString()).toList() + "; keep one");
            return new Result(goldenCase, differences);
        }
        try {
            byte[] raw = Files.readAllBytes(goldenCase.input());
            String format = goldenCase.format();
            if (!format.equals("json")) {
                return new Result(goldenCase, runRead(goldenCase, format, raw, expectsEvents));
            }
            JsonNode input = JSON.readTree(raw);
            List<RawDocument> documents = documents(goldenCase.partner(), goldenCase.channel(), input, raw);
            if (expectsEvents) {
                JsonNode expected = JSON.readTree(goldenCase.expected().toFile());
                if (!expected.isArray()) {
                    differences.add(label + ": " + GoldenCase.EXPECTED + " must be a JSON array of events");
                } else {
                    checkEvents(label, documents, expected, differences);
                }
            } else if (input != null && input.isArray()) {
                differences.add(label + ": an " + GoldenCase.EXPECTED_ERROR + " case takes one message, not a batch;"
                        + " put the failing message in a case of its own");
            } else {
                ExpectedError expected = JSON.readValue(goldenCase.expectedError().toFile(), ExpectedError.class);
                checkError(label, documents.get(0), expected, differences);
            }
        } catch (IOException e) {
            differences.add(label + ": cannot read the case: " + e.getMessage());
        }
        return new Result(goldenCase, differences);
    }

    /**
     * A case whose input is in a format an adapter reads ({@code input.x12}...): the adapter's
     * {@link DocumentReader} turns it into raw documents, as the hub's channel would, and those are
     * mapped in order. An input the reader refuses is the {@code parse} stage's error.
     */
    private List<String> runRead(GoldenCase goldenCase, String format, byte[] raw, boolean expectsEvents) throws IOException {
        String label = goldenCase.label();
        List<String> differences = new ArrayList<>();
        DocumentReader reader = DocumentReaders.forFormat(format).orElse(null);
        if (reader == null) {
            differences.add(label + ": no reader for " + goldenCase.input().getFileName() + " (formats read: json"
                    + (DocumentReaders.formats().isEmpty() ? "" : ", " + String.join(", ", DocumentReaders.formats())) + ")");
            return differences;
        }
        ExpectedError expectedError = expectsEvents ? null : JSON.readValue(goldenCase.expectedError().toFile(), ExpectedError.class);
        List<RawDocument> documents;
        try {
            documents = reader.read(raw, new Provenance(goldenCase.partner(), goldenCase.channel(), format, FIXED_TIME, null, 0, null));
        } catch (UnreadableDocumentException e) {
            if (expectedError == null || !"parse".equals(expectedError.stage())) {
                differences.add(label + ": the " + format + " reader refused the input: " + e.getMessage());
            } else if (!contains(e.getMessage(), expectedError.contains())) {
                differences.add(label + ": expected a parse error containing \"" + expectedError.contains() + "\", got: " + e.getMessage());
            }
            return differences;
        }
        if (expectsEvents) {
            checkEvents(label, documents, JSON.readTree(goldenCase.expected().toFile()), differences);
        } else if ("parse".equals(expectedError.stage())) {
            differences.add(label + ": the input was read cleanly but a parse error was expected, containing \""
                    + expectedError.contains() + "\"");
        } else if (documents.size() != 1) {
            differences.add(label + ": an " + GoldenCase.EXPECTED_ERROR + " case takes one message, the input holds "
                    + documents.size() + " documents; put the failing one in a case of its own");
        } else {
            checkError(label, documents.get(0), expectedError, differences);
        }
        return differences;
    }

    /**
     * The documents of a case's input: one message, or, for a JSON array, one per element, as a
     * batch push hands each item to mapping on its own.
     */
    private static List<RawDocument> documents(String partner, String channel, JsonNode input, byte[] raw) throws IOException {
        if (input == null || !input.isArray()) {
            return List.of(document(partner, channel, input, raw));
        }
        List<RawDocument> documents = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            RawDocument whole = document(partner, channel, input.get(i), JSON.writeValueAsBytes(input.get(i)));
            documents.add(new RawDocument(whole.body(), whole.raw(), whole.provenance().item(i)));
        }
        return documents;
    }

    private void checkEvents(String label, List<RawDocument> documents, JsonNode expected, List<String> differences) {
        List<List<ObjectNode>> perItem = new ArrayList<>();
        for (int item = 0; item < documents.size(); item++) {
            RawDocument document = documents.get(item);
            try {
                perItem.add(MappingEngine.applyAll(catalog.selectAll(document), document, FIXED_TIME));
            } catch (MappingException e) {
                differences.add(label + (documents.size() > 1 ? " item [" + item + "]" : "") + ": mapping failed: " + e.getMessage());
                return;
            }
        }
        // As the hub publishes them: reads smoothed across the batch, and an id already published once.
        List<ObjectNode> actual = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (List<ObjectNode> events : ReadSmoother.smoothBatch(catalog, perItem)) {
            for (ObjectNode event : events) {
                if (ids.add(event.path(Envelope.ID).asText())) {
                    actual.add(event);
                }
            }
        }
        for (int i = 0; i < actual.size(); i++) {
            for (Violation violation : validator.validate(actual.get(i))) {
                differences.add(label + " event[" + i + "] " + violation.path() + ": invalid: " + violation.message());
            }
        }
        if (expected.size() != actual.size()) {
            differences.add(label + ": expected " + expected.size() + " event(s), got " + actual.size());
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String prefix = label + " event[" + i + "]";
            if (i >= actual.size()) {
                differences.add(prefix + ": missing event, expected " + summary(expected.get(i)));
            } else if (i >= expected.size()) {
                differences.add(prefix + ": extra event, got " + summary(actual.get(i)));
            } else {
                compare(prefix, "", comparable(expected.get(i)), comparable(actual.get(i)), differences);
            }
        }
    }

    private void checkError(String label, RawDocument document, ExpectedError expected, List<String> differences) {
        String wanted = "a " + expected.stage() + " error on " + expected.field() + " containing \"" + expected.contains() + "\"";
        if (!"map".equals(expected.stage()) && !"validate".equals(expected.stage())) {
            differences.add(label + ": " + GoldenCase.EXPECTED_ERROR + " stage must be \"map\" or \"validate\""
                    + " (or \"parse\" for an input an adapter reads), was " + expected.stage());
            return;
        }
        List<ObjectNode> events;
        try {
            events = MappingEngine.applyAll(catalog.selectAll(document), document, FIXED_TIME);
        } catch (MappingException e) {
            if (!"map".equals(expected.stage())) {
                differences.add(label + ": expected " + wanted + ", but mapping failed: " + e.getMessage());
            } else if (!Objects.equals(expected.field(), e.field()) || !contains(e.getMessage(), expected.contains())) {
                differences.add(label + ": expected " + wanted + ", got map error on " + e.field() + ": " + e.getMessage());
            }
            return;
        }
        List<Violation> violations = new ArrayList<>();
        events.forEach(event -> violations.addAll(validator.validate(event)));
        if (violations.isEmpty()) {
            differences.add(label + ": mapped cleanly but an error was expected: " + wanted);
            return;
        }
        if (!"validate".equals(expected.stage())) {
            differences.add(label + ": expected " + wanted + ", but mapping succeeded and validation failed: " + violations);
            return;
        }
        boolean met = violations.stream().anyMatch(v -> v.path().equals(expected.field()) && contains(v.message(), expected.contains()));
        if (!met) {
            differences.add(label + ": expected " + wanted + ", got validation errors: " + violations);
        }
    }

    private static boolean contains(String text, String part) {
        return part == null || (text != null && text.contains(part));
    }

    /** Field by field, with JSON Pointers; numbers compare by value (41.85 equals 41.850). */
    private static void compare(String prefix, String pointer, JsonNode expected, JsonNode actual, List<String> differences) {
        String at = prefix + " " + (pointer.isEmpty() ? "/" : pointer);
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!actual.has(name)) {
                    differences.add(prefix + " " + child + ": missing, expected " + expected.get(name));
                } else if (!expected.has(name)) {
                    differences.add(prefix + " " + child + ": unexpected field, got " + actual.get(name));
                } else {
                    compare(prefix, child, expected.get(name), actual.get(name), differences);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(at + ": expected " + expected.size() + " element(s), got " + actual.size()
                        + " (expected " + expected + ", got " + actual + ")");
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(prefix, pointer + "/" + i, expected.get(i), actual.get(i), differences);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(at + ": expected " + expected + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            differences.add(at + ": expected " + expected + ", got " + actual);
        }
    }

    private static JsonNode comparable(JsonNode event) {
        if (!event.isObject()) {
            return event;
        }
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.remove(NOT_COMPARED);
        return copy;
    }

    private static String summary(JsonNode event) {
        return Envelope.ID + " " + event.path(Envelope.ID).asText("-") + ", " + Envelope.TYPE + " "
                + event.path(Envelope.TYPE).asText("-") + ", " + Envelope.SUBJECT + " " + event.path(Envelope.SUBJECT).asText("-");
    }
}
