package io.waybill.hub.mapping;

import io.waybill.mapping.Mapping;
import io.waybill.mapping.MappingLoader;
import io.waybill.adapter.support.PartnerRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of what a mapping is made of: its mapping file plus every file of its folder that the
 * mapping file names (its transform and code tables). Two loads with the same fingerprint behave
 * the same, so a changed fingerprint under an unchanged version is caught before it goes live.
 */
final class MappingFingerprint {

    private MappingFingerprint() {
    }

    static String of(Mapping mapping) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] declaration = Files.readAllBytes(mapping.file());
            digest.update(declaration);
            String text = new String(declaration, StandardCharsets.UTF_8);
            for (Path named : namedFiles(mapping.file().getParent(), text)) {
                digest.update(named.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(named));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(mapping.file() + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static List<Path> namedFiles(Path folder, String mappingText) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return !name.endsWith(MappingLoader.MAPPING_SUFFIX) && !name.equals(PartnerRegistry.DECLARATION_FILE)
                                && mappingText.contains(name);
                    })
                    .sorted()
                    .toList();
        }
    }
}
