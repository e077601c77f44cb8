package io.waybill.hub.mapping;

import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.config.PartnerSecrets;
import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.golden.GoldenCase;
import io.waybill.mapping.golden.GoldenCaseRunner;
import io.waybill.mapping.golden.GoldenCases;
import io.waybill.schema.SchemaValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reloads one partner folder while the hub runs, gated: the partner's declaration and mappings
 * are compiled, a changed mapping must carry a higher version (events name the version in their
 * lineage, so two contents under one version would make lineage lie), and every golden case of
 * the partner must pass against the new mappings. Only then are they made live, atomically. Any
 * failure leaves the active version serving and is visible in the log, the reload metric and
 * {@code GET /api/v1/mappings}.
 *
 * <p>Reloads are serialized; the watch route debounces a burst of file events into one call.
 */
public final class MappingReloader {

    private static final Logger LOG = LoggerFactory.getLogger(MappingReloader.class);

    private final Path mappingsDir;
    private final Path goldenCasesDir;
    private final ActiveMappings active;
    private final PartnerSecrets secrets;
    private final SchemaValidator validator;
    private final MappingStatus status;

    public MappingReloader(Path mappingsDir, Path goldenCasesDir, ActiveMappings active, PartnerSecrets secrets,
                           SchemaValidator validator, MappingStatus status) {
        this.mappingsDir = mappingsDir.toAbsolutePath().normalize();
        this.goldenCasesDir = goldenCasesDir.toAbsolutePath().normalize();
        this.active = active;
        this.secrets = secrets;
        this.validator = validator;
        this.status = status;
    }

    /**
     * The partner whose folder holds a changed file (under the mappings or the golden cases
     * folder), or null for a change outside any partner folder or in a hidden one.
     */
    public String partnerOf(String changedPath) {
        if (changedPath == null) {
            return null;
        }
        Path path = Path.of(changedPath).toAbsolutePath().normalize();
        for (Path root : List.of(mappingsDir, goldenCasesDir)) {
            if (path.startsWith(root) && path.getNameCount() > root.getNameCount()) {
                String folder = path.getName(root.getNameCount()).toString();
                return PartnerDeclaration.ID_FORM.matcher(folder).matches() ? folder : null;
            }
        }
        return null;
    }

