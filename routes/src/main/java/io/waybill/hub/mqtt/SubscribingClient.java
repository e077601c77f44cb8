package io.waybill.hub.mqtt;

import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The paho client of the subscription route, handed to its Camel consumer before the route starts.
 * It connects only when the consumer subscribes, that is after the consumer has set its callback.
 * Camel's consumer, left to itself, connects first and sets its callback afterwards: a broker that
 * resumes the session sends the messages it queued right after CONNACK (Mosquitto does), they find
 * no callback, are never acknowledged, and stay stuck in flight until the next reconnect.
 */
final class SubscribingClient extends MqttClient {

    private static final long WAIT_MILLIS = 10_000;

    private final MqttConnectionOptions options;
    private volatile MqttCallback callback;

    private SubscribingClient(String brokerUrl, String clientId, MqttConnectionOptions options) throws MqttException {
        super(brokerUrl, clientId, new MemoryPersistence());
        this.options = options;
        // Acknowledged by the consumer once each message's batch is durable.
        setManualAcks(true);
        // paho waits for CONNACK and SUBACK forever by default: a broker that accepts the connection and
        // then says nothing (one that is stopping) would hold the watchdog, and the reconnects, with it.
        setTimeToWait(WAIT_MILLIS);
    }

    /** A client with the route's endpoint settings: its broker, client id, session and login. */
    static SubscribingClient of(PahoMqtt5Configuration endpoint) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(endpoint.isCleanStart());
        options.setSessionExpiryInterval(endpoint.getSessionExpiryInterval());
        options.setReceiveMaximum(endpoint.getReceiveMaximum());
        options.setConnectionTimeout(endpoint.getConnectionTimeout());
        options.setKeepAliveInterval(endpoint.getKeepAliveInterval());
        // Reconnecting is MqttConnection's job: a new client, connected after the callback is set.
        options.setAutomaticReconnect(false);
        if (endpoint.getUserName() != null) {
            options.setUserName(endpoint.getUserName());
            options.setPassword(endpoint.getPassword() == null ? null : endpoint.getPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (endpoint.getSslClientProps() != null) {
            options.setSSLProperties(endpoint.getSslClientProps());
        } else if (endpoint.getBrokerUrl().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        return new SubscribingClient(endpoint.getBrokerUrl(), endpoint.getClientId(), options);
    }

    /** Camel's consumer sets its callback here: kept, so a successor can take it over. */
    @Override
    public void setCallback(MqttCallback callback) {
        this.callback = callback;
        super.setCallback(callback);
    }

    /**
     * A new client for a lost connection: same broker, client id and options, with the consumer's
     * callback in place before it connects (on {@link #subscribe}).
     */
    SubscribingClient successor() throws MqttException {
        SubscribingClient next = new SubscribingClient(getServerURI(), getClientId(), options);
        next.setCallback(callback);
        return next;
    }

    @Override
    public IMqttToken subscribe(String topicFilter, int qos) throws MqttException {
        if (!isConnected()) {
            connect(options);
        }
        return super.subscribe(topicFilter, qos);
    }

    /** Disconnects (if still connected) and frees the client; never fails. */
    void release() {
        try {
            if (isConnected()) {
                disconnect(2000);
            }
        } catch (MqttException | RuntimeException e) {
            // Going anyway: the broker drops the connection and keeps the session.
        }
        try {
            close(true);
        } catch (MqttException | RuntimeException e) {
            // Nothing left to free.
        }
    }
}
