package io.waybill.contract;

import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.golden.GoldenCase;
import io.waybill.mapping.golden.GoldenCaseRunner;
import io.waybill.mapping.golden.GoldenCases;
import io.waybill.schema.SchemaValidator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Every golden case under contract-tests/partners, run against the shipped mappings: one test per case. */
class GoldenCasesTest {

    @TestFactory
    Stream<DynamicTest> every_golden_case_maps_to_its_expected_events_or_error() {
        Path root = Path.of(System.getProperty("waybill.repo.root"));
        GoldenCaseRunner runner = new GoldenCaseRunner(MappingLoader.loadAll(root.resolve("mappings")), SchemaValidator.load(),
                PartnerRegistry.load(root.resolve("mappings")));
        List<GoldenCase> cases = GoldenCases.discover(root.resolve("contract-tests/partners"), null);
        assertThat(cases).as("golden cases under contract-tests/partners").isNotEmpty();
        return cases.stream().map(goldenCase -> DynamicTest.dynamicTest(goldenCase.label(), goldenCase.dir().toUri(), () -> {
            GoldenCaseRunner.Result result = runner.run(goldenCase);
            if (!result.passed()) {
                fail(String.join("\n", result.differences()));
            }
        }));
    }
}
