package io.waybill.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.schema.SchemaValidator;
import io.waybill.schema.SchemaValidator.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./waybill mapping ...}: tools for writing a partner's mapping, no hub or broker needed. */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Tools for writing a partner's mapping; no hub or broker needed.",
        subcommands = MappingCommand.Test.class)
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
                    "An input array is a batch: each element is mapped as its own document."},
            footer = {"", "Exit codes: 0 every event mapped and valid, 1 the mapping, the input or an event is at fault "
                    + "(named on stderr).",
                    "Example: ./waybill mapping test mappings/acme-freight/status.mapping.yaml sample.json | jq .data"})
    public static final class Test implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MAPPING_FILE", description = "The mapping file, e.g. mappings/acme-freight/status.mapping.yaml.")
        private Path mappingFile;

        @Parameters(index = "1", paramLabel = "INPUT_FILE", description = "A message as the partner sends it (JSON object, or an array of them).")
        private Path inputFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> errors = new ArrayList<>();
            List<ObjectNode> events = new ArrayList<>();
            try {
                Mapping mapping = MappingLoader.load(mappingFile);
                JsonNode input = JSON.readTree(Files.readAllBytes(inputFile));
                List<JsonNode> items = new ArrayList<>();
                if (input != null && input.isArray()) {
                    input.forEach(items::add);
                } else {
                    items.add(input);
                }
                Provenance provenance = new Provenance(mapping.partner(), "rest", "json", Instant.now(), null, 0, null);
                for (int i = 0; i < items.size(); i++) {
                    String where = input != null && input.isArray() ? "item [" + i + "]: " : "";
                    mapOne(mapping, items.get(i), provenance.item(i), where, events, errors);
                }
            } catch (MappingException e) {
                errors.add(e.getMessage());
            } catch (JsonProcessingException e) {
                errors.add(inputFile + ": not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                errors.add(inputFile + ": cannot read: " + e.getMessage());
            }
            if (!errors.isEmpty()) {
                errors.forEach(line -> err.println("waybill mapping test: " + line));
                err.flush();
                return 1;
            }
            events.forEach(event -> out.println(event.toString()));
            out.flush();
            return 0;
        }

        private static void mapOne(Mapping mapping, JsonNode body, Provenance provenance, String where,
                                   List<ObjectNode> events, List<String> errors) throws JsonProcessingException {
            if (body == null || !body.isObject()) {
                errors.add(where + "the input must be a JSON object (or an array of objects)");
                return;
            }
            RawDocument document = new RawDocument(body, JSON.writeValueAsBytes(body), provenance);
            String refusal = mapping.refusal(document);
            if (refusal != null) {
                errors.add(where + "mapping " + mapping.id() + ": accepts: the mapping does not accept this input: " + refusal);
                return;
            }
            try {
                for (ObjectNode event : MappingEngine.apply(mapping, document, Instant.now())) {
                    for (Violation violation : SchemaValidator.load().validate(event)) {
                        errors.add(where + "mapping " + mapping.id() + ": " + violation.path() + ": " + violation.message());
                    }
                    events.add(event);
                }
            } catch (MappingException e) {
                errors.add(where + e.getMessage());
            }
        }
    }
}
