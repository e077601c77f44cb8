package io.waybill.adapter.support;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The partners declared under the mappings directory: one folder per partner holding a
 * {@code partner.yaml}. Every problem with a declaration is one error naming the file, the line
 * and the key at fault (a misspelt key, a key written twice, a missing or empty value, a value of
 * the wrong type, an id that does not match its folder, a format the hub cannot read), so
 * onboarding mistakes surface at load time rather than as rejected traffic. The format is
 * {@link PartnerDeclaration}, described in {@code docs/mapping-format.md}.
 */
public final class PartnerRegistry {

    /** The declaration file in each partner folder. */
    public static final String DECLARATION_FILE = "partner.yaml";

    private final Map<String, PartnerDeclaration> partners;

    private PartnerRegistry(Map<String, PartnerDeclaration> partners) {
        this.partners = Collections.unmodifiableMap(partners);
    }

    /** Loads every {@code <dir>/<partner>/partner.yaml}. */
    public static PartnerRegistry load(Path mappingsDir) {
        if (!Files.isDirectory(mappingsDir)) {
            throw new InvalidDeclarationException(mappingsDir + ": mappings directory does not exist");
        }
        Map<String, PartnerDeclaration> found = new TreeMap<>();
        try (Stream<Path> folders = Files.list(mappingsDir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path file = folder.resolve(DECLARATION_FILE);
                if (Files.isRegularFile(file)) {
                    PartnerDeclaration declaration = read(file);
                    found.put(declaration.id(), declaration);
                }
            }
        } catch (IOException e) {
            throw new InvalidDeclarationException(mappingsDir + ": cannot list partner folders: " + e.getMessage(), e);
        }
        return new PartnerRegistry(found);
    }

    /** Reads and checks one declaration; the folder it is in is the partner id. */
    public static PartnerDeclaration read(Path file) {
        DeclarationFile in = new DeclarationFile(file, readTree(file));
        PartnerDeclaration declaration = in.bind();
        String folder = file.toAbsolutePath().getParent().getFileName().toString();

        String id = in.required(declaration.id(), "the partner id, equal to its folder name '" + folder + "'", "id");
        if (!PartnerDeclaration.ID_FORM.matcher(id).matches()) {
            throw in.error("id '" + id + "' must be lower-case letters, digits and dashes, starting with a letter,"
                    + " 2 to 63 characters", "id");
        }
        if (!id.equals(folder)) {
            throw in.error("id '" + id + "' must equal its folder name '" + folder + "'", "id");
        }
        in.required(declaration.name(), "the partner's display name, e.g. 'ACME Freight'", "name");
        in.required(declaration.owner(), "who to contact about this integration, e.g. an e-mail address", "owner");
        checkChannels(in, declaration.channels());
        return declaration;
    }

    /** This registry with one partner's declaration added or replaced (a partner reloaded). */
    public PartnerRegistry with(PartnerDeclaration declaration) {
        Map<String, PartnerDeclaration> changed = new TreeMap<>(partners);
        changed.put(declaration.id(), declaration);
        return new PartnerRegistry(changed);
    }

    /** This registry without a partner (its folder was removed). */
    public PartnerRegistry without(String partnerId) {
        Map<String, PartnerDeclaration> changed = new TreeMap<>(partners);
        changed.remove(partnerId);
        return new PartnerRegistry(changed);
    }

    public Optional<PartnerDeclaration> find(String partnerId) {
        return Optional.ofNullable(partners.get(partnerId));
    }

