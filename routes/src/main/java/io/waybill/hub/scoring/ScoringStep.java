package io.waybill.hub.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.hub.kafka.RecordHeaders;
import io.waybill.scoring.AlertRecord;
import io.waybill.scoring.Scorer;
import io.waybill.scoring.ScoreRecord;
import io.waybill.scoring.ScoringEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring route's processor (scoring.camel.yaml): turns a batch of canonical records into the
 * scorer's input, and the scorer's result into one Kafka batch (alert records to alerts.v1, changed
 * scores to scores.v1) and the alerts Artemis gets. It sends nothing itself: the route's steps do.
 *
 * <p>What a batch yields stays pending until the route says it was published ({@link #published}):
 * if a send fails, the next batch sends it again with its own (the scorer has taken the events, so
 * their redelivery yields nothing new). Records sent twice carry the same ids.
 *
 * <p>It also keeps the positions (next offset per canonical topic partition) of what it has scored
 * and published; {@link ScoringCheckpoints} writes them with the entities' state.
 */
public final class ScoringStep {

    /** Exchange variables the route reads. */
    public static final String ALERT_COUNT = "scoringAlertCount";
    public static final String ALERTS = "scoringAlerts";
    /** How many records (alerts and scores) the body holds for Kafka. */
    public static final String RECORD_COUNT = "scoringRecordCount";
    /** This batch's events: taken, dropped as duplicates (seen before), dropped as too late. */
    public static final String ACCEPTED = "scoringAccepted";
    public static final String DUPLICATES = "scoringDuplicates";
    public static final String TOO_LATE = "scoringTooLate";

    private static final Logger LOG = LoggerFactory.getLogger(ScoringStep.class);
    private static final String JSON = "application/json";

    private final Scorer scorer;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Scorer.Result> pending = new ArrayList<>();
    /** Next offset per {@code <topic>/<partition>} of everything scored. */
    private final Map<String, Long> scoredTo = new HashMap<>();
    /** The same, as of the last batch whose records were all published. */
    private final Map<String, Long> publishedTo = new HashMap<>();
    /** The positions of the last checkpoint taken. */
    private Map<String, Long> checkpointed = Map.of();

    /** @param resumeAt where scoring resumes (from the last checkpoint): partitions with no new event keep these positions */
    public ScoringStep(Scorer scorer, ScoringCheckpoints checkpoints, Map<String, Long> resumeAt) {
        this.scorer = scorer;
        scoredTo.putAll(resumeAt);
        publishedTo.putAll(resumeAt);
        checkpointed = Map.copyOf(resumeAt);
        checkpoints.setCuts(this::cut);
    }

    /**
     * Body: the consumer's batch (a list of exchanges, one per record). Leaves the records to send
     * to Kafka as the body (alert records for alerts.v1, score records for scores.v1), and the alerts
     * for Artemis in the {@link #ALERTS} variable.
     */
    public synchronized void score(Exchange exchange) throws JsonProcessingException {
        List<?> batch = exchange.getMessage().getBody(List.class);
        List<ScoringEvent> events = new ArrayList<>(batch.size());
        for (Object item : batch) {
            Message record = ((Exchange) item).getMessage();
            String topic = record.getHeader(KafkaConstants.TOPIC, String.class);
            Long offset = record.getHeader(KafkaConstants.OFFSET, Long.class);
            if (topic != null && offset != null) {
                scoredTo.merge(topic + "/" + record.getHeader(KafkaConstants.PARTITION, Integer.class), offset + 1, Math::max);
            }
            try {
                JsonNode event = mapper.readTree(record.getBody(byte[].class));
                ScoringEvent scoring = ScoringEvent.fromCloudEvent(event);
                if (scoring != null) {
                    events.add(scoring);
                }
            } catch (IOException | IllegalArgumentException e) {
                // Canonical topics carry validated events only; a record that is not one is someone else's mistake.
                LOG.warn("Scoring skips a record of {} that is not a canonical event: {}", topic, e.getMessage());
            }
        }
        Scorer.Result scored = scorer.accept(events);
        pending.add(scored);
        // Silence begins only when the watermark moves, and only a batch moves it: the assets this
        // batch did not touch are checked now.
        Scorer.Result silent = scorer.sweepSilence();
        if (!silent.alerts().isEmpty()) {
            pending.add(silent);
        }
        exchange.setVariable(ACCEPTED, scored.accepted());
        exchange.setVariable(DUPLICATES, scored.duplicates());
        exchange.setVariable(TOO_LATE, scored.tooLate());
        List<AlertRecord> alerts = new ArrayList<>();
        List<Exchange> records = new ArrayList<>();
        for (Scorer.Result result : pending) {
            alerts.addAll(result.alerts());
            for (AlertRecord alert : result.alerts()) {
                records.add(record(exchange, alert.key(), mapper.writeValueAsBytes(alert), ScoringTopics.ALERTS));
            }
            for (ScoreRecord score : result.scores()) {
                records.add(record(exchange, score.entityId(), mapper.writeValueAsBytes(score), ScoringTopics.SCORES));
            }
        }
        exchange.setVariable(ALERT_COUNT, alerts.size());
        exchange.setVariable(ALERTS, alerts);
        exchange.setVariable(RECORD_COUNT, records.size());
        exchange.getMessage().setBody(records);
    }

    /** Everything pending reached Kafka and Artemis. */
    public synchronized void published() {
        pending.clear();
        publishedTo.clear();
        publishedTo.putAll(scoredTo);
    }

    /**
     * A checkpoint of what is scored and published, taken between two batches; null when nothing
     * changed since the last one, or when a batch's records are not published yet: its events are in
     * the state already, so a checkpoint past them would lose its alerts.
     */
    synchronized ScoringCheckpoints.Cut cut() {
        if (!pending.isEmpty()) {
            LOG.debug("Scoring checkpoint put off: {} batch(es) not published yet", pending.size());
            return null;
        }
        if (!scorer.changed() && publishedTo.equals(checkpointed)) {
            return null;
        }
        checkpointed = Map.copyOf(publishedTo);
        return new ScoringCheckpoints.Cut(scorer.takeSnapshots(), checkpointed);
    }

    private static Exchange record(Exchange exchange, String key, byte[] value, String topic) {
        Exchange recordExchange = new DefaultExchange(exchange.getContext());
        Message record = recordExchange.getMessage();
        record.setHeader(KafkaConstants.KEY, key);
        record.setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
        record.setHeader(RecordHeaders.CONTENT_TYPE, JSON);
        record.setBody(value);
        return recordExchange;
    }
}
