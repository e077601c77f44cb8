package io.waybill.hub.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's settings table is generated from {@link HubSettings}; this keeps the copy from drifting. */
class ReadmeSettingsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "<!-- settings:begin -->";
    private static final String END = "<!-- settings:end -->";
    private static final String HOW_TO_FIX = "regenerate with ./waybill settings and paste between the markers "
            + BEGIN + " and " + END + " in README.md";

    @Test
    void readme_lists_exactly_the_declared_settings() throws Exception {
        assertThat(README).as("README.md at the repository root is missing; " + HOW_TO_FIX).isRegularFile();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has no " + BEGIN + " marker; " + HOW_TO_FIX).isNotNegative();
        assertThat(end).as("README.md has no " + END + " marker after " + BEGIN + "; " + HOW_TO_FIX).isGreaterThan(begin);

        String table = readme.substring(begin + BEGIN.length(), end).strip();

        assertThat(table).as("README.md settings table is out of date; " + HOW_TO_FIX)
                .isEqualTo(HubSettings.markdownTable().strip());
    }
}
