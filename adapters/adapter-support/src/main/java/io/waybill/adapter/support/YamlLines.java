package io.waybill.adapter.support;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading the YAML files people write (partner declarations, mapping files) strictly, and saying
 * what is wrong with one in its author's words, as one line starting {@code file:line}.
 *
 * <p>Strict means: a key written twice, a key the format does not have, a second YAML document,
 * and a number or {@code true}/{@code false} where text belongs (or text where a number belongs)
 * are errors, not values quietly dropped or converted.
 *
 * <p>Jackson reports a bad key of a record at the end of the enclosing object, because it collects a
 * record's properties before calling its constructor; so the line is found again by walking the
 * file to the path of the key at fault.
 */
public final class YamlLines {

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    private static final YAMLMapper STRICT = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Without it a second document after '---' would be ignored without a word.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A number or true/false where text belongs is a slip, not a value to convert: 'identity: 12'
            // would give every message the same identity. Likewise 'version: "3"' or 'version: 2.5'.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, config -> config
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .build();

    /** Only finds lines again, in files already read; lenient so that it can walk any of them. */
    private static final YAMLFactory LINES = new YAMLFactory();

    private YamlLines() {
    }

    /**
     * The file as a tree, read strictly; null or a missing node for an empty file. A
     * {@link JsonProcessingException} is a syntax error, to be told with {@link #syntaxError}.
     */
    public static JsonNode readTree(Path file) throws IOException {
        return STRICT.readTree(file.toFile());
    }

    /**
     * A tree read by {@link #readTree} bound to the record declaring its format, strictly. A
     * {@link JsonProcessingException} is to be told with {@link #at(Path, JsonProcessingException)}
     * and {@link #describe(JsonNode, JsonProcessingException, Function)}.
     */
    public static <T> T bind(JsonNode tree, Class<T> format) throws JsonProcessingException {
        return STRICT.treeToValue(tree, format);
    }

    /**
     * A problem {@link #readTree} met, on one line: a key written twice at the line of its second
     * appearance, a second document, or a YAML syntax error at the line and column where the parser
     * stopped (and where the construct it was reading began).
     */
    public static String syntaxError(Path file, JsonProcessingException problem) {
        String original = String.valueOf(problem.getOriginalMessage());
        Matcher duplicate = DUPLICATE_KEY.matcher(original);
        if (duplicate.matches()) {
            return at(file, problem) + ": key '" + duplicate.group(1) + "' appears twice";
        }
        if (original.startsWith("Trailing token")) {
            return at(file, problem) + ": a second YAML document ('---') is not allowed; the file is one document";
        }
        if (!(problem.getCause() instanceof MarkedYAMLException marked) || marked.getProblemMark() == null) {
            return at(file, problem) + ": " + describe(problem);
        }
        Mark stop = marked.getProblemMark();
        Mark start = marked.getContextMark();
        String context = marked.getContext() == null ? ""
                : marked.getContext() + (start == null ? "" : " started at line " + (start.getLine() + 1) + ", column "
                + (start.getColumn() + 1)) + ": ";
        return file + ":" + (stop.getLine() + 1) + ":" + (stop.getColumn() + 1) + ": " + oneLine(context + marked.getProblem());
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
        return line < 1 ? file.toString() : file + ":" + line;
    }

    /** {@code file:line} of a key (given as its path from the top), or just {@code file} when the file has no such key. */
    public static String at(Path file, String... key) {
        JsonPointer pointer = JsonPointer.empty();
        for (String step : key) {
            pointer = pointer.appendProperty(step);
        }
        return at(file, pointer);
    }

    /** {@code file:line} of the value at {@code pointer}, or just {@code file} when the file has no such value. */
    public static String at(Path file, JsonPointer pointer) {
        int line = pointer.matches() ? -1 : lineOf(file, pointer);
        return line < 1 ? file.toString() : file + ":" + line;
    }

    /**
     * The key a binding problem is at, as its author would write it ({@code channels.rest.formats[0]}),
     * or null for a problem with the whole file.
     */
    public static String keyOf(JsonProcessingException problem) {
        if (!(problem instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null) {
                key.append(key.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                key.append('[').append(step.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    /**
     * A binding problem in the words of the file's author: the key, what belongs there and what is
     * there ({@code 'name' must be text, not a list}), with a hint when the fix is quoting or
     * unquoting. {@code parts} words the format's own types ("a map of channel, format, when"), or
     * gives null for the types every format shares: text, whole numbers and lists.
     */
    public static String describe(JsonNode tree, JsonProcessingException problem, Function<Class<?>, String> parts) {
        if (problem instanceof UnrecognizedPropertyException || !(problem instanceof MismatchedInputException mismatch)
                || mismatch.getPath().isEmpty()) {
            return describe(problem);
        }
        Class<?> type = mismatch.getTargetType();
        String expected = type == null ? null : parts.apply(type);
        if (expected == null) {
            expected = shared(type);
        }
        if (expected == null) {
            return describe(problem);
        }
        JsonNode value = tree.at(pointer(mismatch));
        String hint = expected.equals("text") && value.isValueNode() && !value.isTextual() ? "; put it in quotes"
                : expected.equals("a whole number") && value.isTextual() && value.textValue().strip().matches("-?[0-9]+")
                ? "; write it without quotes" : "";
        return "'" + keyOf(problem) + "' must be " + expected + ", not " + shown(value) + hint;
    }

    /**
     * Any other problem in the author's words, on one line: an unknown key is named with the keys
     * allowed at that place, not with the Java class Jackson was filling.
     */
    public static String describe(JsonProcessingException problem) {
        if (problem instanceof UnrecognizedPropertyException unknown) {
            List<String> allowed = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown key '" + unknown.getPropertyName() + "'; allowed here: " + String.join(", ", allowed);
        }
        return oneLine(String.valueOf(problem.getOriginalMessage()));
    }

    /** A value as its author sees it: {@code a list}, {@code a map}, {@code the text 'rest'}, {@code the number 12}. */
    public static String shown(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "empty";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isTextual()) {
            return "the text '" + value.textValue() + "'";
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        return value.toString();
    }

    /** The keys of a part of a format, as declared by its record, in declaration order. */
    public static String keys(Class<? extends Record> part) {
        return Arrays.stream(part.getRecordComponents()).map(YamlLines::keyName).collect(Collectors.joining(", "));
    }

    /** A record component's key as written in YAML: its {@code @JsonProperty} name, else its own name. */
    private static String keyName(RecordComponent component) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty property = component.getDeclaringRecord()
                    .getDeclaredField(component.getName()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property == null || property.value().isEmpty() ? component.getName() : property.value();
        } catch (NoSuchFieldException e) {
            return component.getName();
        }
    }

    private static String shared(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return null;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
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
        try (JsonParser parser = LINES.createParser(file.toFile())) {
            while (parser.nextToken() != null) {
                if (parser.getParsingContext().pathAsPointer().equals(pointer)) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException unreadable) {
            // The caller reports the problem without its line.
        }
        return -1;
    }
}
