package io.waybill.mapping.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the golden cases under a partners folder: every {@code <partner>/<case>/} holding an {@code input.*} file. */
public final class GoldenCases {

    private GoldenCases() {
    }

    /**
     * The cases of every partner, or of one partner when {@code partnerOrNull} is given, sorted by
     * partner then case. A named partner without a folder is an error, not an empty run.
     */
    public static List<GoldenCase> discover(Path partnersDir, String partnerOrNull) {
        if (!Files.isDirectory(partnersDir)) {
            throw new IllegalArgumentException(partnersDir + ": no such folder of golden cases");
        }
        List<Path> partnerDirs;
        if (partnerOrNull != null) {
            Path dir = partnersDir.resolve(partnerOrNull);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + ": partner " + partnerOrNull + " has no golden cases folder");
            }
            partnerDirs = List.of(dir);
        } else {
            partnerDirs = subfolders(partnersDir);
        }
        List<GoldenCase> cases = new ArrayList<>();
        for (Path partnerDir : partnerDirs) {
            String partner = partnerDir.getFileName().toString();
            for (Path caseDir : subfolders(partnerDir)) {
                if (!GoldenCase.inputs(caseDir).isEmpty()) {
                    cases.add(new GoldenCase(partner, caseDir.getFileName().toString(), caseDir));
                }
            }
        }
        return cases;
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
