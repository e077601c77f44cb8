package io.waybill.contract;

import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One hub per test JVM, on the real embedded Kafka and Artemis, free ports, a throw-away data
 * directory and the repository's own mappings. Started by the first test class that asks for
 * it and stopped when the JVM's tests are done.
 */
public final class SharedHub implements BeforeAllCallback {

    /** Test-only push secrets of the demo partners. */
    public static final Map<String, String> SECRETS = Map.of(
            "acme-freight", "test-secret-acme",
            "blue-ocean-lines", "test-secret-blue");

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (SharedHub.class) {
            if (running == null) {
                Path dataDir = Files.createTempDirectory("waybill-test-hub");
                running = new Running(startHub(dataDir), dataDir);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedHub.class.getName(), running);
            }
        }
    }

    public static WaybillHub hub() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedHub.class)");
        }
        return running.hub;
    }

    /** The repository root (surefire runs in the module directory). */
    public static Path repoRoot() {
        return Path.of(System.getProperty("waybill.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** A hub on free ports with its data under {@code dataDir}. */
    public static WaybillHub startHub(Path dataDir) {
        return WaybillHub.start(settings(dataDir), environment());
    }

    public static HubSettings settings(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), dataDir.toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), repoRoot().resolve("mappings").toString());
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_CONTROLLER_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.ARTEMIS_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.MQTT_PORT.name(), Integer.toString(PortCheck.freePort()));
        properties.setProperty(HubSettings.KAFKA_PARTITIONS.name(), "1");
        // Tests that wait for a scoring checkpoint should not wait half a minute for it.
        properties.setProperty(HubSettings.SCORING_CHECKPOINT_SECONDS.name(), "2");
        // Reads that tests send one after the other, awaiting each, still meet in their smoothing window on a slow machine.
        properties.setProperty(HubSettings.SMOOTHING_GRACE_MS.name(), "5000");
        return HubSettings.resolve(Map.of(), properties);
    }

    /** A test secret for every partner in the repository's mappings, so none starts without one. */
    public static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        for (PartnerDeclaration partner : PartnerRegistry.load(repoRoot().resolve("mappings")).all()) {
            environment.put(partner.secretEnvName(), SECRETS.getOrDefault(partner.id(), "test-secret-" + partner.id()));
        }
        return Map.copyOf(environment);
    }

    private record Running(WaybillHub hub, Path dataDir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            hub.close();
            deleteTree(dataDir);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
