package io.waybill.contract;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledgments as a partner's JMS consumer receives them from its Artemis queue {@code edi.acks.<partner>}. */
final class EdiAcks {

    private EdiAcks() {
    }

    /** The acknowledgment of one interchange ({@code X12/02/ACMF/000000905}), waiting up to 10 s for it. */
    static Message onArtemis(String artemisUrl, String partner, String interchange, boolean duplicate) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(artemisUrl);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("edi.acks." + partner),
                    "waybill_interchange = '" + interchange + "' AND waybill_ack_duplicate = " + duplicate);
            Message message = consumer.receive(10_000);
            assertThat(message).as("an acknowledgment on edi.acks." + partner + " for " + interchange).isNotNull();
            return message;
        }
    }
}
