package io.waybill.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.adapter.support.YamlLines;
import io.waybill.schema.SchemaRef;
import io.waybill.schema.SchemaValidator;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads mapping files and compiles them. Every problem is one error naming the mapping file and
 * line (or, for a transform that does not compile, the .jslt file and line) and the key at
 * fault; nothing half-loaded is ever returned. The format is described in
 * {@code docs/mapping-format.md}.
 */
public final class MappingLoader {

    /** Mapping files end with this suffix; other files in a partner folder are transforms, tables or the declaration. */
    public static final String MAPPING_SUFFIX = ".mapping.yaml";

    /** The part of a mapping id after {@code <partner>.}. */
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");

    private MappingLoader() {
    }

    /** Loads every mapping of every partner folder under {@code mappingsDir}. */
    public static MappingCatalog loadAll(Path mappingsDir) {
        if (!Files.isDirectory(mappingsDir)) {
            throw new MappingException(null, null, mappingsDir + ": mappings directory does not exist");
        }
        List<Mapping> mappings = new ArrayList<>();
        try (Stream<Path> folders = Files.list(mappingsDir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                mappings.addAll(loadPartner(folder));
            }
        } catch (IOException e) {
            throw new MappingException(null, null, mappingsDir + ": cannot list partner folders: " + e.getMessage(), e);
        }
        return new MappingCatalog(mappings);
    }

