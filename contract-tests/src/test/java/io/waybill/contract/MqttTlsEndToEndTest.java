package io.waybill.contract;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.broker.EmbeddedKafka;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub on an external broker that takes TLS only and a login: Debian's Mosquitto with a
 * certificate made for the test (openssl) and a password file (mosquitto_passwd). The hub trusts the
 * broker through {@code waybill.mqtt.tls.trust-store} and logs in with {@code waybill.mqtt.username}
 * and {@code waybill.mqtt.password}; with a wrong password the broker turns it away, the hub says so
 * with its connection metric and keeps running.
 */
class MqttTlsEndToEndTest {

    private static final String USER = "waybill-hub";
    private static final String PASSWORD = "s3cret-for-tests";
    private static final String STORE_PASSWORD = "changeit";

    @Test
    void the_hub_subscribes_over_tls_with_its_login_and_a_wrong_password_leaves_it_disconnected(@TempDir Path dir) throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        run(certs, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "broker.key", "-out", "broker.crt");
        run(certs, "mosquitto_passwd", "-b", "-c", "passwords", USER, PASSWORD);
        Path trustStore = trustStore(certs.resolve("broker.crt"), certs.resolve("trust.p12"));
        // Started as root (as on CI), Mosquitto drops to its own user before it reads these files.
        for (Path path : new Path[] {dir, certs, certs.resolve("broker.crt"), certs.resolve("broker.key"), certs.resolve("passwords")}) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }

        int port = PortCheck.freePort();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "certfile " + certs.resolve("broker.crt"),
                "keyfile " + certs.resolve("broker.key"),
                "allow_anonymous false",
                "password_file " + certs.resolve("passwords"),
                "persistence false",
                "log_dest stdout",
                ""));
        Process mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        String url = "ssl://127.0.0.1:" + port;
        Map<String, String> tls = Map.of(HubSettings.MQTT_TRUST_STORE.name(), trustStore.toString(),
                HubSettings.MQTT_TRUST_STORE_PASSWORD.name(), STORE_PASSWORD, HubSettings.MQTT_USERNAME.name(), USER);
        try (EmbeddedKafka kafka = MqttHubs.kafka(dir.resolve("kafka"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !mosquitto.isAlive() || TestMqttBroker.listening(port));
            assertThat(mosquitto.isAlive()).as("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log"))).isTrue();

            try (WaybillHub hub = MqttHubs.start(dir.resolve("hub"), kafka, url, "waybill-tls",
                    with(tls, HubSettings.MQTT_PASSWORD.name(), PASSWORD))) {
                await().atMost(Duration.ofSeconds(60)).until(hub::mqttConnected);
                Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                try (MqttDevices devices = new MqttDevices(url, deviceLogin(trustStore))) {
                    devices.publish(MqttDevices.topic("CG-8801"), MqttDevices.reading("CG-8801", "TRLR-TLS-1", at));
                }
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(MqttHubs.subjects(kafka, "TRLR-TLS-")).containsExactly("TRLR-TLS-1"));
            }

            try (WaybillHub refused = MqttHubs.start(dir.resolve("refused"), kafka, url, "waybill-tls-refused",
                    with(tls, HubSettings.MQTT_PASSWORD.name(), "not-the-password"))) {
                // Started all the same: the watchdog keeps trying, and the metric says it is not connected.
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(() -> !refused.mqttConnected());
            }
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(name, value);
        return all;
    }

    /** A device's login and TLS settings: it trusts the same broker certificate. */
    private static MqttConnectionOptions deviceLogin(Path trustStore) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(USER);
        options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
        Properties ssl = new Properties();
        ssl.setProperty("com.ibm.ssl.trustStore", trustStore.toString());
        ssl.setProperty("com.ibm.ssl.trustStorePassword", STORE_PASSWORD);
        ssl.setProperty("com.ibm.ssl.trustStoreType", "PKCS12");
        options.setSSLProperties(ssl);
        return options;
    }

    /** A PKCS12 trust store holding the broker's certificate. */
    private static Path trustStore(Path certificate, Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            keyStore.setCertificateEntry("broker", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(store)) {
            keyStore.store(out, STORE_PASSWORD.toCharArray());
        }
        return store;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
