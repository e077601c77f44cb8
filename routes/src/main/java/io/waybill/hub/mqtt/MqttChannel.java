package io.waybill.hub.mqtt;

import io.waybill.adapter.mqtt.DeviceMessages;
import io.waybill.adapter.support.DeviceTopic;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.StartupException;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * The MQTT channel's settings, checked, and the beans ingress-mqtt.camel.yaml calls. The broker
 * connection (login, TLS) is configured once on the paho-mqtt5 component; the route names the
 * subscription and its session.
 */
public final class MqttChannel {

    private static final Logger LOG = LoggerFactory.getLogger(MqttChannel.class);

    /** The endpoint the batches go to: the route {@code ingest-mqtt-batch}. */
    public static final String BATCH_ENDPOINT = "direct:ingest-mqtt-batch";

    private MqttChannel() {
    }

    /**
     * Binds the beans and sets the placeholders the route uses ({@code waybill.mqtt.url} resolved,
     * {@code waybill.mqtt.subscription}, {@code waybill.mqtt.client-id} resolved).
     *
     * @param embeddedMqttUrl the embedded Artemis's MQTT URL, used when no external broker is set
     */
    public static MqttConnection bind(Main main, HubSettings settings, Properties properties, ActiveMappings mappings,
                                      String embeddedMqttUrl, Clock clock) {
        String url = settings.get(HubSettings.MQTT_URL).isBlank() ? embeddedMqttUrl : settings.get(HubSettings.MQTT_URL);
        String topic = settings.get(HubSettings.MQTT_TOPIC);
        String group = settings.get(HubSettings.MQTT_SHARE_GROUP);
        String subscription = group.isEmpty() ? topic : "$share/" + group + "/" + topic;
        String clientId = settings.get(HubSettings.MQTT_CLIENT_ID).isBlank() ? defaultClientId() : settings.get(HubSettings.MQTT_CLIENT_ID);
        properties.setProperty(HubSettings.MQTT_URL.name(), url);
        properties.setProperty(HubSettings.MQTT_CLIENT_ID.name(), clientId);
        properties.setProperty("waybill.mqtt.subscription", subscription);

        boolean enabled = settings.get(HubSettings.MQTT_ENABLED);
        if (enabled) {
            warnUncovered(mappings, topic);
        }
        main.bind("paho-mqtt5", component(settings, url));
        int maxPayload = settings.get(HubSettings.MQTT_MAX_PAYLOAD_BYTES);
        DeviceMessages messages = new DeviceMessages(maxPayload, "setting " + HubSettings.MQTT_MAX_PAYLOAD_BYTES.name());
        MqttConnection connection = new MqttConnection(enabled, url, subscription, clientId);
        MqttBatches batches = new MqttBatches(messages, mappings, connection::connection, settings.get(HubSettings.MQTT_BATCH_LANES),
                settings.get(HubSettings.MQTT_BATCH_SIZE), Duration.ofMillis(settings.get(HubSettings.MQTT_BATCH_LINGER_MS)),
                BATCH_ENDPOINT, clock);
        main.bind("mqttBatches", batches);
        // Started and stopped with Camel, after the routes stop, so batches in flight still reach Kafka.
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                batches.setCamelContext(configured.getCamelContext());
                try {
                    configured.getCamelContext().addService(batches, true, true);
                } catch (Exception e) {
                    throw new StartupException("cannot start MQTT batching: " + e.getMessage(), e);
                }
            }
        });
        main.bind("mqttIntake", new MqttIntake(messages, maxPayload));
        main.bind("mqttConnection", connection);
        return connection;
    }

    private static PahoMqtt5Component component(HubSettings settings, String url) {
        PahoMqtt5Component component = new PahoMqtt5Component();
        PahoMqtt5Configuration configuration = component.getConfiguration();
        if (!settings.get(HubSettings.MQTT_USERNAME).isBlank()) {
            configuration.setUserName(settings.get(HubSettings.MQTT_USERNAME));
            configuration.setPassword(settings.get(HubSettings.MQTT_PASSWORD));
        } else if (!settings.get(HubSettings.MQTT_PASSWORD).isBlank()) {
            throw new StartupException("setting " + HubSettings.MQTT_PASSWORD.name() + " is set but "
                    + HubSettings.MQTT_USERNAME.name() + " is empty: set the user name too");
        }
        Properties tls = new Properties();
        String trustStore = store(settings, HubSettings.MQTT_TRUST_STORE);
        String keyStore = store(settings, HubSettings.MQTT_KEY_STORE);
        if (trustStore != null) {
            tls.setProperty("com.ibm.ssl.trustStore", trustStore);
            tls.setProperty("com.ibm.ssl.trustStorePassword", settings.get(HubSettings.MQTT_TRUST_STORE_PASSWORD));
        }
        if (keyStore != null) {
            tls.setProperty("com.ibm.ssl.keyStore", keyStore);
            tls.setProperty("com.ibm.ssl.keyStorePassword", settings.get(HubSettings.MQTT_KEY_STORE_PASSWORD));
        }
        if (!tls.isEmpty()) {
            if (!url.startsWith("ssl://") && !url.startsWith("wss://")) {
                throw new StartupException("settings " + HubSettings.MQTT_TRUST_STORE.name() + "/" + HubSettings.MQTT_KEY_STORE.name()
                        + " apply to an ssl:// or wss:// broker, but " + HubSettings.MQTT_URL.name() + " is " + url);
            }
            configuration.setSslClientProps(tls);
        }
        return component;
    }

    private static String store(HubSettings settings, io.waybill.hub.config.Setting<String> setting) {
        String value = settings.get(setting);
        if (value.isBlank()) {
            return null;
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw new StartupException("setting " + setting.name() + " (env " + setting.envName() + ") names " + path
                    + ", which is not a readable file");
        }
        return path.toString();
    }

    /** A partner whose devices publish outside the hub's subscription would never be heard: say so. */
    private static void warnUncovered(ActiveMappings mappings, String hubTopic) {
        for (PartnerDeclaration partner : mappings.partners().all()) {
            for (PartnerDeclaration.Mqtt mqtt : partner.channels().mqttFeeds()) {
                if (!covers(hubTopic, DeviceTopic.parse(mqtt.topic()).filter())) {
                    LOG.warn("Partner {} publishes on {}, outside the hub's MQTT subscription {} (setting {}): its messages"
                            + " are not received", partner.id(), mqtt.topic(), hubTopic, HubSettings.MQTT_TOPIC.name());
                }
            }
        }
    }

    /** Whether every topic {@code inner} matches also matches {@code outer}. */
    static boolean covers(String outer, String inner) {
        String[] o = outer.split("/", -1);
        String[] i = inner.split("/", -1);
        for (int level = 0; level < o.length; level++) {
            if (o[level].equals("#")) {
                return true;
            }
            if (level >= i.length || i[level].equals("#")) {
                return false;
            }
            if (!o[level].equals("+") && (i[level].equals("+") || !o[level].equals(i[level]))) {
                return false;
            }
        }
        return o.length == i.length;
    }

    private static String defaultClientId() {
        try {
            return "waybill-" + InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            return "waybill-hub";
        }
    }
}
