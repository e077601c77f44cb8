package io.waybill.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.contract.TopicReader.Record;
import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.PartnerSecrets;
import io.waybill.hub.demo.DemoPush;
import io.waybill.hub.demo.DemoSender;
import io.waybill.hub.demo.DemoSummary;
import io.waybill.hub.scoring.AlertHeaders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scoring and alerting on the running hub: canonical events in (produced to the canonical topics as
 * the ingest routes would, or pushed by a partner), alert lifecycle records out on alerts.v1 and on
 * Artemis, read back over core JMS and over AMQP 1.0; the query endpoints.
 */
@ExtendWith(SharedHub.class)
class ScoringEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCURSION = "temperature-excursion";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime(), 36).toUpperCase();

    private static WaybillHub hub;
    private static KafkaProducer<String, String> producer;
    private static Connection coreJms;
    private static Connection amqp;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void connect() throws JMSException {
        hub = SharedHub.hub();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        coreJms = new ActiveMQConnectionFactory(hub.artemisUrl()).createConnection();
        coreJms.start();
        amqp = new JmsConnectionFactory(hub.artemisUrl().replace("tcp://", "amqp://")).createConnection();
        amqp.start();
    }

    @AfterAll
    static void disconnect() throws JMSException {
        producer.close();
        coreJms.close();
        amqp.close();
    }

    @Test
    void a_reefer_excursion_is_raised_escalated_and_cleared_on_alerts_v1_and_to_subscribers_over_jms_and_amqp() throws Exception {
        String asset = "RF-" + RUN + "-" + SEQUENCE.incrementAndGet();
        List<Message> overJms = subscribe(coreJms, asset);
        List<Message> overAmqp = subscribe(amqp, asset);

        List<String> events = excursion(asset);
        events.forEach(event -> send("canonical.telemetry.v1", asset, event));
        producer.flush();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts(asset, EXCURSION)).hasSize(3));
        List<JsonNode> records = alerts(asset, EXCURSION);
        assertThat(records).extracting(r -> r.path("state").asText() + " " + r.path("severity").asText())
                .containsExactly("RAISED WARNING", "UPDATED MAJOR", "CLEARED MAJOR");
        JsonNode raised = records.get(0);
        assertThat(raised.path("type").asText()).isEqualTo("temperature-excursion");
        assertThat(raised.path("policy").path("version").asInt()).isEqualTo(1);
        assertThat(raised.path("destination").asText()).isEqualTo("alerts");
        assertThat(raised.path("at").asText()).isEqualTo("2026-11-20T10:20:00Z");
        assertThat(raised.path("causingEventIds")).isNotEmpty();
        assertThat(raised.path("score").path("inputs").path("rangeSource").asText()).isEqualTo("setpoint");
        List<String> ids = records.stream().map(r -> r.path("transitionId").asText()).toList();

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(transitionIds(overJms)).containsExactlyElementsOf(ids);
            assertThat(transitionIds(overAmqp)).containsExactlyElementsOf(ids);
        });
        Message first = overAmqp.get(0);
        assertThat(first.getStringProperty(AlertHeaders.TYPE)).isEqualTo("temperature-excursion");
        assertThat(first.getStringProperty(AlertHeaders.STATE)).isEqualTo("RAISED");
        assertThat(first.getStringProperty(AlertHeaders.ENTITY_ID)).isEqualTo(asset);

        // The same canonical stream again, from its first event: nothing new is raised, nothing is sent twice.
        events.forEach(event -> send("canonical.telemetry.v1", asset, event));
        String marker = "RF-" + RUN + "-" + SEQUENCE.incrementAndGet();
        excursion(marker).forEach(event -> send("canonical.telemetry.v1", marker, event));
        producer.flush();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts(marker, EXCURSION)).hasSize(3));
        assertThat(alerts(asset, EXCURSION)).hasSize(3);
        assertThat(transitionIds(overJms)).containsExactlyElementsOf(ids);
    }

    @Test
    void a_low_confidence_alert_goes_to_the_review_queue_for_a_person() throws Exception {
        String asset = "RF-" + RUN + "-" + SEQUENCE.incrementAndGet();
        // One reading alone carries the excursion: confidence 0.5, below the policy's review-below 0.6.
        send("canonical.telemetry.v1", asset, telemetry(asset, 0, 9.5, 5.0));
        send("canonical.telemetry.v1", asset, telemetry(asset, 20, 5.0, 5.0));
        send("canonical.telemetry.v1", asset, telemetry(asset, 80, 5.0, 5.0));
        producer.flush();

        Session session = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer review = session.createConsumer(session.createQueue("alerts.review"),
                AlertHeaders.ENTITY_ID + " = '" + asset + "' AND " + AlertHeaders.TYPE + " = '" + EXCURSION + "'");
        List<String> states = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            Message message = review.receive(1000);
            if (message != null) {
                JsonNode alert = JSON.readTree(((TextMessage) message).getText());
                assertThat(alert.path("destination").asText()).isEqualTo("alerts.review");
                states.add(alert.path("state").asText());
            }
            return states.size() == 2;
        });
        assertThat(states).containsExactly("RAISED", "CLEARED");
        assertThat(alerts(asset, EXCURSION)).extracting(r -> r.path("confidence").asDouble()).containsExactly(0.5, 1.0);
        session.close();
    }

    @Test
    void the_shipment_and_alert_queries_show_state_scores_and_open_alerts() throws Exception {
        String shipment = "SH-" + RUN + "-" + SEQUENCE.incrementAndGet();
        send("canonical.shipment-status.v1", shipment, status(shipment, "s1", 0, "GATE_OUT", "USLAX"));
        send("canonical.eta.v1", shipment, eta(shipment, "e1", 5, 600));
        send("canonical.eta.v1", shipment, eta(shipment, "e2", 60, 1020));
        producer.flush();

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> answer = get("/api/v1/shipments/" + shipment);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode view = JSON.readTree(answer.body());
            assertThat(view.path("current").path("status").asText()).isEqualTo("GATE_OUT");
            assertThat(view.path("current").path("etas").path("DELIVERY").path("estimates").asInt()).isEqualTo(2);
            assertThat(view.path("scores").path("eta-drift").path("value").asDouble()).isEqualTo(420.0);
            assertThat(view.path("openAlerts")).extracting(a -> a.path("type").asText()).contains("eta-drift");
            assertThat(view.path("recentEvents")).hasSize(3);
        });
        JsonNode open = JSON.readTree(get("/api/v1/alerts?state=open").body());
        assertThat(open.path("alerts")).anySatisfy(alert -> {
            assertThat(alert.path("entityId").asText()).isEqualTo(shipment);
            assertThat(alert.path("type").asText()).isEqualTo("eta-drift");
            assertThat(alert.path("severity").asText()).isEqualTo("MAJOR");
        });
        assertThat(get("/api/v1/shipments/SH-NEVER-SEEN").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/alerts?state=whatever").statusCode()).isEqualTo(400);
    }

    @Test
    void the_demo_reefer_samples_pushed_by_the_partner_raise_a_temperature_excursion_and_an_eta_drift() {
        List<DemoPush> reefer = DemoPush.script().stream().filter(p -> p.partner().equals("reefer-link")).toList();
        DemoSummary summary = new DemoSender(hub.httpBaseUrl(), new PartnerSecrets(SharedHub.environment())).send(reefer, line -> { });
        assertThat(summary.refused()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(alerts("RLK-2611-00420"))
                .extracting(r -> r.path("type").asText() + " " + r.path("state").asText())
                .contains("temperature-excursion RAISED", "eta-drift RAISED"));
        JsonNode drift = alerts("RLK-2611-00420").stream().filter(r -> r.path("type").asText().equals("eta-drift"))
                .findFirst().orElseThrow();
        assertThat(drift.path("score").path("value").asDouble()).isEqualTo(390.0);
        assertThat(drift.path("score").path("inputs").path("promisedFrom").asText()).isEqualTo("previous-estimate");
    }

    /** Set point 5 ± 3: 9.5 from minute 5 to 35, then back at 5: raised at 20, MAJOR at 35, cleared at 95. */
    private static List<String> excursion(String asset) {
        List<String> events = new ArrayList<>();
        for (int minute = 0; minute <= 120; minute += 5) {
            events.add(telemetry(asset, minute, minute >= 5 && minute <= 30 ? 9.5 : 5.0, 5.0));
        }
        return events;
    }

    private static String telemetry(String asset, int minute, double temperature, double setpoint) {
        ObjectNode data = JSON.createObjectNode().put("assetId", asset).put("eventTime", T0.plusSeconds(minute * 60L).toString())
                .put("eventTimeOffset", "+00:00");
        data.putObject("readings").put("temperatureC", temperature).put("setpointC", setpoint);
        return envelope("telemetry", asset + "/" + minute, asset, data);
    }

    private static String status(String shipment, String id, int minute, String status, String unlocode) {
        ObjectNode data = JSON.createObjectNode().put("shipmentId", shipment).put("status", status)
                .put("eventTime", T0.plusSeconds(minute * 60L).toString()).put("eventTimeOffset", "+00:00");
        data.putObject("location").put("unlocode", unlocode);
        return envelope("shipment-status", shipment + "/" + id, shipment, data);
    }

    private static String eta(String shipment, String id, int minute, int estimatedMinute) {
        ObjectNode data = JSON.createObjectNode().put("shipmentId", shipment).put("etaType", "DELIVERY")
                .put("estimatedTime", T0.plusSeconds(estimatedMinute * 60L).toString()).put("estimatedTimeOffset", "+00:00")
                .put("eventTime", T0.plusSeconds(minute * 60L).toString()).put("eventTimeOffset", "+00:00")
                .put("source", "CARRIER");
        return envelope("eta", shipment + "/" + id, shipment, data);
    }

    private static String envelope(String type, String id, String subject, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", "test-" + id)
                .put("source", "/waybill/tests/scoring").put("type", "io.waybill." + type + ".v1").put("subject", subject)
                .put("time", data.path("eventTime").asText()).put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    private static void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** The entity's alert records of one type on alerts.v1 (keyed {@code <entity>/<type>}). */
    private static List<JsonNode> alerts(String entity, String type) {
        return alerts(entity).stream().filter(r -> r.path("type").asText().equals(type)).toList();
    }

    private static List<JsonNode> alerts(String entity) {
        List<JsonNode> records = new ArrayList<>();
        for (Record record : TopicReader.readAll(hub.bootstrapServers(), "alerts.v1", r -> r.key().startsWith(entity + "/"))) {
            try {
                records.add(JSON.readTree(record.value()));
            } catch (Exception e) {
                throw new AssertionError("alerts.v1 holds a record that is not JSON: " + record.value(), e);
            }
        }
        return records;
    }

    private static List<Message> subscribe(Connection connection, String entity) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic("alerts"),
                AlertHeaders.ENTITY_ID + " = '" + entity + "' AND " + AlertHeaders.TYPE + " = '" + EXCURSION + "'");
        List<Message> received = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(received::add);
        return received;
    }

    private static List<String> transitionIds(List<Message> messages) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Message message : messages) {
            ids.add(JSON.readTree(((TextMessage) message).getText()).path("transitionId").asText());
        }
        return ids;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
