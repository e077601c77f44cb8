package io.waybill.hub.config;

import io.waybill.adapter.support.PartnerDeclaration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Partner push secrets, from the environment: {@code WAYBILL_SECRET_<PARTNER>} holds the secret,
 * or {@code WAYBILL_SECRET_<PARTNER>_FILE} names a file holding it; else, when a secrets folder is
 * configured (mounted secrets), the file {@code <folder>/WAYBILL_SECRET_<PARTNER>}. Never from
 * mapping files or the repository. A secret found is kept (the hub asks for every declared
 * partner's at start-up, so an unreadable file stops the start rather than a push) until
 * {@link #forget} (the partner was reloaded: a rotated secret is read again). A secret not found is
 * looked for again at the partner's next push, so a secret mounted after its partner was onboarded
 * takes effect without a reload.
 */
public final class PartnerSecrets implements Function<String, Optional<String>> {

    private final Map<String, String> environment;
    private final Path secretsDir;
    private final Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();

    public PartnerSecrets(Map<String, String> environment) {
        this(environment, null);
    }

    /** @param secretsDir folder of mounted secret files, or null for environment only */
    public PartnerSecrets(Map<String, String> environment, Path secretsDir) {
        this.environment = Map.copyOf(environment);
        this.secretsDir = secretsDir;
    }

    /** Drops what was read for a partner, so its next push reads the secret again (a partner was onboarded or rotated). */
    public void forget(String partner) {
        resolved.remove(partner);
    }

    @Override
    public Optional<String> apply(String partner) {
        Optional<String> known = resolved.get(partner);
        if (known != null) {
            return known;
        }
        Optional<String> read = read(partner);
        read.ifPresent(secret -> resolved.put(partner, read));
        return read;
    }

    private Optional<String> read(String partner) {
        String variable = PartnerDeclaration.secretEnvName(partner);
        String secret = environment.get(variable);
        if (secret != null && !secret.isBlank()) {
            return Optional.of(secret);
        }
        String file = environment.get(variable + "_FILE");
        if (file != null && !file.isBlank()) {
            return readFile(Path.of(file), variable + "_FILE names " + file);
        }
        if (secretsDir != null && Files.isRegularFile(secretsDir.resolve(variable))) {
            return readFile(secretsDir.resolve(variable), "the secrets folder holds " + secretsDir.resolve(variable));
        }
        return Optional.empty();
    }

    private static Optional<String> readFile(Path file, String origin) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            throw new StartupException(origin + ", which cannot be read: " + e.getMessage(), e);
        }
    }
}