    public Collection<PartnerDeclaration> all() {
        return partners.values();
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDeclarationException(file + ": " + (Files.exists(file) ? "is not a file" : "does not exist"));
        }
        JsonNode tree;
        try {
            tree = YamlLines.readTree(file);
        } catch (JsonProcessingException e) {
            throw new InvalidDeclarationException(YamlLines.syntaxError(file, e), e);
        } catch (IOException e) {
            throw new InvalidDeclarationException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidDeclarationException(file + ": the declaration is empty; it needs "
                    + YamlLines.keys(PartnerDeclaration.class));
        }
        if (!tree.isObject()) {
            throw new InvalidDeclarationException(file + ": a partner declaration is a map of keys ("
                    + YamlLines.keys(PartnerDeclaration.class) + "), not " + YamlLines.shown(tree));
        }
        return tree;
    }

    private static void checkChannels(DeclarationFile in, PartnerDeclaration.Channels channels) {
        if (channels == null) {
            throw in.error("'channels' is required: the channels the partner may use, e.g. 'rest: {formats: [json]}',"
                    + " or '{}' for none", "channels");
        }
        if (channels.rest() == null) {
            if (in.has("channels", "rest")) {
                // Written without a value: it would close the channel the author meant to open.
                throw in.error("'channels.rest' is empty; give its formats, e.g. 'rest: {formats: [json]}', or leave"
                        + " 'rest' out to close the channel", "channels", "rest");
            }
            return;
        }
        String known = String.join(", ", PartnerDeclaration.REST_FORMATS.stream().sorted().toList());
        List<String> formats = channels.rest().formats();
        if (formats == null) {
            String[] key = in.has("channels", "rest", "formats") ? new String[] {"channels", "rest", "formats"}
                    : new String[] {"channels", "rest"};
            throw in.error("'channels.rest.formats' is required: the wire formats the partner may push; known: "
                    + known, key);
        }
        if (formats.isEmpty()) {
            throw in.error("'channels.rest.formats' is empty; list the wire formats the partner may push (known: "
                    + known + "), or leave 'rest' out to close the channel", "channels", "rest", "formats");
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < formats.size(); i++) {
            String format = formats.get(i);
            JsonPointer entry = JsonPointer.compile("/channels/rest/formats/" + i);
            if (format == null || format.isBlank()) {
                throw in.error("'channels.rest.formats' has an empty entry; known formats: " + known, entry);
            }
            if (!PartnerDeclaration.REST_FORMATS.contains(format)) {
                throw in.error("'channels.rest.formats' lists unknown format '" + format + "'; known: " + known, entry);
            }
            if (!listed.add(format)) {
                throw in.error("'channels.rest.formats' lists '" + format + "' twice", entry);
            }
        }
    }

    /** What the author must write where a part of the declaration belongs; null for text and lists. */
    private static String expected(Class<?> type) {
        if (type == PartnerDeclaration.Channels.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Channels.class);
        }
        if (type == PartnerDeclaration.Rest.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Rest.class);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list of formats, e.g. [json]";
        }
        return null;
    }

    /** The declaration being read, so that every check names the file, the line of the key at fault and the key. */
    private record DeclarationFile(Path path, JsonNode tree) {

        PartnerDeclaration bind() {
            try {
                return YamlLines.bind(tree, PartnerDeclaration.class);
            } catch (JsonProcessingException e) {
                throw new InvalidDeclarationException(YamlLines.at(path, e) + ": "
                        + YamlLines.describe(tree, e, PartnerRegistry::expected), e);
            }
        }

        /** The value, which must be given and not blank. */
        String required(String value, String what, String key) {
            if (value == null && !has(key)) {
                throw error("'" + key + "' is required: " + what, key);
            }
            if (value == null || value.isBlank()) {
                throw error("'" + key + "' is empty; give " + what, key);
            }
            return value;
        }

        InvalidDeclarationException error(String message, String... key) {
            return new InvalidDeclarationException(YamlLines.at(path, key) + ": " + message);
        }

        InvalidDeclarationException error(String message, JsonPointer at) {
            return new InvalidDeclarationException(YamlLines.at(path, at) + ": " + message);
        }

        boolean has(String... key) {
            JsonNode node = tree;
            for (String step : key) {
                node = node.path(step);
            }
            return !node.isMissingNode();
        }
    }
}
