package io.waybill.hub.cli;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.PartnerSecrets;
import io.waybill.hub.demo.DemoAlerts;
import io.waybill.hub.demo.DemoSecrets;
import io.waybill.hub.demo.DemoSender;
import io.waybill.hub.demo.DemoSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
                        + "(rejected, on dlq.v1). One line per push, one per alert the samples raise (as a subscriber of the "
                        + "Artemis address 'alerts' gets it), totals, then the hub keeps running until Ctrl-C.",
                "Push secrets: a demo partner without WAYBILL_SECRET_<PARTNER> (or ..._FILE) set gets the DEMO-ONLY "
                        + "secret demo-secret-<partner>. Never use those for a real partner."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = DemoSecrets.withDemoSecrets(System.getenv());
        WaybillHub hub = WaybillHub.start(HubSettings.fromProcess(), environment);
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "waybill-shutdown"));

        PrintWriter out = spec.commandLine().getOut();
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
        out.println("demo: the hub keeps running; Ctrl-C to stop it");
        out.flush();
        hub.awaitStopped();
        return 0;
    }
}
