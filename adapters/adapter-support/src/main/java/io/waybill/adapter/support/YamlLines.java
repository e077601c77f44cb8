package io.waybill.adapter.support;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where in a YAML file a declaration went wrong, as {@code file:line}, for the files people write
 * (partner declarations, mapping files). Jackson reports a bad key of a record at the end of the
 * enclosing object, because it collects a record's properties before calling its constructor; so
 * the line is found again by walking the file to the path of the key at fault.
 */
public final class YamlLines {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlLines() {
    }

    /** {@code file:line} of the problem, or just {@code file} when no line is known. */
    public static String at(Path file, JsonProcessingException problem) {
        int line = -1;
        if (problem instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            line = lineOf(file, pointer(mapping));
        }
        if (line < 0) {
            JsonLocation location = problem.getLocation();
            line = location == null ? -1 : location.getLineNr();
        }
        return line < 0 ? file.toString() : file + ":" + line;
    }

    /**
     * The problem in the words of the file's author: an unknown key is named with the keys allowed
     * at that place, not with the Java class Jackson was filling.
     */
    public static String describe(JsonProcessingException problem) {
        if (problem instanceof UnrecognizedPropertyException unknown) {
            List<String> allowed = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown key '" + unknown.getPropertyName() + "'; allowed here: " + String.join(", ", allowed);
        }
        return problem.getOriginalMessage();
    }

    private static JsonPointer pointer(JsonMappingException problem) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference step : problem.getPath()) {
            pointer = step.getFieldName() != null ? pointer.appendProperty(step.getFieldName())
                    : pointer.appendIndex(step.getIndex());
        }
        return pointer;
    }

    /** Line of the first token at {@code pointer} (the key itself, for an object member), or -1. */
    private static int lineOf(Path file, JsonPointer pointer) {
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            while (parser.nextToken() != null) {
                if (parser.getParsingContext().pathAsPointer().equals(pointer)) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException unreadable) {
            // The caller reports the original problem; only the line is lost.
        }
        return -1;
    }
}
