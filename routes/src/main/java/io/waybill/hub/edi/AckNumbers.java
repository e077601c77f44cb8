package io.waybill.hub.edi;

import io.waybill.hub.config.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Control numbers of the acknowledgments the hub sends (ISA13 / UNB 0020), taken from Kafka offsets.
 * Before it builds acknowledgments, the hub writes one record per acknowledgment to the single-partition
 * topic {@link #TOPIC} (key: partner, value: the interchange it answers); the offset Kafka gives that
 * record becomes the acknowledgment's control number.
 *
 * <p>Why offsets: the broker hands them out, so no two hub instances ever get the same one, they only
 * grow, and they survive restarts of any hub (a counter kept by the hub would need a lock or a
 * read-modify-write that two instances could interleave). One partition, so that an offset is unique
 * on the whole topic: each partner's numbers increase but are not consecutive, which the standards allow
 * (a control number must not repeat for a sender; it need not be the previous one plus one). The topic is
 * an audit trail as well: which number answered which interchange, when.
 */
public final class AckNumbers {

    /** Single-partition topic whose offsets number the acknowledgments; key partner, value interchange key. */
    public static final String TOPIC = "waybill.edi.ack-numbers";
    /** ISA13 and UNB 0020 hold at most nine digits; numbering wraps after that. */
    public static final long MAX_CONTROL_NUMBER = 999_999_999L;
    /** How long the audit trail keeps records (30 days): the numbers do not depend on it. */
    private static final String RETENTION_MS = Long.toString(30L * 24 * 3600 * 1000);

    private AckNumbers() {
    }

    /** The control number for a record written at {@code offset}: 1 for offset 0, wrapping after 999999999. */
    public static long controlNumber(long offset) {
        return offset % MAX_CONTROL_NUMBER + 1;
    }

    /**
     * Creates the topic when it is missing; refuses to start when it exists with more than one
     * partition (offsets of different partitions overlap, so numbers could repeat).
     */
    public static void ensureTopic(String bootstrapServers, int replicationFactor) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!existing.contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) replicationFactor)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, RETENTION_MS)))).all().get(30, TimeUnit.SECONDS);
                return;
            }
            TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
            if (description.partitions().size() != 1) {
                throw new StartupException("topic " + TOPIC + " has " + description.partitions().size()
                        + " partitions; EDI acknowledgment numbers need exactly one (delete it and let the hub create it)");
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return; // another instance created it at the same moment
            }
            throw new StartupException("cannot create topic " + TOPIC + " on Kafka at " + bootstrapServers
                    + " (setting waybill.kafka.bootstrap-servers): " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while creating topic " + TOPIC, e);
        }
    }
}
