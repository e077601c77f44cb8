package io.waybill.hub.cli;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.PartnerSecrets;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.adapter.support.WebhookChannel;
import io.waybill.hub.demo.CarrierSimulator;
import io.waybill.hub.demo.DemoMqtt;
import io.waybill.hub.demo.DemoAlerts;
import io.waybill.hub.demo.DemoSecrets;
import io.waybill.hub.demo.DemoWebhooks;
import io.waybill.hub.demo.DemoSender;
import io.waybill.hub.demo.DemoSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./waybill demo}: the hub exactly as {@code run} starts it, plus the demo partners'
 * signed sample traffic over real HTTP, summarised on stdout (logs stay on stderr).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the hub plus signed sample traffic from the demo carriers, summarised as it flows.",
                "Starts the hub as 'run' does, then pushes the bundled samples of acme-freight and blue-ocean-lines "
                        + "over HTTP: statuses, an ETA, batches, a resend (answered duplicate) and invalid items "
                        + "(rejected, on dlq.v1); polls meridian-ocean (DCSA T&T 2.2) from an in-process simulator on "
                        + "127.0.0.1:8089; and delivers coral-line's signed DCSA T&T 3 webhook notifications. "
                        + "One line per push, one per alert the samples raise (as a subscriber of the Artemis address 'alerts' gets it), "
                        + "totals, then the hub keeps running until Ctrl-C.",
                "It also publishes Coldchain Gateways readings over MQTT (QoS 1) to the broker the hub subscribes to: "
                        + "telemetry, a spoofed device and a sensor fault (both on dlq.v1).",
                "Push secrets: a demo partner without WAYBILL_SECRET_<PARTNER> (or ..._FILE) set gets the DEMO-ONLY "
                        + "secret demo-secret-<partner>. Never use those for a real partner."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = DemoSecrets.withDemoSecrets(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        // Before the hub, so its first poll of meridian-ocean finds the carrier up.
        CarrierSimulator simulator = startSimulator(environment, out);
        WaybillHub hub = WaybillHub.start(HubSettings.fromProcess(), environment);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            if (simulator != null) {
                simulator.close();
            }
        }, "waybill-shutdown"));

        // Alerts arrive on their own thread, while the pushes are reported.
        DemoAlerts alerts = DemoAlerts.subscribe(hub.artemisUrl(), line -> {
            synchronized (out) {
                out.println("demo: " + line);
                out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(alerts::close, "waybill-demo-alerts"));
        out.println("demo: hub up at " + hub.httpBaseUrl() + " (Kafka " + hub.bootstrapServers()
                + "); pushing sample traffic from " + DemoSecrets.PARTNERS.size() + " demo partners: "
                + String.join(", ", DemoSecrets.PARTNERS));
        try {
            DemoSummary summary = new DemoSender(hub.httpBaseUrl(), new PartnerSecrets(environment)).send(line -> {
                synchronized (out) {
                    out.println(line);
                }
            });
            if (hub.mqttConnected()) {
                out.println("demo: publishing Coldchain Gateways readings over MQTT to " + hub.mqttUrl()
                        + " (see: ./waybill consume canonical.telemetry.v1 --from-beginning)");
                new DemoMqtt(hub.mqttUrl(), Clock.systemUTC()).send(line -> {
                    synchronized (out) {
                        out.println(line);
                    }
                });
            }
            // The hints must reach this hub's Kafka even when the shell running them lacks its settings.
            String bootstrap = hub.bootstrapServers();
            String embeddedDefault = "127.0.0.1:" + HubSettings.KAFKA_PORT.defaultText();
            synchronized (out) {
                summary.closingLines(bootstrap.equals(embeddedDefault) ? "" : "--bootstrap " + bootstrap).forEach(out::println);
            }
        } catch (RuntimeException e) {
            // The hub itself is fine: say what broke and keep it running, as 'run' would.
            out.println("demo: the sample sender stopped: " + e.getMessage());
        }
        try {
            WebhookChannel webhook = PartnerRegistry.load(HubSettings.fromProcess().path(HubSettings.MAPPINGS_DIR))
                    .find(DemoWebhooks.PARTNER).map(p -> p.channels().webhook()).orElse(null);
            if (webhook != null) {
                DemoWebhooks.send(hub.httpBaseUrl(), webhook.signature(), environment.get(DemoSecrets.WEBHOOK_SECRET_VARIABLE), line -> {
                    out.println("demo: " + line);
                    out.flush();
                });
            }
        } catch (IOException | RuntimeException e) {
            out.println("demo: the webhook sender stopped: " + e.getMessage());
        }
        out.println("demo: the hub keeps running; Ctrl-C to stop it");
        out.flush();
        hub.awaitStopped();
        return 0;
    }

    /** The in-process carrier the hub polls; the demo goes on without it if its port is taken. */
    private static CarrierSimulator startSimulator(Map<String, String> environment, PrintWriter out) {
        try {
            CarrierSimulator simulator = CarrierSimulator.start(environment.get(DemoSecrets.POLL_KEY_VARIABLE), line -> {
                out.println("demo: " + line);
                out.flush();
            });
            out.println("demo: polled carrier " + CarrierSimulator.PARTNER + " simulated at " + simulator.baseUri()
                    + " (DCSA T&T 2.2); the hub polls it every 30 s from its cursor");
            return simulator;
        } catch (IOException e) {
            out.println("demo: port " + CarrierSimulator.PORT + " is taken, so carrier " + CarrierSimulator.PARTNER
                    + " is not simulated (its polls fail and its breaker opens): " + e.getMessage());
            return null;
        }
    }
}
