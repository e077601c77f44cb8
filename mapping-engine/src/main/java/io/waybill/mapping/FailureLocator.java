package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.mapping.functions.FunctionFailure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Says where a failing function call sits: the canonical field it was computing (from the
 * transform's source: the object keys around the call) and the place in the input document the
 * offending value came from (the very node the function received, found in the input). JSLT
 * reports neither for a function's failure, and "utc-instant: '31/02/2026' ..." alone leaves the
 * engineer guessing which of several timestamps it was.
 *
 * <p>Either part may be unknown (null): a value computed rather than read from the input has no
 * input path; a call made in a {@code let} or {@code def} has no field of its own; a function
 * called at several places that the input cannot tell apart has no single line.
 */
final class FailureLocator {

    /**
     * @param field     the canonical field as a JSON Pointer under {@code /data} (array positions
     *                  left out), or null
     * @param line      {@code file:line} of the call in the transform, or null
     * @param inputPath the JSON Pointer of the offending value in the input document, or null
     */
    record Location(String field, String line, String inputPath) {
    }

    private enum Kind { STRING, WORD, PUNCT }

    private record Token(Kind kind, String text, int offset) {
    }

    private FailureLocator() {
    }

    static Location locate(FunctionFailure failure, JsonNode input, String source, String sourceName) {
        String inputPath = inputPath(input, failure.value());
        List<Token> tokens = tokens(source);
        List<Integer> sites = callSites(tokens, failure.function());
        Integer site = choose(sites, tokens, source, inputPath);
        if (site == null) {
            String lines = sites.isEmpty() ? null : sourceName + ":" + String.join(" or ",
                    sites.stream().map(s -> Integer.toString(lineOf(source, tokens.get(s).offset()))).toList());
            return new Location(null, lines, inputPath);
        }
        return new Location(field(tokens, site), sourceName + ":" + lineOf(source, tokens.get(site).offset()), inputPath);
    }

    /** Where in the input the value sits: by identity first (JSLT hands functions the input's own nodes), else by a unique equal value. */
    static String inputPath(JsonNode input, JsonNode value) {
        if (input == null || value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        List<String> same = new ArrayList<>();
        List<String> equal = new ArrayList<>();
        search(input, "", value, same, equal);
        if (same.size() == 1) {
            return same.get(0);
        }
        return same.isEmpty() && equal.size() == 1 ? equal.get(0) : null;
    }

    private static void search(JsonNode node, String pointer, JsonNode value, List<String> same, List<String> equal) {
        if (node == value) {
            same.add(pointer.isEmpty() ? "/" : pointer);
        } else if (node.equals(value) && value.isValueNode()) {
            equal.add(pointer.isEmpty() ? "/" : pointer);
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                search(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), value, same, equal);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                search(node.get(i), pointer + "/" + i, value, same, equal);
            }
        }
    }

    /** Token indexes of {@code name(} outside comments and strings. */
    private static List<Integer> callSites(List<Token> tokens, String name) {
        List<Integer> sites = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean pathStep = i > 0 && tokens.get(i - 1).text().equals(".") && tokens.get(i - 1).offset() == token.offset() - 1;
            if (token.kind() == Kind.WORD && token.text().equals(name) && tokens.get(i + 1).text().equals("(") && !pathStep) {
                sites.add(i);
            }
        }
        return sites;
    }

    /** The one call site: the only one, or the only one whose arguments read the input field the value came from. */
    private static Integer choose(List<Integer> sites, List<Token> tokens, String source, String inputPath) {
        if (sites.size() == 1) {
            return sites.get(0);
        }
        if (sites.isEmpty() || inputPath == null) {
            return null;
        }
        String last = inputPath.substring(inputPath.lastIndexOf('/') + 1);
        for (int up = inputPath.length(); last.chars().allMatch(Character::isDigit) && up > 0; ) {
            up = inputPath.lastIndexOf('/', up - 1);
            String parent = inputPath.substring(0, Math.max(up, 0));
            last = parent.substring(parent.lastIndexOf('/') + 1);
        }
        Pattern reads = Pattern.compile("\\.(\"?)" + Pattern.quote(last) + "\\1(?![A-Za-z0-9_-])");
        List<Integer> matching = new ArrayList<>();
        for (int site : sites) {
            if (reads.matcher(arguments(tokens, site, source)).find()) {
                matching.add(site);
            }
        }
        return matching.size() == 1 ? matching.get(0) : null;
    }

    /** The source text of a call's arguments, between its parentheses. */
    private static String arguments(List<Token> tokens, int site, String source) {
        int depth = 0;
        int start = tokens.get(site + 1).offset() + 1;
        for (int i = site + 1; i < tokens.size(); i++) {
            String text = tokens.get(i).text();
            if (tokens.get(i).kind() != Kind.PUNCT) {
                continue;
            }
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                depth++;
            } else if (text.equals(")") || text.equals("]") || text.equals("}")) {
                depth--;
                if (depth == 0) {
                    return source.substring(start, tokens.get(i).offset());
                }
            }
        }
        return source.substring(start);
    }

    /** The keys of the objects around a call, innermost last, as {@code /data/a/b}; null when the call is not a field's value. */
    private static String field(List<Token> tokens, int site) {
        List<String> keys = new ArrayList<>();
        boolean seekingKey = true;
        int depth = 0;
        for (int i = site - 1; i >= 0; i--) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.PUNCT) {
                continue;
            }
            switch (token.text()) {
                case ")", "]", "}" -> depth++;
                case "(", "[", "{" -> {
                    if (depth > 0) {
                        depth--;
                    } else if (token.text().equals("{")) {
                        seekingKey = true; // left the object holding the key found: look for the key holding that object
                    }
                }
                case ":" -> {
                    if (depth == 0 && seekingKey && i > 0 && tokens.get(i - 1).kind() == Kind.STRING) {
                        keys.add(tokens.get(i - 1).text());
                        seekingKey = false;
                    }
                }
                default -> {
                }
            }
        }
        if (keys.isEmpty()) {
            return null;
        }
        Collections.reverse(keys);
        StringBuilder pointer = new StringBuilder("/data");
        keys.forEach(key -> pointer.append('/').append(key.replace("~", "~0").replace("/", "~1")));
        return pointer.toString();
    }

    /** JSLT source as strings, words and punctuation; comments and whitespace dropped. */
    private static List<Token> tokens(String source) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                int start = i++;
                while (i < source.length() && source.charAt(i) != '"') {
                    if (source.charAt(i) == '\\' && i + 1 < source.length()) {
                        i++;
                    }
                    text.append(source.charAt(i++));
                }
                i++;
                tokens.add(new Token(Kind.STRING, text.toString(), start));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$') {
                int start = i;
                while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || "_-:$".indexOf(source.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, source.substring(start, i), start));
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), i++));
            }
        }
        return tokens;
    }

    private static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
