package io.waybill.hub.demo;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's MQTT traffic: Coldchain Gateways readings published with QoS 1 to the broker the hub
 * subscribes to, as the gateways on two trailers would, plus two the hub refuses (a gateway claiming
 * to be another, and a sensor fault). One line per publish.
 */
public final class DemoMqtt {

    private static final String PARTNER = "coldchain-gateways";

    private final String brokerUrl;
    private final Clock clock;

    public DemoMqtt(String brokerUrl, Clock clock) {
        this.brokerUrl = brokerUrl;
        this.clock = clock;
    }

    private record Publish(String device, String payload, String expect) {
    }

    public void send(Consumer<String> out) {
        long now = clock.millis();
        List<Publish> publishes = List.of(
                new Publish("CG-0001", reading("CG-0001", "TRLR-4411", now - 120_000, "3.4", ",\"probes\":[{\"id\":\"P1\",\"temp\":3.1},{\"id\":\"P2\",\"temp\":3.6}]"),
                        "telemetry for TRLR-4411"),
                new Publish("CG-0001", reading("CG-0001", "TRLR-4411", now - 60_000, "3.9", ",\"door\":\"open\""),
                        "telemetry for TRLR-4411 (door open)"),
                new Publish("CG-0002", reading(null, "TRLR-5120", now - 30_000, "38.5", ",\"unit\":\"F\",\"gps\":{\"lat\":52.3676,\"lon\":4.9041}"),
                        "telemetry for TRLR-5120 (°F, device from the topic)"),
                new Publish("CG-0002", reading("CG-0003", "TRLR-5120", now - 20_000, "3.0", ""),
                        "dlq.v1: spoofed device (payload names CG-0003)"),
                new Publish("CG-0001", reading("CG-0001", "TRLR-4411", now - 10_000, "900", ""),
                        "dlq.v1: temperature outside the sensor range"));
        MqttClient client = null;
        try {
            client = new MqttClient(brokerUrl, "waybill-demo-gateways", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout(10);
            client.connect(options);
            for (Publish publish : publishes) {
                String topic = "telemetry/" + PARTNER + "/" + publish.device + "/readings";
                client.publish(topic, publish.payload.getBytes(StandardCharsets.UTF_8), 1, false);
                out.accept(String.format("mqtt %-44s QoS 1 acknowledged by the broker -> %s", topic, publish.expect));
            }
            client.disconnect();
        } catch (MqttException e) {
            out.accept("mqtt: cannot publish the demo readings to " + brokerUrl + ": " + e.getMessage());
        } finally {
            if (client != null) {
                try {
                    client.close();
                } catch (MqttException ignored) {
                    // the demo goes on without it
                }
            }
        }
    }

    private static String reading(String device, String asset, long ts, String temp, String more) {
        return "{" + (device == null ? "" : "\"device_id\":\"" + device + "\",") + "\"ts\":" + ts + ",\"asset\":\"" + asset
                + "\",\"temp\":" + temp + ",\"humidity\":71.5,\"battery\":87,\"setpoint\":4.0" + more + "}";
    }
}
