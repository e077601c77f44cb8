package io.waybill.hub.scoring;

import io.waybill.hub.config.StartupException;
import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The topics and Artemis addresses of scoring and alerting, named once. */
public final class ScoringTopics {

    /** Alert lifecycle records (JSON, {@code AlertRecord}), keyed by {@code <entity id>/<alert type>}: the audit trail. */
    public static final String ALERTS = "alerts.v1";
    /** Score updates with their inputs (JSON, {@code ScoreRecord}), keyed by entity id. */
    public static final String SCORES = "scores.v1";
    /** Compacted: each scored entity's state, keyed by {@code asset/<id>} or {@code shipment/<id>}; read at start-up. */
    public static final String STATE = "waybill.scoring-state";
    /** The consumer group of the scoring route: its committed offsets and the state topic move together. */
    public static final String GROUP_ID = "waybill-scoring";
    /** Artemis multicast address (a JMS topic) every subscriber gets every alert on. */
    public static final String ADDRESS_ALERTS = "alerts";
    /** Artemis anycast queue of alerts raised with low confidence: a person decides. */
    public static final String ADDRESS_REVIEW = "alerts.review";

    private ScoringTopics() {
    }

    /** The canonical topics scoring reads: telemetry, shipment statuses and ETAs. */
    public static List<String> inputs() {
        return List.of(new SchemaRef(EventType.TELEMETRY, 1).topic(), new SchemaRef(EventType.SHIPMENT_STATUS, 1).topic(),
                new SchemaRef(EventType.ETA, 1).topic());
    }

    /** Creates alerts.v1, scores.v1 and the compacted state topic when missing. */
    public static void ensure(String bootstrapServers, int partitions, int replicationFactor) {
        short replication = (short) replicationFactor;
        List<NewTopic> wanted = List.of(new NewTopic(ALERTS, partitions, replication), new NewTopic(SCORES, partitions, replication),
                new NewTopic(STATE, partitions, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot create the scoring topics on Kafka at " + bootstrapServers
                    + " (setting waybill.kafka.bootstrap-servers): " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while creating the scoring topics", e);
        }
    }
}
