package io.waybill.hub.kafka;

import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;

import java.util.ConcurrentModificationException;
import java.util.Properties;

/**
 * Camel's Kafka idempotent repository, stopped completely. Its {@code doStop} (camel-kafka 4.17) closes the consumer
 * while its poller thread may still be inside {@code poll()}: the consumer refuses the close from another thread
 * ({@link ConcurrentModificationException}), the exception ends {@code doStop} before the producer is closed, and the
 * producer's network thread lives on, reconnecting forever once the brokers are gone. Here the stop is tried again
 * once the poller, already told to stop, has left its poll (it polls for at most {@code pollDurationMs}).
 */
public final class StoppableIdempotentRepository extends KafkaIdempotentRepository {

    private static final int ATTEMPTS = 20;

    public StoppableIdempotentRepository(String topic, Properties producerConfig, Properties consumerConfig) {
        super(topic, producerConfig, consumerConfig);
    }

    @Override
    protected void doStop() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                super.doStop();
                return;
            } catch (ConcurrentModificationException pollerStillPolling) {
                if (attempt == ATTEMPTS) {
                    throw pollerStillPolling;
                }
                Thread.sleep(getPollDurationMs());
            }
        }
    }
}
