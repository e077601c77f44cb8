package io.waybill.adapter.support;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A partner as declared in {@code mappings/<partner>/partner.yaml}: who they are, who owns the
 * integration, and which channels they may use. Secrets are never declared here: a partner's
 * push secret comes from the environment variable {@link #secretEnvName()}.
 *
 * @param id       lower-case id, also the folder name and the {@code partner} attribute of its events
 * @param name     display name
 * @param owner    who to contact about this integration
 * @param channels channels the partner may use
 */
public record PartnerDeclaration(String id, String name, String owner, Channels channels) {

    /** Partner ids: lower-case letters, digits and dashes, starting with a letter. */
    public static final Pattern ID_FORM = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    /** Prefix of the environment variable holding a partner's push secret. */
    public static final String SECRET_ENV_PREFIX = "WAYBILL_SECRET_";

    /** {@code WAYBILL_SECRET_ACME_FREIGHT} for partner {@code acme-freight}. */
    public String secretEnvName() {
        return secretEnvName(id);
    }

    public static String secretEnvName(String partnerId) {
        return SECRET_ENV_PREFIX + partnerId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Channels a partner may use; a channel left out is closed to the partner. */
    public record Channels(Rest rest) {
        public boolean restEnabled() {
            return rest != null;
        }
    }

    /**
     * The signed HTTP push channel.
     *
     * @param formats wire formats the partner may push, e.g. {@code [json]}
     */
    public record Rest(List<String> formats) {
    }
}
