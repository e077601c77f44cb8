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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scoring route's processor (scoring.camel.yaml): turns a batch of canonical records into the
 * scorer's input, and the scorer's result into Kafka batches and Artemis messages. It sends nothing
 * itself: the route's steps do.
 *
 * <p>What a batch yields stays pending until the route says it was published ({@link #published}):
 * if a send fails, the next batch sends it again with its own (the scorer has taken the events, so
 * their redelivery yields nothing new). Records sent twice carry the same ids.
 */
public final class ScoringStep {

    /** Exchange variables the route reads. */
    public static final String ALERT_COUNT = "scoringAlertCount";
    public static final String ALERTS = "scoringAlerts";
    /** The scores (to scores.v1) and the touched entities' state (to the state topic), one Kafka batch. */
    public static final String SCORE_AND_STATE_RECORDS = "scoringScoreAndStateRecords";
    public static final String ALERT_TO_REVIEW = "alertToReview";
    /** This batch's events: taken, dropped as duplicates (seen before), dropped as too late. */
    public static final String ACCEPTED = "scoringAccepted";
    public static final String DUPLICATES = "scoringDuplicates";
    public static final String TOO_LATE = "scoringTooLate";

    private static final Logger LOG = LoggerFactory.getLogger(ScoringStep.class);
    private static final String JSON = "application/json";

    private final Scorer scorer;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Scorer.Result> pending = new ArrayList<>();

    public ScoringStep(Scorer scorer) {
        this.scorer = scorer;
    }

    /**
     * Body: the consumer's batch (a list of exchanges, one per record). Leaves the alert records to
     * send to alerts.v1 as the body, and sets the {@link #ALERTS} and {@link #SCORE_AND_STATE_RECORDS} variables.
     */
    public synchronized void score(Exchange exchange) throws JsonProcessingException {
        List<?> batch = exchange.getMessage().getBody(List.class);
        List<ScoringEvent> events = new ArrayList<>(batch.size());
        for (Object item : batch) {
            Message record = ((Exchange) item).getMessage();
            try {
                JsonNode event = mapper.readTree(record.getBody(byte[].class));
                ScoringEvent scoring = ScoringEvent.fromCloudEvent(event);
                if (scoring != null) {
                    events.add(scoring);
                }
            } catch (IOException | IllegalArgumentException e) {
                // Canonical topics carry validated events only; a record that is not one is someone else's mistake.
                LOG.warn("Scoring skips a record of {} that is not a canonical event: {}",
                        record.getHeader(KafkaConstants.TOPIC), e.getMessage());
            }
        }
        Scorer.Result scored = scorer.accept(events);
        pending.add(scored);
        exchange.setVariable(ACCEPTED, scored.accepted());
        exchange.setVariable(DUPLICATES, scored.duplicates());
        exchange.setVariable(TOO_LATE, scored.tooLate());
        List<AlertRecord> alerts = new ArrayList<>();
        List<Exchange> alertRecords = new ArrayList<>();
        List<Exchange> scoreRecords = new ArrayList<>();
        Map<String, String> snapshots = new java.util.LinkedHashMap<>();
        for (Scorer.Result result : pending) {
            alerts.addAll(result.alerts());
            for (AlertRecord alert : result.alerts()) {
                alertRecords.add(record(exchange, alert.key(), mapper.writeValueAsBytes(alert)));
            }
            for (ScoreRecord score : result.scores()) {
                Exchange scoreRecord = record(exchange, score.entityId(), mapper.writeValueAsBytes(score));
                scoreRecord.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, ScoringTopics.SCORES);
                scoreRecords.add(scoreRecord);
            }
            snapshots.putAll(result.snapshots());
        }
        List<Exchange> stateRecords = new ArrayList<>(scoreRecords);
        snapshots.forEach((key, json) -> {
            Exchange stateRecord = record(exchange, key, json.getBytes(StandardCharsets.UTF_8));
            stateRecord.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, ScoringTopics.STATE);
            stateRecords.add(stateRecord);
        });
        exchange.setVariable(ALERT_COUNT, alerts.size());
        exchange.setVariable(ALERTS, alerts);
        exchange.setVariable(SCORE_AND_STATE_RECORDS, stateRecords);
        exchange.getMessage().setBody(alertRecords);
    }

    /** Everything pending reached Kafka and Artemis. */
    public synchronized void published() {
        pending.clear();
    }

    /** Body: one alert record. Leaves its JSON as the body of the Artemis message, with its properties. */
    public void alertMessage(Exchange exchange) throws JsonProcessingException {
        AlertRecord alert = exchange.getMessage().getBody(AlertRecord.class);
        Message message = exchange.getMessage();
        message.setBody(mapper.writeValueAsString(alert));
        message.setHeader(AlertHeaders.ALERT_ID, alert.alertId());
        message.setHeader(AlertHeaders.STATE, alert.state().name());
        message.setHeader(AlertHeaders.TYPE, alert.type());
        message.setHeader(AlertHeaders.SEVERITY, alert.severity());
        message.setHeader(AlertHeaders.ENTITY_TYPE, alert.entityType());
        message.setHeader(AlertHeaders.ENTITY_ID, alert.entityId());
        message.setHeader(AlertHeaders.POLICY, alert.policy().id() + " v" + alert.policy().version());
        message.setHeader(AlertHeaders.DUPLICATE_ID, alert.transitionId());
        exchange.setVariable(ALERT_TO_REVIEW, alert.toReview());
    }

    private static Exchange record(Exchange exchange, String key, byte[] value) {
        Exchange recordExchange = new DefaultExchange(exchange.getContext());
        Message record = recordExchange.getMessage();
        record.setHeader(KafkaConstants.KEY, key);
        record.setHeader(RecordHeaders.CONTENT_TYPE, JSON);
        record.setBody(value);
        return recordExchange;
    }
}
