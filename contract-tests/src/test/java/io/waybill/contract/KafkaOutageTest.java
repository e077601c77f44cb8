package io.waybill.contract;

import io.waybill.contract.Partner.Answer;
import io.waybill.hub.broker.EmbeddedKafka;
import io.waybill.hub.broker.PortCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka goes away under a running hub: pushes are answered 503 with Retry-After (the partner
 * keeps the message and resends), the hub stays up, and once Kafka is back the resend is
 * accepted. A 2xx is never given for what is not durable.
 */
class KafkaOutageTest {

    private static final String STATUS = """
            {"type":"status","msg_id":"AF-OUTAGE-%s","shipment_ref":"SH-OUTAGE","code":"IT","ts":"2026-11-27T10:00:00+01:00"}""";

    @Test
    void while_kafka_is_down_pushes_get_503_and_the_resend_is_accepted_once_it_is_back(@TempDir Path data) throws Exception {
        int kafkaPort = PortCheck.freePort();
        int controllerPort = PortCheck.freePort();
        EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("external-kafka"), "127.0.0.1", kafkaPort, controllerPort);
        kafka.start();
        try (HubProcess hub = new HubProcess(data.resolve("hub"),
                Map.of("WAYBILL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort),
                List.of("-Dcamel.component.kafka.deliveryTimeoutMs=6000", "-Dcamel.component.kafka.requestTimeoutMs=2000",
                        "-Dcamel.component.kafka.maxBlockMs=3000"),
                "run")) {
            hub.awaitStarted();
            assertThat(hub.output()).noneMatch(line -> line.contains("Embedded Kafka"));
            Partner acme = new Partner(hub.baseUrl(), "acme-freight", SharedHub.SECRETS.get("acme-freight"));
            assertThat(acme.push(STATUS.formatted("1")).status()).isEqualTo(200);

            kafka.close();
            byte[] during = STATUS.formatted("2").getBytes(StandardCharsets.UTF_8);
            Answer refused = Partner.send(acme.signed(during, Instant.now(), "application/json").build());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body().path("error").asText()).isEqualTo("unavailable");

            kafka = new EmbeddedKafka(data.resolve("external-kafka"), "127.0.0.1", kafkaPort, controllerPort);
            kafka.start();
            Answer resent = Partner.send(acme.signed(during, Instant.now().plusSeconds(1), "application/json").build());
            assertThat(resent.status()).as(resent.body().toString()).isEqualTo(200);
            assertThat(resent.item(0).path("status").asText()).isEqualTo("accepted");
            assertThat(TopicReader.readAll("127.0.0.1:" + kafkaPort, "canonical.shipment-status.v1"))
                    .extracting(TopicReader.Record::key).containsExactly("SH-OUTAGE", "SH-OUTAGE");
            assertThat(hub.terminate()).isIn(0, 143);
        } finally {
            kafka.close();
        }
    }
}
