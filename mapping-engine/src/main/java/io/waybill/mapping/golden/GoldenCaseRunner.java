package io.waybill.mapping.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.DocumentItems;
import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs golden cases: maps a case's input as the partner's REST push would be mapped (item by item,
 * split as the partner's rest channel splits its documents), validates every event, and compares
 * the events of the items accepted field by field with the expected ones, and the items refused with
 * those the case expects refused, or checks that the stated error happens. Differences are reported
 * one readable line each.
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

    /** An element of {@code expected-rejected.json}: the item (its 0-based position in the input) and its error. */
    private record ExpectedRejection(Integer item, String stage, String field, String contains) {
        ExpectedError error() {
            return new ExpectedError(stage, field, contains);
        }
    }

    /** Why an item was refused: its mapping failed, or its events break their schema. */
    private record Refusal(MappingException mapError, List<Violation> violations) {
        String describe() {
            return mapError != null ? "map error on " + mapError.field() + ": " + mapError.getMessage()
                    : "validation errors: " + violations;
        }
    }

    private final MappingCatalog catalog;
    private final SchemaValidator validator;
    private final Function<String, Optional<DocumentItems>> itemsOfPartner;

    /** A runner for which every message of a JSON case is one item (or, for a batch, each of its elements). */
    public GoldenCaseRunner(MappingCatalog catalog, SchemaValidator validator) {
        this(catalog, validator, partner -> Optional.empty());
    }

    /**
     * A runner that splits a case's message into items as the partner's rest channel does when the
     * partner's declaration says where the items of its documents are ({@code channels.rest.items}).
     */
    public GoldenCaseRunner(MappingCatalog catalog, SchemaValidator validator, PartnerRegistry partners) {
        this(catalog, validator, partner -> partners.find(partner).map(PartnerDeclaration::channels)
                .map(PartnerDeclaration.Channels::rest).flatMap(PartnerDeclaration.Rest::documentItems));
    }

    private GoldenCaseRunner(MappingCatalog catalog, SchemaValidator validator, Function<String, Optional<DocumentItems>> itemsOfPartner) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.itemsOfPartner = itemsOfPartner;
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
            ExpectedError expectedError = expectsEvents ? null : JSON.readValue(goldenCase.expectedError().toFile(), ExpectedError.class);
            Optional<DocumentItems> split = "rest".equals(goldenCase.channel()) ? itemsOfPartner.apply(goldenCase.partner())
                    : Optional.empty();
            List<RawDocument> documents;
            try {
                documents = documents(goldenCase.partner(), goldenCase.channel(), input, raw, split.orElse(null));
            } catch (UnreadableDocumentException e) {
                parseRefused(label, "the rest channel refused the input (" + PartnerDeclaration.Rest.ITEMS_KEY + ")", e,
                        expectedError, differences);
                return new Result(goldenCase, differences);
            }
            if (expectsEvents) {
                JsonNode expected = JSON.readTree(goldenCase.expected().toFile());
                List<ExpectedRejection> rejections = expectedRejections(goldenCase, differences);
                if (!expected.isArray()) {
                    differences.add(label + ": " + GoldenCase.EXPECTED + " must be a JSON array of events");
                } else if (rejections != null) {
                    checkEvents(label, documents, expected, rejections, differences);
                }
            } else if ("parse".equals(expectedError.stage())) {
                differences.add(label + ": the input was read cleanly but a parse error was expected, containing \""
                        + expectedError.contains() + "\"");
            } else if ((input != null && input.isArray()) || documents.size() != 1) {
                differences.add(label + ": an " + GoldenCase.EXPECTED_ERROR + " case takes one message, not a batch"
                        + (split.isPresent() ? " (its input holds " + documents.size() + " items at " + split.get().pointer() + ")" : "")
                        + "; put the failing message in a case of its own, or list it in " + GoldenCase.EXPECTED_REJECTED);
            } else {
                checkError(label, documents.get(0), expectedError, differences);
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
            parseRefused(label, "the " + format + " reader refused the input", e, expectedError, differences);
            return differences;
        }
        if (expectsEvents) {
            List<ExpectedRejection> rejections = expectedRejections(goldenCase, differences);
            if (rejections != null) {
                checkEvents(label, documents, JSON.readTree(goldenCase.expected().toFile()), rejections, differences);
            }
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

    /** An input its reader (or its rest channel's split) refused: a pass only when a parse error containing the text was expected. */
    private static void parseRefused(String label, String refused, UnreadableDocumentException e, ExpectedError expectedError,
                                     List<String> differences) {
        if (expectedError == null || !"parse".equals(expectedError.stage())) {
            differences.add(label + ": " + refused + ": " + e.getMessage());
        } else if (!contains(e.getMessage(), expectedError.contains())) {
            differences.add(label + ": expected a parse error containing \"" + expectedError.contains() + "\", got: " + e.getMessage());
        }
    }

    /**
     * The items a case expects refused ({@code expected-rejected.json}), none when the file is absent,
     * or null (and a difference) when it is malformed.
     */
    private static List<ExpectedRejection> expectedRejections(GoldenCase goldenCase, List<String> differences) throws IOException {
        if (!Files.isRegularFile(goldenCase.expectedRejected())) {
            return List.of();
        }
        JsonNode listed = JSON.readTree(goldenCase.expectedRejected().toFile());
        String form = ": " + GoldenCase.EXPECTED_REJECTED + " must be a JSON array of {\"item\": N, \"stage\", \"field\", \"contains\"}";
        if (listed == null || !listed.isArray()) {
            differences.add(goldenCase.label() + form);
            return null;
        }
        List<ExpectedRejection> rejections = new ArrayList<>();
        for (JsonNode element : listed) {
            ExpectedRejection rejection = JSON.treeToValue(element, ExpectedRejection.class);
            if (rejection.item() == null || rejection.stage() == null) {
                differences.add(goldenCase.label() + form + "; got " + element);
                return null;
            }
            rejections.add(rejection);
        }
        return rejections;
    }

    /**
     * The documents of a case's input: one message, or, for a JSON array, one per element, as a
     * batch push hands each item to mapping on its own; with {@code items}, one per item of each
     * document, as the partner's rest channel splits them.
     */
    private static List<RawDocument> documents(String partner, String channel, JsonNode input, byte[] raw, DocumentItems items)
            throws IOException {
        if (items == null && (input == null || !input.isArray())) {
            return List.of(document(partner, channel, input, raw));
        }
        List<JsonNode> elements = new ArrayList<>();
        if (items != null) {
            elements.addAll(items.items(input));
        } else {
            input.forEach(elements::add);
        }
        List<RawDocument> documents = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            RawDocument whole = document(partner, channel, elements.get(i), JSON.writeValueAsBytes(elements.get(i)));
            documents.add(new RawDocument(whole.body(), whole.raw(), whole.provenance().item(i)));
        }
        return documents;
    }

    /** Why the hub would refuse this item, or null when its events map and validate. */
    private Refusal refusal(RawDocument document, List<ObjectNode> events) {
        try {
            events.addAll(MappingEngine.applyAll(catalog.selectAll(document), document, FIXED_TIME));
        } catch (MappingException e) {
            return new Refusal(e, List.of());
        }
        List<Violation> violations = new ArrayList<>();
        events.forEach(event -> violations.addAll(validator.validate(event)));
        return violations.isEmpty() ? null : new Refusal(null, violations);
    }

    /**
     * Every item mapped and validated on its own, as the hub does: the events of those accepted are
     * compared with {@code expected}, and those refused with {@code rejections}.
     */
    private void checkEvents(String label, List<RawDocument> documents, JsonNode expected, List<ExpectedRejection> rejections,
                             List<String> differences) {
        List<List<ObjectNode>> perItem = new ArrayList<>();
        java.util.Map<Integer, Refusal> refused = new java.util.TreeMap<>();
        for (int item = 0; item < documents.size(); item++) {
            List<ObjectNode> events = new ArrayList<>();
            Refusal refusal = refusal(documents.get(item), events);
            if (refusal != null) {
                refused.put(item, refusal);
                events.clear();
            }
            perItem.add(events);
        }
        checkRejections(label, documents.size(), refused, rejections, differences);
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

    /** Every item refused must be listed in {@code rejections}, with its error, and every item listed must be refused. */
    private static void checkRejections(String label, int items, java.util.Map<Integer, Refusal> refused,
                                        List<ExpectedRejection> rejections, List<String> differences) {
        java.util.Map<Integer, ExpectedRejection> listed = new java.util.TreeMap<>();
        for (ExpectedRejection rejection : rejections) {
            if (rejection.item() < 0 || rejection.item() >= items) {
                differences.add(label + ": " + GoldenCase.EXPECTED_REJECTED + " lists item [" + rejection.item() + "], but the input has "
                        + items + " item(s)");
            } else if (listed.put(rejection.item(), rejection) != null) {
                differences.add(label + ": " + GoldenCase.EXPECTED_REJECTED + " lists item [" + rejection.item() + "] twice");
            }
        }
        for (int item = 0; item < items; item++) {
            String prefix = label + (items > 1 ? " item [" + item + "]" : "");
            Refusal refusal = refused.get(item);
            ExpectedRejection expected = listed.get(item);
            if (expected == null && refusal != null) {
                differences.add(prefix + ": refused: " + refusal.describe());
            } else if (expected != null) {
                String unmet = unmet(expected.error(), refusal);
                if (unmet != null) {
                    differences.add(prefix + ": " + unmet);
                }
            }
        }
    }

    private void checkError(String label, RawDocument document, ExpectedError expected, List<String> differences) {
        if (!"map".equals(expected.stage()) && !"validate".equals(expected.stage())) {
            differences.add(label + ": " + GoldenCase.EXPECTED_ERROR + " stage must be \"map\" or \"validate\""
                    + " (or \"parse\" for an input an adapter reads or a rest channel splits), was " + expected.stage());
            return;
        }
        String unmet = unmet(expected, refusal(document, new ArrayList<>()));
        if (unmet != null) {
            differences.add(label + ": " + unmet);
        }
    }

    /** How a refusal (null: the item mapped and validated cleanly) falls short of the error expected, or null when it meets it. */
    private static String unmet(ExpectedError expected, Refusal refusal) {
        String wanted = "a " + expected.stage() + " error on " + expected.field() + " containing \"" + expected.contains() + "\"";
        if (refusal == null) {
            return "mapped cleanly but an error was expected: " + wanted;
        }
        MappingException e = refusal.mapError();
        if (e != null) {
            if (!"map".equals(expected.stage())) {
                return "expected " + wanted + ", but mapping failed: " + e.getMessage();
            }
            if (!Objects.equals(expected.field(), e.field()) || !contains(e.getMessage(), expected.contains())) {
                return "expected " + wanted + ", got map error on " + e.field() + ": " + e.getMessage();
            }
            return null;
        }
        List<Violation> violations = refusal.violations();
        if (!"validate".equals(expected.stage())) {
            return "expected " + wanted + ", but mapping succeeded and validation failed: " + violations;
        }
        boolean met = violations.stream().anyMatch(v -> v.path().equals(expected.field()) && contains(v.message(), expected.contains()));
        return met ? null : "expected " + wanted + ", got validation errors: " + violations;
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
