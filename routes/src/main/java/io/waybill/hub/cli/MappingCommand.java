package io.waybill.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.DocumentItems;
import io.waybill.adapter.support.DocumentReader;
import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.InvalidDeclarationException;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.adapter.support.UnreadableDocumentException;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.ReadSmoother;
import io.waybill.mapping.golden.GoldenCase;
import io.waybill.mapping.golden.GoldenCaseRunner;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;
import io.waybill.schema.SchemaValidator.Violation;
import picocli.CommandLine.Command;
import io.waybill.hub.config.HubSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./waybill mapping ...}: tools for writing a partner's mapping, no hub or broker needed. */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Tools for writing a partner's mapping; no hub or broker needed.",
        subcommands = {MappingCommand.Test.class, MappingCommand.New.class})
public final class MappingCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ./waybill mapping test MAPPING_FILE INPUT_FILE}: the canonical events one mapping makes
     * of a sample, validated against the canonical schema, as the hub would make them from a REST push.
     */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Map a sample message with one mapping file and validate the result, as the hub would for a "
                    + "REST push. Prints each canonical event as one JSON line on stdout.",
                    "An input array is a batch: each element is mapped as its own document. When the partner.yaml beside "
                            + "the mapping declares channels.rest.items, a document is split into its items as a push is, "
                            + "and each item is mapped on its own: the events of the clean ones are printed, the errors of "
                            + "the others named on stderr (exit code 1).",
                    "An input file named after "
                            + "a format an adapter reads (sample.x12, sample.edifact) is read by that adapter first, "
                            + "and each of its documents is mapped."},
            footer = {"", "Exit codes: 0 every event mapped and valid, 1 the mapping, the input or an event is at fault "
                    + "(named on stderr).",
                    "Example: ./waybill mapping test mappings/acme-freight/status.mapping.yaml sample.json | jq .data"})
    public static final class Test implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MAPPING_FILE", description = "The mapping file, e.g. mappings/acme-freight/status.mapping.yaml.")
        private Path mappingFile;

        @Parameters(index = "1", paramLabel = "INPUT_FILE",
                description = "A message as the partner sends it (JSON object, or an array of them; or a file in a format an adapter reads).")
        private Path inputFile;

        @Option(names = "--channel", paramLabel = "CHANNEL", defaultValue = "rest",
                description = "The channel the message arrives on, as a mapping's accepts.channel names it: rest (the default), mqtt...")
        private String channel;

        @Option(names = "--expected", description = "Print the events as one indented JSON array without the attributes golden "
                + "cases do not compare (ingest time, raw ref, trace, mapping version): the form of a golden case's expected.json.")
        private boolean expectedForm;

        @Option(names = "--received-at", paramLabel = "INSTANT", description = "When the hub is taken to have received the "
                + "input ($received_at), e.g. 2026-01-01T00:00:00Z. Default: now; with --expected, the time golden cases "
                + "are mapped at (" + "2026-01-01T00:00:00Z" + "), so a mapping that checks times against $received_at "
                + "gives what its golden case will.")
        private Instant receivedAt;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> errors = new ArrayList<>();
            List<List<ObjectNode>> events = new ArrayList<>();
            Instant received = receivedAt != null ? receivedAt : expectedForm ? GoldenCaseRunner.FIXED_TIME : Instant.now();
            try {
                Mapping mapping = MappingLoader.load(mappingFile);
                byte[] bytes = Files.readAllBytes(inputFile);
                Optional<DocumentReader> reader = DocumentReaders.forFormat(extension(inputFile));
                if (reader.isPresent()) {
                    Provenance provenance = new Provenance(mapping.partner(), channel, extension(inputFile), received, null, 0, null);
                    List<RawDocument> documents = reader.get().read(bytes, provenance);
                    for (int i = 0; i < documents.size(); i++) {
                        mapOne(mapping, documents.get(i), documents.size() > 1 ? "document [" + i + "]: " : "", events, errors);
                    }
                    return report(out, err, errors, smoothed(mapping, events));
                }
                JsonNode input = JSON.readTree(bytes);
                Optional<DocumentItems> split = channel.equals("rest") ? restItems(mapping) : Optional.empty();
                List<JsonNode> items = new ArrayList<>();
                if (split.isPresent() && input != null) {
                    items.addAll(split.get().items(input));
                } else if (input != null && input.isArray()) {
                    input.forEach(items::add);
                } else {
                    items.add(input);
                }
                Provenance provenance = new Provenance(mapping.partner(), channel, "json", received, null, 0, null);
                for (int i = 0; i < items.size(); i++) {
                    String where = items.size() > 1 || (input != null && input.isArray()) ? "item [" + i + "]: " : "";
                    JsonNode body = items.get(i);
                    if (body == null || !body.isObject()) {
                        errors.add(where + (split.isPresent() && body != null
                                ? "the item is a JSON " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                        + ", not an object; every item must be a JSON object"
                                : "the input must be a JSON object (or an array of objects)"));
                        continue;
                    }
                    mapOne(mapping, new RawDocument(body, JSON.writeValueAsBytes(body), provenance.item(i)), where, events, errors);
                }
                return report(out, err, errors, smoothed(mapping, events));
            } catch (MappingException e) {
                errors.add(e.getMessage());
            } catch (UnreadableDocumentException e) {
                errors.add(inputFile + ": cannot be read as " + extension(inputFile) + ": " + e.getMessage());
            } catch (InvalidDeclarationException e) {
                errors.add(e.getMessage());
            } catch (JsonProcessingException e) {
                errors.add(inputFile + ": not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                errors.add(inputFile + ": cannot read: " + e.getMessage());
            }
            return report(out, err, errors, List.of());
        }

        /**
         * How the partner's rest channel splits a pushed document into items ({@code channels.rest.items} of the
         * {@code partner.yaml} beside the mapping), if it does: the sample is then mapped item by item, as a push is.
         */
        private Optional<DocumentItems> restItems(Mapping mapping) {
            Path declaration = mappingFile.toAbsolutePath().resolveSibling(PartnerRegistry.DECLARATION_FILE);
            if (!Files.isRegularFile(declaration)) {
                return Optional.empty();
            }
            return Optional.ofNullable(PartnerRegistry.read(declaration).channels()).map(PartnerDeclaration.Channels::rest)
                    .flatMap(PartnerDeclaration.Rest::documentItems);
        }

        /** The events as the hub publishes a batch's: smoothed, if the mapping declares it, and each id once. */
        private static List<ObjectNode> smoothed(Mapping mapping, List<List<ObjectNode>> perItem) {
            List<ObjectNode> events = new ArrayList<>();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (List<ObjectNode> item : ReadSmoother.smoothBatch(new MappingCatalog(List.of(mapping)), perItem)) {
                item.stream().filter(event -> ids.add(event.path(Envelope.ID).asText())).forEach(events::add);
            }
            return events;
        }

        /** The file name's extension, which names the input's format ({@code sample.x12}). */
        private static String extension(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        }

        /** The events of the items that mapped cleanly on stdout; the errors of the others on stderr, and then exit code 1. */
        private int report(PrintWriter out, PrintWriter err, List<String> errors, List<ObjectNode> events) {
            if (!errors.isEmpty()) {
                errors.forEach(line -> err.println("waybill mapping test: " + line));
                err.flush();
            }
            if (events.isEmpty() && !errors.isEmpty()) {
                return 1;
            }
            if (expectedForm) {
                ArrayNode array = JSON.createArrayNode();
                events.forEach(event -> array.add(event.deepCopy().without(GoldenCaseRunner.NOT_COMPARED)));
                try {
                    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                events.forEach(event -> out.println(event.toString()));
            }
            out.flush();
            return errors.isEmpty() ? 0 : 1;
        }

        private static void mapOne(Mapping mapping, RawDocument document, String where, List<List<ObjectNode>> perItem,
                                   List<String> errors) {
            List<ObjectNode> events = new ArrayList<>();
            perItem.add(events);
            String refusal = mapping.refusal(document);
            if (refusal != null) {
                errors.add(where + "mapping " + mapping.id() + ": accepts: the mapping does not accept this input: " + refusal);
                return;
            }
            try {
                boolean valid = true;
                for (ObjectNode event : MappingEngine.apply(mapping, document, Instant.now())) {
                    for (Violation violation : SchemaValidator.load().validate(event)) {
                        errors.add(where + "mapping " + mapping.id() + ": " + violation.path() + ": " + violation.message());
                        valid = false;
                    }
                    events.add(event);
                }
                if (!valid) {
                    events.clear(); // the hub refuses the item whole
                }
            } catch (MappingException e) {
                errors.add(where + e.getMessage());
            }
        }
    }

    /**
     * {@code ./waybill mapping new PARTNER KIND --from SAMPLE}: the first files of a new mapping,
     * ready for the engineer to complete.
     */
    @Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Start a mapping from a sample message: writes the partner declaration (if the partner is new), "
                    + "KIND.mapping.yaml, KIND.jslt listing every path of the sample above a skeleton of the canonical "
                    + "type's fields, and a first golden case holding the sample. Never overwrites a file."},
            footer = {"", "Exit codes: 0 files written, 1 a file exists, the sample is unreadable or an argument is wrong.",
                    "Example: ./waybill mapping new northwind-haulage status --from sample.json"})
    public static final class New implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PARTNER", description = "Partner id: lower-case letters, digits and dashes.")
        private String partner;

        @Parameters(index = "1", paramLabel = "KIND", description = "Message kind, e.g. status or eta; names the files.")
        private String kind;

        @Option(names = "--from", required = true, paramLabel = "SAMPLE", description = "A message as the partner sends it (JSON).")
        private Path sample;

        @Option(names = "--produces", paramLabel = "TYPE/vN", defaultValue = "shipment-status/v1",
                description = "Canonical type and major version the mapping produces. Default: ${DEFAULT-VALUE}.")
        private String produces;

        @Option(names = "--mappings", paramLabel = "DIR", description = "Folder of partner mappings. Default: the waybill.mappings-dir setting.")
        private Path mappingsDir;

        @Option(names = "--cases", paramLabel = "DIR", description = "Folder of golden cases. Default: the waybill.golden-cases-dir setting.")
        private Path casesDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HubSettings settings = HubSettings.fromProcess();
            Path mappings = mappingsDir != null ? mappingsDir : settings.path(HubSettings.MAPPINGS_DIR);
            Path cases = casesDir != null ? casesDir : settings.goldenCasesDir(mappingsDir);
            MappingScaffold.Written written;
            try {
                written = new MappingScaffold(mappings, cases).write(partner, kind, MappingScaffold.produces(produces), sample);
            } catch (IllegalArgumentException e) {
                err.println("waybill mapping new: " + e.getMessage());
                err.flush();
                return 1;
            } catch (IOException e) {
                err.println("waybill mapping new: " + e.getMessage());
                err.flush();
                return 1;
            }
            written.files().forEach(file -> out.println("wrote " + file));
            Path transform = written.mappingFile().resolveSibling(kind + ".jslt");
            out.println();
            out.println("Next:");
            out.println("  1. Fill in " + transform + " (the sample's paths are listed at its top)"
                    + " and check identity/accepts in " + written.mappingFile() + ".");
            out.println("  2. ./waybill mapping test " + written.mappingFile() + " " + written.goldenCase().resolve(GoldenCase.INPUT)
                    + "   until the events are right.");
            out.println("  3. Save them as the case's expected events:");
            out.println("     ./waybill mapping test " + written.mappingFile() + " " + written.goldenCase().resolve(GoldenCase.INPUT)
                    + " --expected > " + written.goldenCase().resolve(GoldenCase.EXPECTED));
            out.println("  4. Add cases for the partner's edge cases, then ./waybill contract-test " + partner
                    + " (a running hub takes the mapping live once they pass).");
            out.flush();
            return 0;
        }
    }
}
