package io.waybill.bench;

import io.waybill.hub.broker.PortCheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's Mosquitto as the benchmark's MQTT broker, in its own process, on a free loopback port: to
 * see the hub's MQTT path next to what a C broker carries, where the embedded Artemis (Java, in the
 * benchmark's JVM) spends a large part of the same two cores. The hub reaches it as an external broker
 * ({@code waybill.mqtt.url}), as in production.
 *
 * <p>Its configuration keeps every QoS 1 message of a session (Mosquitto drops queued messages past
 * 1000 per client by default, which the benchmark would see as lost) and lets a client's own Receive
 * Maximum bound what is in flight (Mosquitto's default is 20). Sessions are kept in memory (Mosquitto's
 * default, {@code persistence false}): unlike Artemis, it writes nothing to disk per message.
 */
final class MosquittoBroker implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path config;
    private final int port;

    private MosquittoBroker(Process process, Path config, int port) {
        this.process = process;
        this.config = config;
        this.port = port;
    }

    /** Starts Mosquitto on a free port and returns once it accepts connections. */
    static MosquittoBroker start(Path dataDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " not found: apt-get install -y mosquitto");
        }
        int port = PortCheck.freePorts(1)[0];
        Path config = dataDir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "max_inflight_messages 0",
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        MosquittoBroker broker = new MosquittoBroker(process, config, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!broker.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IllegalStateException("Mosquitto did not start on port " + port + " (its output is above)");
            }
            Thread.sleep(50);
        }
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The broker process, for its CPU time. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(config);
    }
}
