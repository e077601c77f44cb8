package io.waybill.mapping.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One golden case: a folder {@code <partnersDir>/<partner>/<case>/} holding the input,
 * {@code input.<format>} ({@code input.json}, or {@code input.x12}, {@code input.edifact}... for
 * formats an adapter reads), and either {@code expected.json} (the canonical events, whole) or {@code expected-error.json}
 * (the stage, field and text of the error the mapping must raise), optionally beside {@code expected.json}
 * {@code expected-rejected.json} (the items of a batch, or of a document its rest channel splits, that must
 * be refused, each with its error), and optionally {@code channel}
 * (the channel the input arrives on, {@code rest} when absent).
 *
 * @param partner the partner folder name, used as the document's partner
 * @param name    the case folder name
 * @param dir     the case folder
 */
public record GoldenCase(String partner, String name, Path dir) {

    /** The input of a JSON case; other formats are {@code input.<format>}. */
    public static final String INPUT = "input.json";
    private static final String INPUT_PREFIX = "input.";
    public static final String EXPECTED = "expected.json";
    public static final String EXPECTED_ERROR = "expected-error.json";
    /**
     * Optional beside {@link #EXPECTED}: the items of the input that must be refused (dead-lettered), a
     * JSON array of {@code {"item": N, "stage", "field", "contains"}}, N the item's 0-based position.
     */
    public static final String EXPECTED_REJECTED = "expected-rejected.json";

    /** {@code <partner>/<case>}: how reports and test names refer to the case. */
    public String label() {
        return partner + "/" + name;
    }

    /** The case's input file: the one {@code input.*} in its folder ({@code input.json} when there is none). */
    public Path input() {
        List<Path> inputs = inputs(dir);
        return inputs.isEmpty() ? dir.resolve(INPUT) : inputs.get(0);
    }

    /** The input's format, from its file name: {@code json}, {@code x12}, {@code edifact}. */
    public String format() {
        String name = input().getFileName().toString();
        return name.substring(INPUT_PREFIX.length());
    }

    /** Every {@code input.*} file in a folder, sorted; a case has exactly one. */
    static List<Path> inputs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(INPUT_PREFIX)
                            && f.getFileName().toString().length() > INPUT_PREFIX.length() && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Optional file naming the channel the input arrives on ({@code mqtt}); without it, {@code rest}. */
    public static final String CHANNEL = "channel";

    /** The channel the case's input arrives on: the one word in its {@code channel} file, else {@code rest}. */
    public String channel() {
        Path file = dir.resolve(CHANNEL);
        if (!Files.isRegularFile(file)) {
            return "rest";
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public Path expected() {
        return dir.resolve(EXPECTED);
    }

    public Path expectedError() {
        return dir.resolve(EXPECTED_ERROR);
    }

    public Path expectedRejected() {
        return dir.resolve(EXPECTED_REJECTED);
    }

    @Override
    public String toString() {
        return label();
    }
}
