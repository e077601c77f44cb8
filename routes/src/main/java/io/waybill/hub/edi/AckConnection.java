package io.waybill.hub.edi;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The hub's JMS connection to Artemis (the camel-jms component's connection factory): one
 * connection kept open and its sessions and producers reused, instead of a connection per message.
 * A Camel service, so the connection is closed when Camel stops, before the embedded broker does.
 */
public final class AckConnection extends ServiceSupport {

    private final CachingConnectionFactory factory;

    /** @param artemisUrl the broker, {@code tcp://host:port} */
    public AckConnection(String artemisUrl) {
        this.factory = new CachingConnectionFactory(new ActiveMQConnectionFactory(artemisUrl));
        factory.setSessionCacheSize(4);
    }

    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    protected void doStop() {
        factory.destroy();
    }
}
