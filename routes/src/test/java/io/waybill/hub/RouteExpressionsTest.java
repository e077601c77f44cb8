package io.waybill.hub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes' simple expressions never call a method (OGNL) on a collection, nor on the EDI receipt.
 * Camel evaluates {@code ${body.size}} or {@code ${variable.x.y}} through its bean cache: it hashes
 * the object called, which for a batch means every document's JSON tree, and keeps it as a cache key,
 * up to 1,000 of them. A batch route that counted {@code ${body.size}} kept the last thousand batches
 * in memory and spent a few per cent of its CPU hashing them. Counts come from variables the beans set.
 */
class RouteExpressionsTest {

    private static final Path ROUTES = Path.of("src", "main", "resources", "routes");
    /** {@code ${<anything>.size}} or {@code .size()}, and any call on the receipt. */
    private static final Pattern HEAVY_OGNL = Pattern.compile("\\$\\{[^}]*\\.(size|length)(\\(\\))?}|\\$\\{variable\\.ediReceipt\\.");

    @Test
    void noExpressionCallsAMethodOnACollectionOrTheEdiReceipt() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(ROUTES)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = HEAVY_OGNL.matcher(lines.get(i));
                while (matcher.find()) {
                    found.add(file.getFileName() + ":" + (i + 1) + " " + matcher.group());
                }
            }
        }
        assertThat(found).as("expressions that hash and keep what they call; set a count variable in a bean instead").isEmpty();
    }
}
