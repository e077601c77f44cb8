package io.waybill.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.contract.Partner.Answer;
import io.waybill.contract.TopicReader.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub as a process: SIGTERM, restart on the same data, and a clear word when a port is taken. */
class HubLifecycleTest {

    private static final String STATUS = """
            {"type":"status","msg_id":"AF-LIFE-1","shipment_ref":"SH-LIFE-1","code":"DL","ts":"2026-11-27T16:40:00-06:00",
             "city":"Dallas","state":"TX","country":"US","unlocode":"USDAL"}""";

    @Test
    void stopped_with_sigterm_and_started_again_it_keeps_its_events_and_recognises_a_resend(@TempDir Path data) throws Exception {
        String eventId;
        try (HubProcess first = new HubProcess(data, Map.of(), "run")) {
            first.awaitStarted();
            Answer answer = partner(first).push(STATUS);
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            eventId = answer.item(0).path("events").path(0).path("id").asText();

            assertThat(first.terminate()).isIn(0, 143);
            assertThat(first.output()).anyMatch(line -> line.contains("Waybill hub stopped"));
            assertThat(first.output()).noneMatch(line -> line.contains("Exception in thread"));
        }

        try (HubProcess second = new HubProcess(data, Map.of(), "run")) {
            second.awaitStarted();
            List<Record> events = TopicReader.readAll(second.bootstrap(), "canonical.shipment-status.v1");
            assertThat(events).extracting(Record::key).containsExactly("SH-LIFE-1");
            assertThat(new ObjectMapper().readTree(events.get(0).value()).path("id").asText()).isEqualTo(eventId);

            Answer resend = Partner.send(partner(second)
                    .signed(STATUS.getBytes(StandardCharsets.UTF_8), Instant.now(), "application/json").build());
            assertThat(resend.status()).isEqualTo(200);
            assertThat(resend.item(0).path("status").asText()).isEqualTo("duplicate");
            assertThat(resend.item(0).path("events").path(0).path("id").asText()).isEqualTo(eventId);
            assertThat(second.terminate()).isIn(0, 143);
        }
    }

    @Test
    void a_taken_http_port_is_one_clear_line_naming_the_setting(@TempDir Path data) throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (HubProcess hub = new HubProcess(data, Map.of("WAYBILL_HTTP_PORT", Integer.toString(squatter.getLocalPort())), "run")) {
                assertThat(hub.awaitExit()).isEqualTo(2);
                assertThat(hub.output()).containsExactly("waybill: port " + squatter.getLocalPort()
                        + " (setting waybill.http.port, env WAYBILL_HTTP_PORT) on 127.0.0.1 is already in use:"
                        + " stop what holds it or choose another port");
            }
        }
    }

    @Test
    void an_invalid_setting_is_one_clear_line_naming_it(@TempDir Path data) throws Exception {
        try (HubProcess hub = new HubProcess(data, Map.of("WAYBILL_PUSH_MAX_BODY_BYTES", "five megabytes"), "run")) {
            assertThat(hub.awaitExit()).isEqualTo(2);
            assertThat(hub.output()).singleElement().asString()
                    .contains("waybill.push.max-body-bytes").contains("WAYBILL_PUSH_MAX_BODY_BYTES").contains("five megabytes");
        }
    }

    private static Partner partner(HubProcess hub) {
        return new Partner(hub.baseUrl(), "acme-freight", SharedHub.SECRETS.get("acme-freight"));
    }
}
