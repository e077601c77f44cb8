package io.waybill.hub.kafka;

import io.waybill.hub.config.StartupException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the hub's topics when they are missing, before any route starts: the idempotent
 * repository needs its compacted topic to exist, and downstream consumers should find every
 * documented topic even before the first event.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensureTopics(String bootstrapServers, int partitions, int replicationFactor) {
        short replication = (short) replicationFactor;
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(Topics.RAW, partitions, replication));
        wanted.add(new NewTopic(Topics.DLQ, partitions, replication));
        wanted.add(new NewTopic(Topics.IDEMPOTENCY, partitions, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        wanted.add(new NewTopic(Topics.SMOOTHING, partitions, replication));
        wanted.add(new NewTopic(Topics.POLL_CURSORS, 1, replication)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        for (String topic : Topics.canonicalV1()) {
            wanted.add(new NewTopic(topic, partitions, replication));
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot create the hub's topics on Kafka at " + bootstrapServers
                    + " (setting waybill.kafka.bootstrap-servers): " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while creating topics", e);
        }
    }
}