    /** Loads the mappings in one partner folder; the folder name is the partner id. */
    public static List<Mapping> loadPartner(Path partnerDir) {
        try (Stream<Path> files = Files.list(partnerDir)) {
            List<Mapping> mappings = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".mapping.yml")) {
                    // Otherwise skipped without a word, and the partner's messages find no mapping.
                    throw new MappingException(null, null, file + ": mapping files end with " + MAPPING_SUFFIX
                            + "; rename it to " + name.substring(0, name.length() - ".mapping.yml".length()) + MAPPING_SUFFIX);
                }
                if (name.endsWith(MAPPING_SUFFIX)) {
                    mappings.add(load(file));
                }
            }
            MappingCatalog.requireUniqueIds(mappings);
            return mappings;
        } catch (IOException e) {
            throw new MappingException(null, null, partnerDir + ": cannot list mapping files: " + e.getMessage(), e);
        }
    }

    /** Loads, checks and compiles one mapping file. */
    public static Mapping load(Path path) {
        String partner = path.toAbsolutePath().getParent().getFileName().toString();
        JsonNode tree = readTree(path);
        MappingFile file = new MappingFile(path, tree.path("id").textValue(), tree);
        MappingDefinition definition = bind(file);

        String id = required(file, definition.id(), "'id' is required: '" + partner + ".<kind>', e.g. '"
                + partner + ".status'", "id");
        if (!id.startsWith(partner + ".")) {
            throw file.error("id must start with the partner folder name: '" + partner + ".'", "id");
        }
        if (!KIND.matcher(id.substring(partner.length() + 1)).matches()) {
            throw file.error("id must be '" + partner + ".<kind>', the kind in lower-case letters, digits and dashes"
                    + " starting with a letter, e.g. '" + partner + ".status'; was '" + id + "'", "id");
        }
        if (definition.version() == null) {
            throw file.error("'version' is required: a whole number, 1 or more, raised with every change", "version");
        }
        if (definition.version() < 1) {
            throw file.error("'version' must be 1 or more, was " + definition.version(), "version");
        }
        MappingDefinition.Accepts accepts = definition.accepts();
        if (accepts == null) {
            throw file.error("'accepts' is required: channel, format and/or when ({} accepts every document"
                    + " of the partner)", "accepts");
        }
        notBlankWhenGiven(file, accepts.channel(), "accepts", "channel");
        notBlankWhenGiven(file, accepts.format(), "accepts", "format");
        notBlankWhenGiven(file, accepts.when(), "accepts", "when");
        SchemaRef produces = produces(file, required(file, definition.produces(),
                "'produces' is required: the canonical type and major version, e.g. 'shipment-status/v1'", "produces"));
        required(file, definition.identity(),
                "'identity' is required: a JSLT expression giving the partner's own message id, e.g. '.msg_id'", "identity");
        required(file, definition.transform(), "'transform' is required: the .jslt file next to the mapping", "transform");
        Map<String, CodeTable> tables = tables(file, definition.tables());

        Duration smoothingWindow = smoothing(file, definition.smoothing(), produces);

        Collection<Function> functions = FunctionLibrary.forMapping(id, tables);
        Expression when = accepts.when() == null ? null
                : compileInline(file, accepts.when(), functions, "accepts", "when");
        Expression identity = compileInline(file, definition.identity(), functions, "identity");
        Mapping.Transform transform = compileTransform(file, definition.transform(), functions);
        return new Mapping(definition, path, partner, produces, when, identity, transform, Map.copyOf(tables), smoothingWindow);
    }

    /** Longest smoothing window: reads further apart than this are separate observations anyway. */
    static final Duration MAX_SMOOTHING_WINDOW = Duration.ofHours(1);

    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");

    /** The smoothing window, or null without smoothing; only observations are smoothed. */
    private static Duration smoothing(MappingFile file, MappingDefinition.Smoothing smoothing, SchemaRef produces) {
        if (!file.has("smoothing")) {
            return null;
        }
        if (produces.type() != io.waybill.schema.EventType.OBSERVATION) {
            throw file.error("'smoothing' applies only to a mapping that produces observation events, not " + produces,
                    "smoothing");
        }
        if (smoothing == null || smoothing.window() == null || smoothing.window().isBlank()) {
            throw file.error("'smoothing.window' is required: how long reads of one tag at one read point are"
                    + " aggregated, e.g. '2s' or '500ms'", "smoothing");
        }
        String text = smoothing.window().strip();
        Duration window;
        var match = SHORT_DURATION.matcher(text);
        if (match.matches()) {
            long amount = Long.parseLong(match.group(1));
            window = switch (match.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        } else {
            try {
                window = Duration.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw file.error("'smoothing.window' must be a duration like '2s', '500ms', '1m' or 'PT2S', was '"
                        + text + "'", "smoothing", "window");
            }
        }
        if (window.toMillis() < 1 || window.compareTo(MAX_SMOOTHING_WINDOW) > 0) {
            throw file.error("'smoothing.window' must be from 1 ms to 1 hour, was '" + text + "'", "smoothing", "window");
        }
        return window;
    }

    /** {@code file:line} of a key in a YAML file, or just {@code file} when it has no such key. */
    static String at(Path file, String... key) {
        return YamlLines.at(file, key);
    }

    private static JsonNode readTree(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new MappingException(null, null, path + ": " + (Files.exists(path) ? "is not a file" : "does not exist"));
        }
        JsonNode tree;
        try {
            tree = YamlLines.readTree(path);
        } catch (JsonProcessingException e) {
            throw new MappingException(null, null, YamlLines.syntaxError(path, e), e);
        } catch (IOException e) {
            throw new MappingException(null, null, path + ": cannot read: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new MappingException(null, null, path + ": the mapping file is empty");
        }
        if (!tree.isObject()) {
            throw new MappingException(null, null, path + ": a mapping file is a map of keys ("
                    + YamlLines.keys(MappingDefinition.class) + "), not " + YamlLines.shown(tree));
        }
        return tree;
    }

    private static MappingDefinition bind(MappingFile file) {
        try {
            return YamlLines.bind(file.tree(), MappingDefinition.class);
        } catch (JsonProcessingException e) {
            throw new MappingException(file.id(), YamlLines.keyOf(e),
                    YamlLines.at(file.path(), e) + ": " + YamlLines.describe(file.tree(), e, MappingLoader::expected), e);
        }
    }

    /** What the author must write where a part of the format belongs; null for text and whole numbers. */
    private static String expected(Class<?> type) {
        if (type == MappingDefinition.Accepts.class) {
            return "a map of " + YamlLines.keys(MappingDefinition.Accepts.class);
        }
        if (type == MappingDefinition.Smoothing.class) {
            return "a map of " + YamlLines.keys(MappingDefinition.Smoothing.class);
        }
        if (type == MappingDefinition.Table.class) {
            return "a CSV file name, or a map of file and default";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a map of table names to CSV files";
        }
        return null;
    }

    private static String required(MappingFile file, String value, String message, String key) {
        if (value == null || value.isBlank()) {
            throw file.error(message, key);
        }
        return value;
    }

    /** An optional key written with no value is a slip: it would accept nothing, or mean nothing. */
    private static void notBlankWhenGiven(MappingFile file, String value, String... key) {
        if (file.has(key) && (value == null || value.isBlank())) {
            throw file.error("'" + String.join(".", key) + "' is blank; give a value or leave the key out", key);
        }
    }

    private static SchemaRef produces(MappingFile file, String text) {
        SchemaRef produces;
        try {
            produces = SchemaRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw file.error(e.getMessage(), "produces");
        }
        Set<SchemaRef> known = SchemaValidator.load().knownRefs();
        if (!known.contains(produces)) {
            throw file.error("no canonical schema for '" + produces + "'; known: " + known, "produces");
        }
        return produces;
    }

    private static Map<String, CodeTable> tables(MappingFile file, Map<String, MappingDefinition.Table> declared) {
        Map<String, CodeTable> tables = new LinkedHashMap<>();
        if (declared == null) {
            return tables;
        }
        declared.forEach((name, table) -> {
            boolean longForm = file.node("tables", name).isObject();
            if (!longForm && (table == null || table.file() == null || table.file().isBlank())) {
                throw file.error("'tables." + name + "' names no CSV file; write '" + name + ": codes.csv' or '"
                        + name + ": {file: codes.csv, default: <value>}'", "tables", name);
            }
            if (longForm && (table.file() == null || table.file().isBlank())) {
                throw file.error("'tables." + name + ".file' is required: the CSV file with the codes", "tables", name);
            }
            String defaultValue = table.defaultValue();
            if (file.has("tables", name, "default") && (defaultValue == null || defaultValue.isBlank())) {
                throw file.error("'tables." + name + ".default' is blank; give the value for codes the table does not"
                        + " list, or leave 'default' out to make such a code an error", "tables", name, "default");
            }
            String[] fileKey = longForm ? new String[] {"tables", name, "file"} : new String[] {"tables", name};
            Path csv = file.sibling(table.file(), "code table", fileKey);
            tables.put(name, CodeTable.load(file.id(), name, csv, defaultValue));
        });
        return tables;
    }

    private static Expression compileInline(MappingFile file, String expression, Collection<Function> functions,
                                            String... key) {
        String name = String.join(".", key);
        try {
            // The source name appears in errors the expression raises at run time.
            return parser(expression, file.path() + " (" + name + ")", functions).compile();
        } catch (JsltException e) {
            CompileError error = CompileError.of(e);
            String position = error.line() < 1 ? ""
                    : " (at line " + error.line() + ", column " + error.column() + " of the expression)";
            throw file.error("'" + name + "' does not compile: " + error.text() + position, e, key);
        }
    }

    private static Mapping.Transform compileTransform(MappingFile file, String name, Collection<Function> functions) {
        Path jslt = file.sibling(name, "transform", "transform");
        String source;
        try {
            source = Files.readString(jslt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw file.error("cannot read transform " + jslt + ": " + e.getMessage(), e, "transform");
        }
        if (source.isBlank()) {
            throw new MappingException(file.id(), "transform", jslt + ": the transform is empty");
        }
        try {
            return new Mapping.Transform(parser(source, jslt.toString(), functions).compile(), jslt, source);
        } catch (JsltException e) {
            CompileError error = CompileError.of(e);
            String where = error.line() < 1 ? jslt.toString() : jslt + ":" + error.line() + ":" + error.column();
            throw new MappingException(file.id(), "transform", where + ": does not compile: " + error.text(), e);
        }
    }

    private static Parser parser(String jslt, String source, Collection<Function> functions) {
        return new Parser(new StringReader(jslt)).withSource(source).withFunctions(functions);
    }

    /**
     * The mapping file being loaded, so that every check names it, the line of the key at fault and
     * the key; {@code id} is as written, or null.
     */
    private record MappingFile(Path path, String id, JsonNode tree) {

        MappingException error(String message, String... key) {
            return error(message, null, key);
        }

        MappingException error(String message, Throwable cause, String... key) {
            return new MappingException(id, key.length == 0 ? null : String.join(".", key), at(key) + ": " + message, cause);
        }

        String at(String... key) {
            return MappingLoader.at(path, key);
        }

        JsonNode node(String... key) {
            JsonNode node = tree;
            for (String step : key) {
                node = node.path(step);
            }
            return node;
        }

        boolean has(String... key) {
            return !node(key).isMissingNode();
        }

        /** A file named next to the mapping (by the value at {@code key}), which must exist. */
        Path sibling(String name, String what, String... key) {
            Path sibling = path.resolveSibling(name);
            if (!Files.isRegularFile(sibling)) {
                throw error(what + " file '" + name + "' " + (Files.exists(sibling) ? "is not a file" : "does not exist")
                        + " (looked for " + sibling + ")", key);
            }
            return sibling;
        }
    }

    /**
     * A JSLT compile error on one line. A parse error's text holds the position of the token at
     * fault (JSLT's own location is of the token before it) and a column of expected tokens.
     */
    private record CompileError(int line, int column, String text) {

        private static final Pattern POSITION = Pattern.compile(" at line (\\d+), column (\\d+)\\.");
        private static final String EXPECTING = "Was expecting one of:";

        static CompileError of(JsltException e) {
            String text = e.getMessageWithoutLocation();
            int line = e.getLine();
            int column = e.getColumn();
            Matcher position = POSITION.matcher(text);
            if (position.find()) {
                line = Integer.parseInt(position.group(1));
                column = Integer.parseInt(position.group(2));
                text = text.substring(0, position.start()) + text.substring(position.end());
            }
            int expecting = text.indexOf(EXPECTING);
            if (expecting >= 0) {
                String expected = Arrays.stream(text.substring(expecting + EXPECTING.length()).split("\\R"))
                        .map(String::strip)
                        .filter(token -> !token.isEmpty())
                        .map(token -> token.endsWith(" ...") ? token.substring(0, token.length() - 4) : token)
                        .collect(Collectors.joining(", "));
                text = text.substring(0, expecting).strip() + "; expected one of: " + expected;
            }
            return new CompileError(line, column, text.replaceAll("\\s+", " ").strip());
        }
    }
}
