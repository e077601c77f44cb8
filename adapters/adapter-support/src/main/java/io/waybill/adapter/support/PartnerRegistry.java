package io.waybill.adapter.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The partners declared under the mappings directory: one folder per partner holding a
 * {@code partner.yaml}. A declaration with a misspelt key, a missing field or an id that does
 * not match its folder is an error naming the file and line, so onboarding mistakes surface at
 * load time rather than as rejected traffic.
 */
public final class PartnerRegistry {

    /** The declaration file in each partner folder. */
    public static final String DECLARATION_FILE = "partner.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

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

    /** Reads and checks one declaration. */
    public static PartnerDeclaration read(Path file) {
        PartnerDeclaration declaration;
        try {
            declaration = YAML.readValue(file.toFile(), PartnerDeclaration.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDeclarationException(YamlLines.at(file, e) + ": " + YamlLines.describe(e), e);
        } catch (IOException e) {
            throw new InvalidDeclarationException(file + ": cannot read: " + e.getMessage(), e);
        }
        String folder = file.getParent().getFileName().toString();
        if (declaration == null || declaration.id() == null) {
            throw new InvalidDeclarationException(file + ": 'id' is required");
        }
        if (!PartnerDeclaration.ID_FORM.matcher(declaration.id()).matches()) {
            throw new InvalidDeclarationException(file + ": id '" + declaration.id()
                    + "' must be lower-case letters, digits and dashes, starting with a letter");
        }
        if (!declaration.id().equals(folder)) {
            throw new InvalidDeclarationException(file + ": id '" + declaration.id()
                    + "' must equal its folder name '" + folder + "'");
        }
        if (declaration.name() == null || declaration.owner() == null) {
            throw new InvalidDeclarationException(file + ": 'name' and 'owner' are required");
        }
        if (declaration.channels() == null) {
            throw new InvalidDeclarationException(file + ": 'channels' is required (for example 'rest: {formats: [json]}')");
        }
        return declaration;
    }

    public Optional<PartnerDeclaration> find(String partnerId) {
        return Optional.ofNullable(partners.get(partnerId));
    }

    public Collection<PartnerDeclaration> all() {
        return partners.values();
    }
}
