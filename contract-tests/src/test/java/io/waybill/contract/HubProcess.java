package io.waybill.contract;

import io.waybill.hub.broker.PortCheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The hub as an operator runs it: {@code java -jar waybill.jar run} in its own process, settings
 * from the environment, stopped with SIGTERM.
 */
final class HubProcess implements AutoCloseable {

    static final Path JAR = SharedHub.repoRoot().resolve("routes/target/waybill.jar");

    final int httpPort = PortCheck.freePort();
    final int kafkaPort = PortCheck.freePort();
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    HubProcess(Path dataDir, Map<String, String> extraEnvironment, String... args) throws IOException {
        this(dataDir, extraEnvironment, List.of(), args);
    }

    HubProcess(Path dataDir, Map<String, String> extraEnvironment, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(SharedHub.environment());
        env.put("WAYBILL_DATA_DIR", dataDir.toString());
        env.put("WAYBILL_MAPPINGS_DIR", SharedHub.repoRoot().resolve("mappings").toString());
        env.put("WAYBILL_HTTP_HOST", "127.0.0.1");
        env.put("WAYBILL_HTTP_PORT", Integer.toString(httpPort));
        env.put("WAYBILL_KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("WAYBILL_KAFKA_CONTROLLER_PORT", Integer.toString(PortCheck.freePort()));
        env.put("WAYBILL_ARTEMIS_PORT", Integer.toString(PortCheck.freePort()));
        env.put("WAYBILL_MQTT_PORT", Integer.toString(PortCheck.freePort()));
        env.putAll(extraEnvironment);
        process = builder.start();
        reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "hub-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    void awaitStarted() {
        await().atMost(Duration.ofSeconds(90)).until(() -> contains("Waybill hub started") || !process.isAlive());
        if (!contains("Waybill hub started")) {
            throw new AssertionError("the hub did not start:\n" + String.join("\n", output));
        }
    }

    boolean contains(String text) {
        return output.stream().anyMatch(line -> line.contains(text));
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** SIGTERM, then waits for the process to end; returns its exit code. */
    int terminate() throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close our end of the hub's output,
        // and the hub's shutdown lines would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the hub did not stop within 60 s of SIGTERM:\n" + String.join("\n", output));
        }
        reader.join(10_000);
        return process.exitValue();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the hub did not exit:\n" + String.join("\n", output));
        }
        reader.join(10_000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
