package io.waybill.hub.cli;

import io.waybill.hub.WaybillHub;
import io.waybill.hub.config.HubSettings;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./waybill run}: the hub, on embedded brokers unless external ones are configured. */
@Command(name = "run", description = "Run the hub (embedded Kafka and Artemis unless external brokers are configured).")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        WaybillHub hub = WaybillHub.start(HubSettings.fromProcess(), System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "waybill-shutdown"));
        hub.awaitStopped();
        return 0;
    }
}
