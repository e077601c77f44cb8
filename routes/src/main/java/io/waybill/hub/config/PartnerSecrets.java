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
 * Partner push secrets, from the environment only: {@code WAYBILL_SECRET_<PARTNER>} holds the
 * secret, or {@code WAYBILL_SECRET_<PARTNER>_FILE} names a file holding it (for mounted secrets).
 * Never from mapping files or the repository. Each partner's secret is read once (the hub asks for
 * every declared partner's at start-up), so a push never waits on a file read and an unreadable
 * file stops the start rather than a push.
 */
public final class PartnerSecrets implements Function<String, Optional<String>> {

    private final Map<String, String> environment;
    private final Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();

    public PartnerSecrets(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> apply(String partner) {
        return resolved.computeIfAbsent(partner, this::read);
    }

    private Optional<String> read(String partner) {
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
