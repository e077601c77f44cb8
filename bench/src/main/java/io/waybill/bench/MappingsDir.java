package io.waybill.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's {@code mappings/} folder is, for benchmarks that load the real mappings. */
final class MappingsDir {

    private MappingsDir() {
    }

    /**
     * {@code -Dbench.mappings-dir} (the scripts set it), else the nearest {@code mappings/} above the
     * working directory that holds {@code partner}'s folder.
     */
    static Path locate(String partner) {
        String given = System.getProperty("bench.mappings-dir");
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mappings").resolve(partner).resolve("partner.yaml"))) {
                return dir.resolve("mappings");
            }
        }
        throw new IllegalStateException("cannot find the repository's mappings/" + partner
                + " above " + Path.of("").toAbsolutePath() + ": run from the repository or pass -Dbench.mappings-dir");
    }
}
