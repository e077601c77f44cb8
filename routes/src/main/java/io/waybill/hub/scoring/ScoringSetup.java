package io.waybill.hub.scoring;

import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.StartupException;
import io.waybill.scoring.Policy;
import io.waybill.scoring.PolicyLoader;
import io.waybill.scoring.Scorer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Wires scoring into the hub before Camel starts: loads the policies, creates the topics, loads
 * the entities' state from the state topic, binds the beans and sets the route properties.
 */
public final class ScoringSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringSetup.class);

    private ScoringSetup() {
    }

    public static void bind(Main main, Properties properties, HubSettings settings, String bootstrap, String artemis) {
        Path folder = settings.policiesDir();
        List<Policy> policies = List.of();
        if (Files.isDirectory(folder)) {
            try {
                policies = PolicyLoader.loadAll(folder);
            } catch (PolicyLoader.PolicyException e) {
                throw new StartupException(e.getMessage() + " (setting " + HubSettings.POLICIES_DIR.name() + ")", e);
            }
        } else {
            LOG.warn("No alert policies at {} (setting {}): scoring and alerting are off", folder, HubSettings.POLICIES_DIR.name());
        }
        boolean enabled = !policies.isEmpty();
        Scorer scorer = new Scorer(policies, settings.get(HubSettings.SCORING_LATENESS_MINUTES));
        ScoringTopics.ensure(bootstrap, settings.get(HubSettings.KAFKA_PARTITIONS), settings.get(HubSettings.KAFKA_REPLICATION));
        Map<String, Long> resumeAt = Map.of();
        if (enabled) {
            resumeAt = ScoringState.load(bootstrap, scorer);
            LOG.info("Scoring with {} polic(ies) from {}: {}", policies.size(), folder,
                    policies.stream().map(p -> p.id() + " v" + p.version()).toList());
        }
        properties.setProperty("waybill.scoring.enabled", Boolean.toString(enabled));
        properties.setProperty("waybill.scoring.group-id", ScoringTopics.GROUP_ID);
        properties.setProperty("waybill.topic.scoring-inputs", String.join(",", ScoringTopics.inputs()));
        properties.setProperty("waybill.topic.alerts", ScoringTopics.ALERTS);
        ScoringCheckpoints checkpoints = new ScoringCheckpoints(bootstrap,
                Duration.ofSeconds(settings.get(HubSettings.SCORING_CHECKPOINT_SECONDS)));
        main.bind("scoringStep", new ScoringStep(scorer, checkpoints, resumeAt));
        AlertDelivery delivery = new AlertDelivery(new ActiveMQConnectionFactory(artemis), ScoringTopics.ADDRESS_ALERTS,
                ScoringTopics.ADDRESS_REVIEW);
        main.bind("alertDelivery", delivery);
        // Used from beans, so Camel does not start or stop them by itself. Services stop after the routes:
        // the last checkpoint is taken after the scoring route's last batch, and both close before the brokers.
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addService(checkpoints, true, true);
                    configured.getCamelContext().addService(delivery, true, true);
                } catch (Exception e) {
                    throw new StartupException("cannot start scoring's checkpoint writer and alert delivery: " + e.getMessage(), e);
                }
            }
        });
        main.bind("scoringQueries", new ScoringQueries(scorer));
    }
}
