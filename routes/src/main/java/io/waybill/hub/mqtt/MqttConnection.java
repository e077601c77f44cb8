package io.waybill.hub.mqtt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Keeps the MQTT subscription connected, and shows whether it is ({@code waybill_mqtt_connected}).
 *
 * <p>The subscription route ({@link #ROUTE_ID}) does not reconnect by itself (paho's automatic
 * reconnect is off): Camel's consumer resubscribes after paho reconnects, and when that resubscribe
 * fails the route stays connected but silent (CAMEL-24511, CAMEL-24523). Instead, this watchdog,
 * called every second, replaces the route's client whenever it is not connected: a new
 * {@link SubscribingClient} under the same client id takes over the consumer's callback, connects
 * without clean start and subscribes again:
 * the broker resumes the session and delivers what it queued meanwhile, including the messages the
 * hub had received but not yet acknowledged. It also starts the route in the first place, so a hub
 * whose broker is down at start-up starts anyway and subscribes once the broker is there.
 */
public final class MqttConnection {

    /** Id of the subscription route in ingress-mqtt.camel.yaml. */
    public static final String ROUTE_ID = "mqtt-ingress";
    /** Prometheus {@code waybill_mqtt_connected{connection, broker}}: 1 while subscribed, else 0. */
    public static final String METRIC = "waybill.mqtt.connected";

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final boolean enabled;
    private final String brokerUrl;
    private final String subscription;
    private final String clientId;
    private volatile boolean connected;
    private boolean everConnected;
    private boolean failureLogged;
    private boolean gaugeRegistered;
    private SubscribingClient client;
    private final java.util.concurrent.atomic.AtomicLong connection = new java.util.concurrent.atomic.AtomicLong();

    public MqttConnection(boolean enabled, String brokerUrl, String subscription, String clientId) {
        this.enabled = enabled;
        this.brokerUrl = brokerUrl;
        this.subscription = subscription;
        this.clientId = clientId;
    }

    /** Called by the watchdog route's timer (and once at start-up): connect or reconnect when needed. */
    public synchronized void check(CamelContext context) {
        registerGauge(context);
        // While Camel stops, the route is stopped on purpose: not a lost connection to restore.
        if (!enabled || !context.getStatus().isStarted()) {
            return;
        }
        ServiceStatus status = context.getRouteController().getRouteStatus(ROUTE_ID);
        boolean up = status != null && status.isStarted() && client != null && client.isConnected();
        if (up) {
            if (!connected) {
                LOG.info("MQTT: subscribed to {} on {} as client {}", subscription, brokerUrl, clientId);
            }
            connected = true;
            everConnected = true;
            failureLogged = false;
            return;
        }
        if (connected) {
            LOG.warn("MQTT: lost the connection to {}; reconnecting (the broker keeps the session and its messages)", brokerUrl);
        }
        connected = false;
        try {
            PahoMqtt5Consumer consumer = (PahoMqtt5Consumer) context.getRoute(ROUTE_ID).getConsumer();
            if (status != null && status.isStarted() && client != null) {
                // The route runs; only its connection is gone: a successor client takes over the consumer's
                // callback and subscribes again. Stopping the route instead would wait for its messages in
                // flight, whose acknowledgements are lost with the connection anyway.
                SubscribingClient next = client.successor();
                client.release();
                client = next;
                connection.incrementAndGet();
                consumer.setClient(next);
                next.subscribe(consumer.getEndpoint().getTopic(), consumer.getEndpoint().getConfiguration().getQos());
            } else {
                release();
                client = SubscribingClient.of(consumer.getEndpoint().getConfiguration());
                connection.incrementAndGet();
                consumer.setClient(client);
                context.getRouteController().startRoute(ROUTE_ID);
            }
            if (client.isConnected()) {
                LOG.info("MQTT: subscribed to {} on {} as client {}{}", subscription, brokerUrl, clientId,
                        everConnected ? " again" : "");
                connected = true;
                everConnected = true;
                failureLogged = false;
            }
        } catch (Exception e) {
            if (!failureLogged) {
                LOG.warn("MQTT: cannot subscribe to {} on {} as client {}: {}; trying again every second", subscription,
                        brokerUrl, clientId, rootMessage(e));
                failureLogged = true;
            }
            stopFailedStart(context);
        }
    }

    /** A route whose start failed is stopped, so the next check starts it afresh; a running route is left alone. */
    private static void stopFailedStart(CamelContext context) {
        ServiceStatus status = context.getRouteController().getRouteStatus(ROUTE_ID);
        if (status != null && !status.isStarted() && !status.isStopped()) {
            try {
                context.getRouteController().stopRoute(ROUTE_ID, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception stopFailure) {
                LOG.debug("MQTT: stopping the failed subscription route failed", stopFailure);
            }
        }
    }

    /**
     * Which connection the subscription is on: it changes whenever the route gets a new client. A
     * message received on an earlier connection must not be acknowledged on a later one.
     */
    public long connection() {
        return connection.get();
    }

    /** Whether the subscription is connected now. */
    public boolean connected() {
        return connected;
    }

    /** Once the routes are stopped: disconnects, leaving the session (and what it queues) to the broker. */
    public synchronized void release() {
        if (client != null) {
            client.release();
            client = null;
        }
        connected = false;
    }

    private void registerGauge(CamelContext context) {
        if (gaugeRegistered) {
            return;
        }
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            Gauge.builder(METRIC, this, c -> c.connected ? 1 : 0)
                    .description("1 while the hub's MQTT subscription is connected, else 0")
                    .tag("connection", ROUTE_ID)
                    .tag("broker", brokerUrl)
                    .register(registry);
            gaugeRegistered = true;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
