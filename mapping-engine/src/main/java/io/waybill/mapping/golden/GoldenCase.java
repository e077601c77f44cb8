package io.waybill.mapping.golden;

import java.nio.file.Path;

/**
 * One golden case: a folder {@code <partnersDir>/<partner>/<case>/} holding {@code input.json}
 * and either {@code expected.json} (the canonical events, whole) or {@code expected-error.json}
 * (the stage, field and text of the error the mapping must raise).
 *
 * @param partner the partner folder name, used as the document's partner
 * @param name    the case folder name
 * @param dir     the case folder
 */
public record GoldenCase(String partner, String name, Path dir) {

    public static final String INPUT = "input.json";
    public static final String EXPECTED = "expected.json";
    public static final String EXPECTED_ERROR = "expected-error.json";

    /** {@code <partner>/<case>}: how reports and test names refer to the case. */
    public String label() {
        return partner + "/" + name;
    }

    public Path input() {
        return dir.resolve(INPUT);
    }

    public Path expected() {
        return dir.resolve(EXPECTED);
    }

    public Path expectedError() {
        return dir.resolve(EXPECTED_ERROR);
    }

    @Override
    public String toString() {
        return label();
    }
}
