package io.waybill.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.golden.GoldenCase;
import io.waybill.schema.SchemaRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the first files of a new mapping from a sample message: the partner declaration (when
 * the partner is new), a mapping file, a transform that lists every path of the sample as a
 * comment above a skeleton of the canonical type's fields, and a first golden case holding the
 * sample. Never overwrites a file: an existing one is an error naming it.
 */
final class MappingScaffold {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KIND_FORM = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** Field names that usually hold a message's own identity, most specific first. */
    private static final List<String> IDENTITY_NAMES = List.of("msg_id", "message_id", "messageid", "messageId", "event_id",
            "eventId", "eventid", "uuid", "id");
    /** Field names that usually hold the event's time. */
    private static final Set<String> TIME_NAMES = Set.of("ts", "timestamp", "time", "event_time", "eventtime", "eventTime",
            "event_date_time", "eventDateTime", "occurred_at", "date_time", "datetime");

    /** What was written, for the command to print. */
    record Written(List<Path> files, Path mappingFile, Path goldenCase) {
    }

    private final Path mappingsDir;
    private final Path goldenCasesDir;

    MappingScaffold(Path mappingsDir, Path goldenCasesDir) {
        this.mappingsDir = mappingsDir;
        this.goldenCasesDir = goldenCasesDir;
    }

