package io.waybill.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.scoring.ScoringTopics;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The demo's alert subscriber: listens on the Artemis multicast address {@code alerts} as any
 * subscriber would, and reports one line per alert record it gets.
 */
public final class DemoAlerts implements AutoCloseable {

    private final Connection connection;

    private DemoAlerts(Connection connection) {
        this.connection = connection;
    }

    /** Subscribes now (a multicast address keeps nothing for subscribers that come later). */
    public static DemoAlerts subscribe(String artemisUrl, Consumer<String> lines) throws JMSException {
        ObjectMapper mapper = new ObjectMapper();
        Connection connection = new ActiveMQConnectionFactory(artemisUrl).createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic(ScoringTopics.ADDRESS_ALERTS));
        consumer.setMessageListener(message -> {
            try {
                JsonNode alert = mapper.readTree(((TextMessage) message).getText());
                lines.accept("alert on Artemis '" + ScoringTopics.ADDRESS_ALERTS + "': " + alert.path("state").asText() + " "
                        + alert.path("type").asText() + " " + alert.path("severity").asText() + " for "
                        + alert.path("entityType").asText() + " " + alert.path("entityId").asText() + " at "
                        + alert.path("at").asText() + ": " + alert.path("summary").asText());
            } catch (JMSException | IOException | ClassCastException e) {
                lines.accept("alert on Artemis '" + ScoringTopics.ADDRESS_ALERTS + "' not readable: " + e.getMessage());
            }
        });
        connection.start();
        return new DemoAlerts(connection);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            // The broker is going away with the hub: nothing left to tell.
        }
    }
}
