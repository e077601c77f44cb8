package io.waybill.contract;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Devices publishing to an MQTT broker, QoS 1: each publish returns once the broker has acknowledged it. */
final class MqttDevices implements AutoCloseable {

    static final String PARTNER = "coldchain-gateways";

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

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