    Written write(String partner, String kind, SchemaRef produces, Path sampleFile) throws IOException {
        if (!PartnerDeclaration.ID_FORM.matcher(partner).matches()) {
            throw new IllegalArgumentException("partner '" + partner + "' must be lower-case letters, digits and dashes, starting with a letter");
        }
        if (!KIND_FORM.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind '" + kind + "' must be lower-case letters, digits and dashes, starting with a letter (e.g. status, eta)");
        }
        byte[] sampleBytes = Files.readAllBytes(sampleFile);
        JsonNode sample;
        try {
            sample = JSON.readTree(sampleBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(sampleFile + ": not JSON (the scaffold reads JSON samples): " + e.getMessage());
        }
        JsonNode message = sample != null && sample.isArray() && !sample.isEmpty() ? sample.get(0) : sample;
        if (message == null || !message.isObject()) {
            throw new IllegalArgumentException(sampleFile + ": the sample must be a JSON object (or an array of them)");
        }

        Path folder = mappingsDir.resolve(partner);
        Path declaration = folder.resolve(PartnerRegistry.DECLARATION_FILE);
        Path mappingFile = folder.resolve(kind + MappingLoader.MAPPING_SUFFIX);
        Path transform = folder.resolve(kind + ".jslt");
        Path caseDir = goldenCasesDir.resolve(partner).resolve(kind + "-first");
        Path input = caseDir.resolve(GoldenCase.INPUT);
        for (Path existing : List.of(mappingFile, transform, input)) {
            if (Files.exists(existing)) {
                throw new IllegalArgumentException(existing + " already exists; the scaffold never overwrites (pick another KIND, or edit it)");
            }
        }

        Map<String, JsonNode> paths = new LinkedHashMap<>();
        leaves("", message, paths);
        List<Path> written = new ArrayList<>();
        Files.createDirectories(folder);
        if (!Files.exists(declaration)) {
            Files.writeString(declaration, declaration(partner), StandardCharsets.UTF_8);
            written.add(declaration);
        }
        Files.writeString(mappingFile, mapping(partner, kind, produces, message, paths), StandardCharsets.UTF_8);
        written.add(mappingFile);
        Files.writeString(transform, transform(partner, produces, paths), StandardCharsets.UTF_8);
        written.add(transform);
        Files.createDirectories(caseDir);
        Files.write(input, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(message));
        written.add(input);
        return new Written(written, mappingFile, caseDir);
    }

    private static String declaration(String partner) {
        return """
                # %1$s: written by ./waybill mapping new; fill in name and owner.
                # Push secret: environment variable %2$s (or a file of that name in the secrets folder).
                id: %1$s
                name: %1$s
                owner: change-me@%1$s.example
                channels:
                  rest:
                    formats: [json]
                """.formatted(partner, PartnerDeclaration.secretEnvName(partner));
    }

    private static String mapping(String partner, String kind, SchemaRef produces, JsonNode message, Map<String, JsonNode> paths) {
        String identity = IDENTITY_NAMES.stream().filter(message::has).findFirst().map(name -> "." + name)
                .orElse(paths.keySet().stream().findFirst().orElse(".id"));
        return """
                # %1$s.%2$s: written by ./waybill mapping new from a sample. Check every line, then raise
                # 'version' with every change you make once it is live.
                id: %1$s.%2$s
                version: 1
                description: %1$s %2$s messages to %3$s
                accepts:
                  channel: rest
                  format: json
                  # Needed once the partner has a second mapping: a JSLT predicate true only for this kind.
                  # when: '.type == "%2$s"'
                produces: %3$s
                # The partner's own id of the message (JSLT): the event id is derived from it, so a resend
                # maps to the same event. Guessed from the sample; use fields that together identify it.
                identity: %4$s
                transform: %2$s.jslt
                # Code tables (CSV, header 'code,value'), used as code-lookup("name", .code):
                # tables:
                #   status: %2$s-codes.csv
                """.formatted(partner, kind, produces, identity);
    }

    private String transform(String partner, SchemaRef produces, Map<String, JsonNode> paths) {
        StringBuilder text = new StringBuilder();
        text.append("// ").append(partner).append(" message -> ").append(produces).append(" data.\n");
        text.append("// Paths in the sample (value as sent):\n");
        paths.forEach((path, value) -> text.append("//   ").append(path).append("  ").append(shorten(value.toString())).append('\n'));
        text.append("//\n// Functions: utc-instant, utc-offset, code-lookup, unlocode, iso6346, lat-lon, celsius ... (see the README).\n");
        text.append("// Fields of ").append(produces).append(" (required ones first); a null value leaves the field out.\n{\n");
        JsonNode schema = schema(produces);
        JsonNode properties = schema.path("properties");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> fields = new ArrayList<>(required);
        properties.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                fields.add(name);
            }
        });
        String timePath = paths.keySet().stream()
                .filter(p -> TIME_NAMES.contains(p.substring(p.lastIndexOf('.') + 1))).findFirst().orElse(null);
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            String value = guess(field, timePath);
            String description = properties.path(field).path("description").asText("");
            text.append("  // ").append(required.contains(field) ? "required. " : "").append(firstSentence(description)).append('\n');
            text.append("  \"").append(field).append("\": ").append(value).append(i < fields.size() - 1 ? "," : "").append('\n');
        }
        return text.append("}\n").toString();
    }

    private static String guess(String field, String timePath) {
        if (timePath != null && field.equals("eventTime")) {
            return "utc-instant(" + timePath + ")";
        }
        if (timePath != null && field.equals("eventTimeOffset")) {
            return "utc-offset(" + timePath + ")";
        }
        return "null";
    }

    private static JsonNode schema(SchemaRef produces) {
        try (InputStream in = SchemaRef.class.getClassLoader().getResourceAsStream(produces.schemaResource())) {
            if (in == null) {
                throw new IllegalArgumentException("no canonical schema for " + produces);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every leaf of the sample as a JSLT path; arrays are shown by their first element ({@code .stops[0].code}). */
    private static void leaves(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String step = name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : ".\"" + name.replace("\"", "\\\"") + "\"";
                leaves(prefix + step, field.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            leaves(prefix + "[0]", node.get(0), out);
        } else {
            out.put(prefix.isEmpty() ? "." : prefix, node);
        }
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String firstSentence(String description) {
        int end = description.indexOf(". ");
        String sentence = end < 0 ? description : description.substring(0, end + 1);
        return sentence.length() > 110 ? sentence.substring(0, 107) + "..." : sentence;
    }

    static SchemaRef produces(String text) {
        try {
            return SchemaRef.parse(text.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--produces '" + text + "': " + e.getMessage());
        }
    }
}
