package io.waybill.contract;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Devices publishing to an MQTT broker, QoS 1: each publish returns once the broker has acknowledged it. */
final class MqttDevices implements AutoCloseable {

    static final String PARTNER = "coldchain-gateways";
    /** paho's "too many publishes in progress". */
    private static final int MAX_INFLIGHT = 32202;

    private final MqttClient client;

    MqttDevices(String brokerUrl) throws MqttException {
        this(brokerUrl, new MqttConnectionOptions());
    }

    /** Devices connecting with these options (a login, TLS properties). */
    MqttDevices(String brokerUrl, MqttConnectionOptions options) throws MqttException {
        client = new MqttClient(brokerUrl, "test-devices-" + UUID.randomUUID(), new MemoryPersistence());
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options);
    }

    /** The topic a Coldchain gateway publishes its readings on. */
    static String topic(String device) {
        return "telemetry/" + PARTNER + "/" + device + "/readings";
    }

    /** A valid Coldchain reading of {@code device} at {@code at}, about {@code asset}. */
    static String reading(String device, String asset, Instant at) {
        return """
                {"device_id":"%s","ts":%d,"asset":"%s","temp":3.4,"humidity":71.5,"door":"closed","battery":87,"setpoint":4.0}"""
                .formatted(device, at.toEpochMilli(), asset);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes and waits for the broker's PUBACK. Right after a broker restart, paho sometimes still
     * counts the previous publish as in flight and refuses the next one (reason 32202, "too many
     * publishes in progress"), although each publish waited for its acknowledgement; a device would
     * publish again, and so does this.
     */
    void publish(String topic, byte[] payload) throws MqttException {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            if (e.getReasonCode() != MAX_INFLIGHT) {
                throw e;
            }
            // Refused before it was sent: publishing again cannot double it.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    client.publish(topic, payload, 1, false);
                    return true;
                } catch (MqttException again) {
                    if (again.getReasonCode() != MAX_INFLIGHT) {
                        throw again;
                    }
                    return false;
                }
            });
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
