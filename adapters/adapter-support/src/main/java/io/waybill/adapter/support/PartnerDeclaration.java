package io.waybill.adapter.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A partner as declared in {@code mappings/<partner>/partner.yaml}: who they are, who owns the
 * integration, and which channels they may use. Secrets are never declared here: a partner's
 * push secret comes from the environment variable {@link #secretEnvName()}. Every key is declared
 * here; {@link PartnerRegistry} refuses any other, and checks the rules given below. The format is
 * described for people in {@code docs/mapping-format.md}.
 *
 * @param id       required; the partner id ({@link #ID_FORM}), equal to its folder name; the {@code partner}
 *                 attribute of its events
 * @param name     required, not blank; display name
 * @param owner    required, not blank; who to contact about this integration
 * @param channels required; the channels the partner may use ({@code {}} for none)
 */
public record PartnerDeclaration(String id, String name, String owner, Channels channels) {

    /** Partner ids: 2 to 63 lower-case letters, digits and dashes, starting with a letter. */
    public static final Pattern ID_FORM = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    /**
     * The wire formats the hub can read from a partner's {@code rest} channel, and so the only ones a
     * declaration may list there. An adapter that reads another format adds it here.
     */
    public static final Set<String> REST_FORMATS = Set.of("json");

    /** Prefix of the environment variable holding a partner's push secret. */
    public static final String SECRET_ENV_PREFIX = "WAYBILL_SECRET_";

    /** {@code WAYBILL_SECRET_ACME_FREIGHT} for partner {@code acme-freight}. */
    public String secretEnvName() {
        return secretEnvName(id);
    }

    public static String secretEnvName(String partnerId) {
        return SECRET_ENV_PREFIX + partnerId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Channels a partner may use; a channel left out is closed to the partner.
     *
     * @param rest the signed HTTP push, or null when closed
     */
    public record Channels(Rest rest) {
        public boolean restEnabled() {
            return rest != null;
        }
    }

    /**
     * The signed HTTP push channel.
     *
     * @param formats required, at least one, each once; wire formats the partner may push, from
     *                {@link #REST_FORMATS}, e.g. {@code [json]}
     */
    public record Rest(List<String> formats) {
    }
}
