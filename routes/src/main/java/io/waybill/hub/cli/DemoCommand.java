package io.waybill.hub.cli;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.PartnerSecrets;
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
@Command(name = "demo",
        description = {"Run the hub (as 'run' does) and push bundled, signed sample messages from the demo carriers "
                + "acme-freight and blue-ocean-lines: statuses, an ETA, batches, a resend (answered duplicate) and "
                + "invalid items (rejected, on dlq.v1). Prints one line per push, then keeps the hub running until Ctrl-C.",
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
        out.println("demo: hub up at " + hub.httpBaseUrl() + " (Kafka " + hub.bootstrapServers()
                + "); pushing sample traffic from " + String.join(" and ", DemoSecrets.PARTNERS));
        DemoSummary summary = new DemoSender(hub.httpBaseUrl(), new PartnerSecrets(environment)).send(out::println);
        summary.closingLines().forEach(out::println);
        out.println("demo: the hub keeps running; Ctrl-C to stop it");
        out.flush();
        hub.awaitStopped();
        return 0;
    }
}
