package io.waybill.bench;

import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The settings of a benchmark's own hub: throw-away data, loopback HTTP, distinct free ports for every listener. */
final class BenchHub {

    private BenchHub() {
    }

    /**
     * Settings for a hub on {@code dataDir} and {@code mappingsDir}, plus {@code extra} (name to value),
     * then any {@code -Dwaybill.*} given to the benchmark, which win.
     */
    static HubSettings settings(Path dataDir, Path mappingsDir, Map<String, String> extra) {
        Properties properties = new Properties();
        properties.setProperty(HubSettings.DATA_DIR.name(), dataDir.toString());
        properties.setProperty(HubSettings.MAPPINGS_DIR.name(), mappingsDir.toString());
        properties.setProperty(HubSettings.HTTP_HOST.name(), "127.0.0.1");
        // Distinct ports: a free port asked for twice can come back twice.
        int[] ports = PortCheck.freePorts(5);
        properties.setProperty(HubSettings.HTTP_PORT.name(), Integer.toString(ports[0]));
        properties.setProperty(HubSettings.KAFKA_PORT.name(), Integer.toString(ports[1]));
        properties.setProperty(HubSettings.KAFKA_CONTROLLER_PORT.name(), Integer.toString(ports[2]));
        properties.setProperty(HubSettings.ARTEMIS_PORT.name(), Integer.toString(ports[3]));
        properties.setProperty(HubSettings.MQTT_PORT.name(), Integer.toString(ports[4]));
        properties.putAll(extra);
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("waybill."))
                .forEach(name -> properties.setProperty(name, System.getProperty(name)));
        return HubSettings.resolve(Map.of(), properties);
    }
}
