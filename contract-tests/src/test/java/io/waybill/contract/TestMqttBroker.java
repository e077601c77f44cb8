package io.waybill.contract;

import io.waybill.hub.broker.EmbeddedArtemis;
import io.waybill.hub.broker.PortCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An MQTT broker outside the hub, which a test stops and starts while the hub runs (or the other
 * way round): Artemis (the hub's own embedded broker, run on its own) or Debian's Mosquitto. Both
 * keep their sessions on disk across their own restarts.
 */
abstract class TestMqttBroker implements AutoCloseable {

    final int port = PortCheck.freePort();
    final Path dataDir;

    TestMqttBroker(Path dataDir) {
        this.dataDir = dataDir;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    abstract void start() throws IOException;

    abstract void stop();

    @Override
    public void close() {
        stop();
    }

    /** Whether something accepts connections on the port. */
    static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static TestMqttBroker artemis(Path dataDir) {
        return new Artemis(dataDir);
    }

    static TestMqttBroker mosquitto(Path dataDir) {
        return new Mosquitto(dataDir);
    }

    private static final class Artemis extends TestMqttBroker {
        private final int corePort = PortCheck.freePort();
        private EmbeddedArtemis broker;

        Artemis(Path dataDir) {
            super(dataDir);
        }

        @Override
        void start() {
            broker = new EmbeddedArtemis(dataDir, "127.0.0.1", corePort, port);
            broker.start();
        }

        @Override
        void stop() {
            if (broker != null) {
                broker.close();
                broker = null;
            }
        }

        @Override
        public String toString() {
            return "Artemis";
        }
    }

    /** Mosquitto from Debian (apt-get install mosquitto): a test that needs it fails, never skips, without it. */
    private static final class Mosquitto extends TestMqttBroker {
        private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
        private Process process;

        Mosquitto(Path dataDir) {
            super(dataDir);
        }

        @Override
        void start() throws IOException {
            assertThat(BINARY).as("Mosquitto is not installed: apt-get install -y mosquitto mosquitto-clients (.ci/run does)")
                    .isExecutable();
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence true",
                    "persistence_location " + dataDir + "/",
                    "max_queued_messages 100000",
                    "log_dest stdout",
                    ""));
            process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(dataDir.resolve("mosquitto.log").toFile()).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive() || listening(port));
            assertThat(process.isAlive()).as("mosquitto exited: " + Files.readString(dataDir.resolve("mosquitto.log"))).isTrue();
        }

        /** SIGTERM: Mosquitto writes its sessions and queued messages to disk, and exits. */
        @Override
        void stop() {
            if (process == null) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }

        @Override
        public String toString() {
            return "Mosquitto";
        }
    }
}
