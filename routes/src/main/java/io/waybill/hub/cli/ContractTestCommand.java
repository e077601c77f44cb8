package io.waybill.hub.cli;

import io.waybill.adapter.support.InvalidDeclarationException;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.config.HubSettings;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.golden.GoldenCase;
import io.waybill.mapping.golden.GoldenCaseRunner;
import io.waybill.mapping.golden.GoldenCases;
import io.waybill.schema.SchemaValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./waybill contract-test [PARTNER]}: runs the golden cases against the mappings, no hub or broker needed. */
@Command(name = "contract-test", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the golden cases (input.json with expected.json or expected-error.json, one folder per case) "
                + "against the mappings. Prints PASS or FAIL per case, one line per difference, and the totals."},
        footer = {"", "Exit codes: 0 every case passed, 1 a case failed, no case was found, or the cases or mappings could not be read.",
                "Example: ./waybill contract-test acme-freight"})
public final class ContractTestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PARTNER", description = "Only this partner's cases. Default: every partner.")
    private String partner;

    @Option(names = "--cases", paramLabel = "DIR",
            description = "Folder of golden cases, <partner>/<case>/. Default: the waybill.golden-cases-dir setting (contract-tests/partners next to the mappings folder).")
    private Path casesDir;

    @Option(names = "--mappings", paramLabel = "DIR",
            description = "Folder of partner mappings. Default: the waybill.mappings-dir setting.")
    private Path mappingsDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HubSettings settings = HubSettings.fromProcess();
        Path mappings = mappingsDir != null ? mappingsDir : settings.path(HubSettings.MAPPINGS_DIR);
        List<GoldenCase> cases;
        GoldenCaseRunner runner;
        try {
            cases = GoldenCases.discover(casesDir != null ? casesDir : settings.goldenCasesDir(mappingsDir), partner);
            MappingCatalog catalog = MappingLoader.loadAll(mappings);
            runner = new GoldenCaseRunner(catalog, SchemaValidator.load(), PartnerRegistry.load(mappings));
        } catch (IllegalArgumentException | UncheckedIOException | MappingException | InvalidDeclarationException e) {
            err.println("waybill contract-test: " + e.getMessage());
            err.flush();
            return 1;
        }
        int failed = 0;
        for (GoldenCase goldenCase : cases) {
            GoldenCaseRunner.Result result = runner.run(goldenCase);
            if (result.passed()) {
                out.println("PASS " + goldenCase.label());
            } else {
                failed++;
                out.println("FAIL " + goldenCase.label());
                result.differences().forEach(line -> out.println("  " + line));
            }
        }
        out.println(cases.size() + " case(s): " + (cases.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 && !cases.isEmpty() ? 0 : 1;
    }
}
