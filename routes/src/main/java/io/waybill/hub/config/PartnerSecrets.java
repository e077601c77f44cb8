package io.waybill.hub.config;

import io.waybill.adapter.support.PartnerDeclaration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Partner push secrets, from the environment only: {@code WAYBILL_SECRET_<PARTNER>} holds the
 * secret, or {@code WAYBILL_SECRET_<PARTNER>_FILE} names a file holding it (for mounted secrets).
 * Never from mapping files or the repository.
 */
public final class PartnerSecrets implements Function<String, Optional<String>> {

    private final Map<String, String> environment;

    public PartnerSecrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> apply(String partner) {
        String variable = PartnerDeclaration.secretEnvName(partner);
        String secret = environment.get(variable);
        if (secret != null && !secret.isBlank()) {
            return Optional.of(secret);
        }
        String file = environment.get(variable + "_FILE");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            throw new StartupException(variable + "_FILE names " + file + ", which cannot be read: " + e.getMessage(), e);
        }
    }
}
