package io.waybill.hub.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./waybill demo}: placeholder until the demo sender lands. */
@Command(name = "demo", description = "Run the hub plus a sender pushing bundled sample traffic.")
public final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("demo is not built yet");
    }
}
