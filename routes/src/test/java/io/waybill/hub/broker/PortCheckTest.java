package io.waybill.hub.broker;

import io.waybill.hub.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static io.waybill.hub.broker.BrokerTestSupport.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortCheckTest {

    @Test
    void names_the_setting_and_its_env_var_when_the_port_is_held() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = held.getLocalPort();

            assertThatThrownBy(() -> PortCheck.requireFree("waybill.kafka.port", HOST, port))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("port " + port + " (setting waybill.kafka.port, env WAYBILL_KAFKA_PORT) on "
                            + HOST + " is already in use: stop what holds it or choose another port");
        }
    }

    @Test
    void turns_dots_and_dashes_into_underscores_for_the_env_var() {
        assertThat(PortCheck.envName("waybill.kafka.controller-port")).isEqualTo("WAYBILL_KAFKA_CONTROLLER_PORT");
    }

    @Test
    void accepts_a_free_port_and_leaves_it_free() {
        int port = PortCheck.freePort();

        assertThatCode(() -> PortCheck.requireFree("waybill.artemis.port", HOST, port)).doesNotThrowAnyException();
        assertThat(BrokerTestSupport.isBindable(port)).isTrue();
    }

    // The brokers bind with SO_REUSEADDR, so they can take such a port at once; so must the check,
    // or a hub restarted within a minute of stopping while clients were connected would refuse to start.
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void accepts_a_port_whose_last_connection_is_in_time_wait() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(HOST));
             Socket client = new Socket(HOST, listener.getLocalPort())) {
            port = listener.getLocalPort();
            // The server side closes first, as a stopping broker does: its end goes to TIME_WAIT.
            listener.accept().close();
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }

        assertThatCode(() -> PortCheck.requireFree("waybill.mqtt.port", HOST, port)).doesNotThrowAnyException();
    }

    @Test
    void rejects_a_number_that_is_not_a_port() {
        assertThatThrownBy(() -> PortCheck.requireFree("waybill.mqtt.port", HOST, 70000))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("waybill.mqtt.port")
                .hasMessageContaining("WAYBILL_MQTT_PORT");
    }

    @Test
    void free_ports_asked_for_together_are_distinct_and_free() {
        int[] ports = PortCheck.freePorts(20);

        assertThat(java.util.Arrays.stream(ports).distinct().count()).isEqualTo(20);
        assertThat(java.util.Arrays.stream(ports).allMatch(BrokerTestSupport::isBindable)).isTrue();
    }
}
