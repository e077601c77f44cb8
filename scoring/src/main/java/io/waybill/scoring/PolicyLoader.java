package io.waybill.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads alert policies: every {@code *.policy.yaml} in a folder, one policy per file. A misspelt key,
 * a missing field, {@code clear >= raise}, or two policies for the same score fail the load with a
 * message naming the file and the key.
 *
 * <pre>
 * id: temperature-excursion        # also the alert type
 * version: 1
 * score: temperature-excursion     # temperature-excursion | eta-drift | delay-risk | dwell | silence
 * parameters: {window-minutes: 60} # the score's parameters; the others keep their defaults
 * raise: 15                        # raise at or above
 * clear: 5                         # clear at or below (hysteresis)
 * min-duration-minutes: 0          # stay at or above raise this long (event time) first
 * severity: [{level: WARNING, at: 15}, {level: MAJOR, at: 30}]
 * confidence: {review-below: 0.6}  # lower-confidence alerts go to alerts.review
 * </pre>
 */
public final class PolicyLoader {

    public static final String SUFFIX = ".policy.yaml";
    private static final Set<String> KEYS = Set.of("id", "version", "description", "score", "parameters", "raise", "clear",
            "min-duration-minutes", "severity", "confidence");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {
    }

    /** Every policy in {@code folder}, sorted by id. */
    public static List<Policy> loadAll(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new PolicyException("policies folder " + folder + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new PolicyException("cannot list policies folder " + folder + ": " + e.getMessage());
        }
        Map<ScoreKind, Path> byScore = new LinkedHashMap<>();
        List<Policy> policies = new ArrayList<>();
        for (Path file : files) {
            Policy policy = load(file);
            Path other = byScore.put(policy.score(), file);
            if (other != null) {
                throw new PolicyException(file + ": score " + policy.score().wireName() + " already has a policy in " + other
                        + " (one policy per score)");
            }
            policies.add(policy);
        }
        return List.copyOf(policies);
    }

    public static Policy load(Path file) {
        try {
            return parse(YAML.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new PolicyException(file + ": not readable YAML: " + e.getMessage());
        }
    }

    static Policy parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new PolicyException(where + ": a policy is a YAML mapping");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new PolicyException(where + ": unknown key '" + name + "'; known: " + KEYS.stream().sorted().toList());
            }
        }
        String id = requiredText(root, "id", where);
        int version = (int) requiredNumber(root, "version", where);
        ScoreKind score;
        try {
            score = ScoreKind.fromWireName(requiredText(root, "score", where));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(where + ": score: " + e.getMessage());
        }
        Map<String, Double> parameters = new LinkedHashMap<>(score.parameterDefaults());
        JsonNode given = root.path("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!score.parameterDefaults().containsKey(field.getKey())) {
                throw new PolicyException(where + ": parameters: score " + score.wireName() + " has no parameter '"
                        + field.getKey() + "'; it has " + score.parameterDefaults().keySet().stream().sorted().toList());
            }
            if (!field.getValue().isNumber()) {
                throw new PolicyException(where + ": parameters." + field.getKey() + " must be a number");
            }
            parameters.put(field.getKey(), field.getValue().asDouble());
        }
        double raise = requiredNumber(root, "raise", where);
        double clear = score == ScoreKind.SILENCE && !root.has("clear") ? 0 : requiredNumber(root, "clear", where);
        if (clear >= raise) {
            throw new PolicyException(where + ": clear (" + clear + ") must be below raise (" + raise + ")");
        }
        double minDuration = root.has("min-duration-minutes") ? requiredNumber(root, "min-duration-minutes", where) : 0;
        if (minDuration < 0) {
            throw new PolicyException(where + ": min-duration-minutes must not be negative");
        }
        List<Policy.Tier> tiers = new ArrayList<>();
        JsonNode severity = root.path("severity");
        if (!severity.isArray() || severity.isEmpty()) {
            throw new PolicyException(where + ": severity must list at least one {level, at}");
        }
        for (JsonNode tier : severity) {
            Policy.Tier next = new Policy.Tier(requiredText(tier, "level", where + ": severity"),
                    requiredNumber(tier, "at", where + ": severity"));
            if (!tiers.isEmpty() && next.at() <= tiers.get(tiers.size() - 1).at()) {
                throw new PolicyException(where + ": severity tiers must ascend by 'at'");
            }
            tiers.add(next);
        }
        double reviewBelow = 0;
        JsonNode confidence = root.path("confidence");
        if (!confidence.isMissingNode()) {
            reviewBelow = requiredNumber(confidence, "review-below", where + ": confidence");
            if (reviewBelow < 0 || reviewBelow > 1) {
                throw new PolicyException(where + ": confidence.review-below must be from 0 to 1");
            }
        }
        return new Policy(id, version, score, Map.copyOf(parameters), raise, clear, minDuration, List.copyOf(tiers),
                reviewBelow, root.path("description").asText(""));
    }

    private static String requiredText(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new PolicyException(where + ": '" + key + "' is required");
        }
        return value.asText();
    }

    private static double requiredNumber(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isNumber()) {
            throw new PolicyException(where + ": '" + key + "' is required and must be a number");
        }
        return value.asDouble();
    }

    /** A policy file that cannot be used; the message names the file and the key. */
    public static final class PolicyException extends RuntimeException {
        public PolicyException(String message) {
            super(message);
        }
    }
}
