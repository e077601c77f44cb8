package io.waybill.hub.carrier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets of carrier channels by variable name: the environment variable itself, or the file its {@code _FILE}
 * variable names, or the file of that name in the secrets folder ({@code waybill.secrets-dir}). Read at every
 * use (a poll, a webhook call), so a rotated secret takes effect without a restart.
 */
public final class NamedSecrets {

    /** {@code WAYBILL_POLL_SECRET_<PARTNER>}: the API key, basic password or OAuth2 client secret of a polled carrier. */
    public static final String POLL_PREFIX = "WAYBILL_POLL_SECRET_";
    /** {@code WAYBILL_WEBHOOK_SECRET_<PARTNER>} (and {@code ..._PREVIOUS} during a rotation). */
    public static final String WEBHOOK_PREFIX = "WAYBILL_WEBHOOK_SECRET_";
    /** Suffix of the variable holding the secret being rotated out. */
    public static final String PREVIOUS_SUFFIX = "_PREVIOUS";

    private final Map<String, String> environment;
    private final Path secretsDir;

    /** @param secretsDir folder of mounted secret files, or null */
    public NamedSecrets(Map<String, String> environment, Path secretsDir) {
        this.environment = Map.copyOf(environment);
        this.secretsDir = secretsDir;
    }

    /** {@code WAYBILL_POLL_SECRET_OCEAN_CARRIER} for prefix {@link #POLL_PREFIX} and partner {@code ocean-carrier}. */
    public static String name(String prefix, String partner) {
        return prefix + partner.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    public Optional<String> get(String variable) {
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
            return Optional.of(value);
        }
        String file = environment.get(variable + "_FILE");
        if (file != null && !file.isBlank()) {
            return read(Path.of(file));
        }
        if (secretsDir != null && Files.isRegularFile(secretsDir.resolve(variable))) {
            return read(secretsDir.resolve(variable));
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
