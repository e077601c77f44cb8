package io.waybill.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.waybill.adapter.support.YamlLines;
import io.waybill.schema.SchemaRef;
import io.waybill.schema.SchemaValidator;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads mapping files and compiles them. Every problem is reported with the file (and line,
 * when the YAML parser knows it) and the key at fault; nothing half-loaded is ever returned.
 */
public final class MappingLoader {

    /** Mapping files end with this suffix; other files in a partner folder are transforms, tables or the declaration. */
    public static final String MAPPING_SUFFIX = ".mapping.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MappingLoader() {
    }

    /** Loads every mapping of every partner folder under {@code mappingsDir}. */
    public static MappingCatalog loadAll(Path mappingsDir) {
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
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(MAPPING_SUFFIX)).sorted().toList()) {
                mappings.add(load(file));
            }
            return mappings;
        } catch (IOException e) {
            throw new MappingException(null, null, partnerDir + ": cannot list mapping files: " + e.getMessage(), e);
        }
    }

    /** Loads and compiles one mapping file. */
    public static Mapping load(Path file) {
        String partner = file.toAbsolutePath().getParent().getFileName().toString();
        MappingDefinition definition = read(file);
        String id = definition.id();
        require(file, id, "id", id);
        if (!id.startsWith(partner + ".")) {
            throw new MappingException(id, "id", file + ": id must start with the partner folder name: '" + partner + ".'");
        }
        if (definition.version() == null || definition.version() < 1) {
            throw new MappingException(id, "version", file + ": 'version' is required and must be 1 or more");
        }
        if (definition.accepts() == null) {
            throw new MappingException(id, "accepts", file + ": 'accepts' is required (channel, format, when)");
        }
        require(file, id, "produces", definition.produces());
        require(file, id, "identity", definition.identity());
        require(file, id, "transform", definition.transform());
        SchemaRef produces;
        try {
            produces = SchemaRef.parse(definition.produces());
        } catch (IllegalArgumentException e) {
            throw new MappingException(id, "produces", file + ": " + e.getMessage());
        }
        Set<SchemaRef> known = SchemaValidator.load().knownRefs();
        if (!known.contains(produces)) {
            throw new MappingException(id, "produces", file + ": no canonical schema for '" + produces + "'; known: " + known);
        }
        Map<String, CodeTable> tables = new LinkedHashMap<>();
        if (definition.tables() != null) {
            definition.tables().forEach((name, csv) ->
                    tables.put(name, CodeTable.load(id, name, file.resolveSibling(csv))));
        }
        Collection<Function> functions = FunctionLibrary.forMapping(id, tables);
        // An inline expression's parse position is within the expression, not the file: say which key it is in.
        Expression when = definition.accepts().when() == null ? null
                : compile(id, "accepts.when", file + " (accepts.when)", definition.accepts().when(), functions);
        Expression identity = compile(id, "identity", file + " (identity)", definition.identity(), functions);
        Path transformFile = file.resolveSibling(definition.transform());
        String transformSource;
        try {
            transformSource = Files.readString(transformFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(id, "transform", file + ": cannot read transform " + transformFile + ": " + e.getMessage(), e);
        }
        Expression transform = compile(id, "transform", transformFile.toString(), transformSource, functions);
        return new Mapping(definition, file, partner, produces, when, identity, transform, Map.copyOf(tables));
    }

    private static MappingDefinition read(Path file) {
        try {
            MappingDefinition definition = YAML.readValue(file.toFile(), MappingDefinition.class);
            if (definition == null) {
                throw new MappingException(null, null, file + ": the mapping file is empty");
            }
            return definition;
        } catch (JsonProcessingException e) {
            throw new MappingException(null, null, YamlLines.at(file, e) + ": " + YamlLines.describe(e), e);
        } catch (IOException e) {
            throw new MappingException(null, null, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void require(Path file, String id, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new MappingException(id, key, file + ": '" + key + "' is required");
        }
    }

    private static Expression compile(String id, String key, String source, String jslt, Collection<Function> functions) {
        try (Reader reader = new StringReader(jslt)) {
            return new Parser(reader).withSource(source).withFunctions(functions).compile();
        } catch (JsltException e) {
            throw new MappingException(id, key, "does not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MappingException(id, key, "cannot read: " + e.getMessage(), e);
        }
    }
}
