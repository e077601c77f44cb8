package io.waybill.hub.files;

import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.PartnerRoutes;
import io.waybill.hub.ingest.Variables;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps one SFTP pickup route (from the {@code sftp-pickup} template) per partner whose declaration
 * has {@code channels.sftp}, in step with the active declarations: a partner onboarded while the hub
 * runs gets its route, a changed declaration (or password) replaces it, a withdrawn partner or a
 * closed channel removes it. Each route polls on its own thread, so a server that is down delays
 * only its own partner.
 *
 * <p>The password comes from the environment, {@code WAYBILL_SFTP_PASSWORD_<PARTNER>}, or from the
 * file named by {@code WAYBILL_SFTP_PASSWORD_<PARTNER>_FILE}, read again whenever the declarations
 * change (a rotated password takes effect when its partner is reloaded). A partner without one
 * gets no route, and a warning.
 */
public final class SftpPickups {

    /** The route template in ingress-files.camel.yaml. */
    public static final String TEMPLATE = "sftp-pickup";
    /** Pickup routes are {@code sftp-pickup-<partner>}. */
    public static final String ROUTE_PREFIX = TEMPLATE + "-";
    /** Prefix of the environment variable holding a partner's SFTP password. */
    public static final String PASSWORD_ENV_PREFIX = "WAYBILL_SFTP_PASSWORD_";

    private static final Logger LOG = LoggerFactory.getLogger(SftpPickups.class);
    private static final int DEFAULT_PORT = 22;
    private static final int DEFAULT_POLL_SECONDS = 60;

    private final ActiveMappings active;
    private final Map<String, String> environment;
    private final Path downloads;
    private final int quietMillis;
    private final String knownHostsFile;
    private final PartnerRoutes routes = new PartnerRoutes(TEMPLATE, ROUTE_PREFIX);

    /**
     * @param downloads      folder under which each partner's files are held while they are read
     * @param quietMillis    how long two listings must agree on a file before it is fetched
     * @param knownHostsFile OpenSSH known_hosts file to check servers' host keys against, or blank for none
     */
    public SftpPickups(ActiveMappings active, Map<String, String> environment, Path downloads, int quietMillis,
                       String knownHostsFile) {
        this.active = active;
        this.environment = Map.copyOf(environment);
        this.downloads = downloads;
        this.quietMillis = quietMillis;
        this.knownHostsFile = knownHostsFile;
    }

    /** {@code WAYBILL_SFTP_PASSWORD_ACME_FREIGHT} for partner {@code acme-freight}. */
    public static String passwordEnvName(String partner) {
        return PASSWORD_ENV_PREFIX + partner.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Adds, replaces and removes pickup routes until there is one per SFTP partner; nothing to do when the declarations did not change. */
    public synchronized void reconcile(Exchange exchange) throws Exception {
        PartnerRegistry partners = active.partners();
        routes.reconcile(exchange.getContext(), partners, () -> {
            Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
            for (PartnerDeclaration partner : partners.all()) {
                if (partner.channels().sftp() != null) {
                    parameters(partner).ifPresent(parameters -> wanted.put(partner.id(), parameters));
                }
            }
            return wanted;
        }, new PartnerRoutes.Lifecycle() {
            @Override
            public void added(String partner, Map<String, Object> parameters) {
                LOG.info("SFTP pickup for partner {}: sftp://{}@{}:{}/{} every {} ms", partner, parameters.get("user"),
                        parameters.get("host"), parameters.get("port"), parameters.get("path"), parameters.get("pollMillis"));
                if (knownHostsFile.isBlank()) {
                    LOG.warn("The host key of partner {}'s SFTP server is not checked: set waybill.sftp.known-hosts-file"
                            + " to a known_hosts file listing it", partner);
                }
            }

            @Override
            public void removed(String partner, boolean changed) {
                LOG.info("SFTP pickup for partner {} stopped{}", partner, changed ? " (its declaration changed)" : "");
            }

            @Override
            public void failed(String partner, RuntimeException e) {
                LOG.error("SFTP pickup for partner {} cannot be set up, no pickup until the partner is reloaded: {}",
                        partner, e.getMessage(), e);
            }
        });
    }

    /**
     * A poll that failed (server unreachable, login refused, folder missing): logged for the partner, whose
     * route tries again at its next poll. Such a failure reaches the route's error handler before any step,
     * so the partner is known from the route only.
     */
    public void pollFailed(Exchange exchange) {
        String routeId = ExchangeHelper.getRouteId(exchange);
        String partner = routeId != null && routeId.startsWith(ROUTE_PREFIX) ? routeId.substring(ROUTE_PREFIX.length())
                : Variables.UNKNOWN_PARTNER;
        exchange.setVariable(Variables.PARTNER, partner);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        StringBuilder reason = new StringBuilder(String.valueOf(cause));
        for (Throwable inner = cause == null ? null : cause.getCause(); inner != null; inner = inner.getCause()) {
            reason.append(": ").append(inner.getMessage());
        }
        LOG.warn("SFTP pickup for partner {} failed, trying again at its next poll: {}", partner, reason);
    }

    private Optional<Map<String, Object>> parameters(PartnerDeclaration partner) {
        Optional<String> password = password(partner.id());
        if (password.isEmpty()) {
            LOG.warn("Partner {} declares channels.sftp but has no SFTP password: set {} (or {}_FILE); no pickup until"
                    + " then and the partner is reloaded", partner.id(), passwordEnvName(partner.id()), passwordEnvName(partner.id()));
            return Optional.empty();
        }
        PartnerDeclaration.Sftp sftp = partner.channels().sftp();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("partner", partner.id());
        parameters.put("host", sftp.host());
        parameters.put("port", sftp.port() == null ? DEFAULT_PORT : sftp.port());
        // camel-ftp reads every path from the login's home folder (it drops a leading '/', with a warning per route).
        parameters.put("path", sftp.path().replaceFirst("^/+", ""));
        parameters.put("user", sftp.user());
        parameters.put("password", password.get());
        parameters.put("pollMillis", (sftp.pollSeconds() == null ? DEFAULT_POLL_SECONDS : sftp.pollSeconds()) * 1000L);
        parameters.put("quietMillis", quietMillis);
        // camel-ftp wants the read-lock timeout above its check interval; three intervals leave room for two listings.
        parameters.put("readLockTimeout", 3L * quietMillis);
        parameters.put("workDir", downloads.resolve(partner.id()).toString());
        parameters.put("strictHostKeyChecking", knownHostsFile.isBlank() ? "no" : "yes");
        if (!knownHostsFile.isBlank()) {
            parameters.put("knownHostsFile", knownHostsFile);
        }
        return Optional.of(parameters);
    }

    private Optional<String> password(String partner) {
        String variable = passwordEnvName(partner);
        String password = environment.get(variable);
        if (password != null && !password.isEmpty()) {
            return Optional.of(password);
        }
        String file = environment.get(variable + "_FILE");
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip()).filter(p -> !p.isEmpty());
        } catch (IOException e) {
            LOG.warn("{}_FILE names {}, which cannot be read: {}", variable, file, e.getMessage());
            return Optional.empty();
        }
    }
}