    /** Reloads a partner's folder; never throws: a failure is an outcome, and the active mappings stay. */
    public synchronized ReloadOutcome reload(String partner) {
        Path folder = mappingsDir.resolve(partner);
        try {
            if (!Files.isDirectory(folder)) {
                return withdraw(partner, folder);
            }
            return activate(partner, folder);
        } catch (RuntimeException e) {
            return refused(partner, List.of(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private ReloadOutcome activate(String partner, Path folder) {
        Path declarationFile = folder.resolve(PartnerRegistry.DECLARATION_FILE);
        if (!Files.isRegularFile(declarationFile)) {
            return refused(partner, List.of(), declarationFile + ": missing; every partner folder needs its declaration");
        }
        PartnerDeclaration declaration = PartnerRegistry.read(declarationFile);
        List<Mapping> candidates = MappingLoader.loadPartner(folder);
        List<MappingStatus.Tried> tried = candidates.stream()
                .map(m -> new MappingStatus.Tried(m.id(), m.version(), relative(m.file())))
                .toList();
        if (candidates.isEmpty()) {
            return refused(partner, tried, folder + ": no *" + MappingLoader.MAPPING_SUFFIX + " file");
        }

        MappingCatalog current = active.catalog();
        Map<String, String> fingerprints = new java.util.HashMap<>();
        for (Mapping candidate : candidates) {
            String fingerprint = MappingFingerprint.of(candidate);
            fingerprints.put(candidate.id(), fingerprint);
            Optional<Mapping> live = current.forPartner(partner).stream().filter(m -> m.id().equals(candidate.id())).findFirst();
            if (live.isPresent() && !fingerprint.equals(status.fingerprint(candidate.id()))
                    && candidate.version() <= live.get().version()) {
                return refused(partner, tried, relative(candidate.file()) + ": " + candidate.id() + " changed but its version is "
                        + candidate.version() + " (active: " + live.get().version()
                        + "); raise 'version' so the events it produces can be told apart in their lineage");
            }
        }

        List<GoldenCase> cases;
        try {
            cases = GoldenCases.discover(goldenCasesDir, partner);
        } catch (IllegalArgumentException e) {
            cases = List.of();
        }
        if (cases.isEmpty()) {
            return refused(partner, tried, "no golden cases in " + goldenCasesDir.resolve(partner)
                    + "; a mapping goes live only when its partner's golden cases pass");
        }
        GoldenCaseRunner runner = new GoldenCaseRunner(new MappingCatalog(candidates), validator, active.partners().with(declaration));
        List<String> failures = new ArrayList<>();
        for (GoldenCase goldenCase : cases) {
            GoldenCaseRunner.Result result = runner.run(goldenCase);
            if (!result.passed()) {
                failures.addAll(result.differences());
            }
        }
        if (!failures.isEmpty()) {
            return refused(partner, tried, "golden cases failed: " + String.join("; ", failures.subList(0, Math.min(5, failures.size())))
                    + (failures.size() > 5 ? "; and " + (failures.size() - 5) + " more" : ""));
        }

        boolean unchanged = Objects.equals(active.partners().find(partner).orElse(null), declaration)
                && current.forPartner(partner).size() == candidates.size()
                && candidates.stream().allMatch(c -> fingerprints.get(c.id()).equals(status.fingerprint(c.id()))
                && current.forPartner(partner).stream().anyMatch(m -> m.id().equals(c.id()) && m.version() == c.version()));
        List<Mapping> next = new ArrayList<>(current.all().stream().filter(m -> !m.partner().equals(partner)).toList());
        next.addAll(candidates);
        active.activate(active.partners().with(declaration), new MappingCatalog(next));
        secrets.forget(partner);
        if (declaration.channels().restEnabled() && secrets.apply(partner).isEmpty()) {
            LOG.warn("Partner {} has no push secret: set {} or put it in the secrets folder (its pushes are refused with 403 until then)",
                    partner, declaration.secretEnvName());
        }
        String versions = candidates.stream().map(m -> m.id() + " v" + m.version()).collect(Collectors.joining(", "));
        ReloadOutcome outcome = new ReloadOutcome(partner, unchanged ? ReloadOutcome.Result.UNCHANGED : ReloadOutcome.Result.ACTIVATED,
                (unchanged ? "unchanged, " : "") + cases.size() + " golden case(s) passed; active: " + versions);
        status.recordActive(partner, candidates, fingerprints, outcome);
        LOG.info("Partner {} reloaded{}: {}", partner, unchanged ? " (nothing changed)" : "", outcome.reason());
        return outcome;
    }

    private ReloadOutcome withdraw(String partner, Path folder) {
        if (active.partners().find(partner).isEmpty() && active.catalog().forPartner(partner).isEmpty()) {
            return new ReloadOutcome(partner, ReloadOutcome.Result.UNCHANGED, folder + " is not a partner folder");
        }
        List<Mapping> rest = active.catalog().all().stream().filter(m -> !m.partner().equals(partner)).toList();
        active.activate(active.partners().without(partner), new MappingCatalog(rest));
        ReloadOutcome outcome = new ReloadOutcome(partner, ReloadOutcome.Result.WITHDRAWN,
                folder + " was removed: the partner and its mappings are withdrawn; its pushes are refused as unknown");
        status.recordWithdrawn(partner, outcome);
        LOG.warn("Partner {} withdrawn: {}", partner, outcome.reason());
        return outcome;
    }

    private ReloadOutcome refused(String partner, List<MappingStatus.Tried> tried, String reason) {
        ReloadOutcome outcome = new ReloadOutcome(partner, ReloadOutcome.Result.REFUSED, reason);
        status.recordRefused(partner, tried, outcome);
        LOG.warn("Reload of partner {} refused, the active mappings keep serving: {}", partner, reason);
        return outcome;
    }

    private String relative(Path file) {
        return status.relative(file);
    }
}
