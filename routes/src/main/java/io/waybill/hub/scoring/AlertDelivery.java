package io.waybill.hub.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.scoring.AlertRecord;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Hands a scoring batch's alert records to Artemis: each to the multicast address {@code alerts},
 * or to the anycast queue {@code alerts.review} when its policy wants a person to decide, with the
 * {@link AlertHeaders} properties and the record's JSON as the body.
 *
 * <p>A batch goes in one local JMS transaction: the sends are not waited for one by one, and the
 * broker stores the batch with one commit. camel-jms sends (and waits for) each message on its own,
 * which made Artemis most of an alert's latency when a batch raised many alerts; putting the whole
 * route in a Spring JMS transaction does not work here, because its Kafka sends continue on other threads.
 *
 * <p>Every record carries its transition id as Artemis' duplicate id, so a record sent again (a
 * batch retried after a failure, a replay) is dropped by the broker. Artemis rolls back a whole
 * transaction that holds a duplicate: such a batch is then sent again one message at a time, where
 * only the duplicates are dropped.
 */
public final class AlertDelivery extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    private final ConnectionFactory factory;
    private final String alertsAddress;
    private final String reviewAddress;
    private final ObjectMapper mapper = new ObjectMapper();

    private Connection connection;
    private Session transacted;
    private Session single;
    private MessageProducer transactedProducer;
    private MessageProducer singleProducer;
    private Destination alerts;
    private Destination review;

    public AlertDelivery(ConnectionFactory factory, String alertsAddress, String reviewAddress) {
        this.factory = factory;
        this.alertsAddress = alertsAddress;
        this.reviewAddress = reviewAddress;
    }

    /** Sends the records, in order, as one transaction; returns once Artemis has stored them. */
    public synchronized void deliver(List<AlertRecord> records) throws JMSException, JsonProcessingException {
        if (records == null || records.isEmpty()) {
            return;
        }
        try {
            open();
            for (AlertRecord record : records) {
                transactedProducer.send(destination(record), message(transacted, record));
            }
            transacted.commit();
        } catch (JMSException e) {
            if (!duplicate(e)) {
                // The connection may be gone (broker restart): the next batch opens a new one.
                disconnect();
                throw e;
            }
            transacted.rollback();
            LOG.info("Artemis refused a batch of {} alert record(s) as a whole, for one sent before; sending them one by one,"
                    + " dropping those sent before", records.size());
            for (AlertRecord record : records) {
                singleProducer.send(destination(record), message(single, record));
            }
        } catch (RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    /** Whether Artemis refused the send, or the transaction, because it holds a message sent before. */
    private static boolean duplicate(JMSException e) {
        if (e instanceof TransactionRolledBackException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private Destination destination(AlertRecord record) {
        return record.toReview() ? review : alerts;
    }

    private TextMessage message(Session session, AlertRecord record) throws JMSException, JsonProcessingException {
        TextMessage message = session.createTextMessage(mapper.writeValueAsString(record));
        message.setStringProperty(AlertHeaders.ALERT_ID, record.alertId());
        message.setStringProperty(AlertHeaders.STATE, record.state().name());
        message.setStringProperty(AlertHeaders.TYPE, record.type());
        message.setStringProperty(AlertHeaders.SEVERITY, record.severity());
        message.setStringProperty(AlertHeaders.ENTITY_TYPE, record.entityType());
        message.setStringProperty(AlertHeaders.ENTITY_ID, record.entityId());
        message.setStringProperty(AlertHeaders.POLICY, record.policy().id() + " v" + record.policy().version());
        message.setStringProperty(AlertHeaders.DUPLICATE_ID, record.transitionId());
        return message;
    }

    private void open() throws JMSException {
        if (connection != null) {
            return;
        }
        try {
            connection = factory.createConnection();
            transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            single = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            alerts = transacted.createTopic(alertsAddress);
            review = transacted.createQueue(reviewAddress);
            transactedProducer = transacted.createProducer(null);
            singleProducer = single.createProducer(null);
            connection.start();
        } catch (JMSException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    private void disconnect() {
        Connection open = connection;
        connection = null;
        transacted = null;
        single = null;
        transactedProducer = null;
        singleProducer = null;
        if (open != null) {
            try {
                open.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the alert connection to Artemis: {}", e.getMessage());
            }
        }
    }

    @Override
    protected void doStop() {
        synchronized (this) {
            disconnect();
        }
    }
}
