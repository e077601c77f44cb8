package io.waybill.hub.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./waybill consume}: placeholder until the consumer lands. */
@Command(name = "consume", description = "Print a topic's records as JSON lines.")
public final class ConsumeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("consume is not built yet");
    }
}
