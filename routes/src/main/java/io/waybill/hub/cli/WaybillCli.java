package io.waybill.hub.cli;

import io.waybill.hub.config.StartupException;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./waybill <command>}: the hub and the tools around it. */
@Command(name = "waybill", mixinStandardHelpOptions = true, version = "waybill 0.1.0",
        description = "Supply-chain integration hub: partner messages in, canonical events out.",
        subcommands = {RunCommand.class, DemoCommand.class, ConsumeCommand.class, SettingsCommand.class,
                MappingCommand.class, ContractTestCommand.class, EdiCommand.class})
public final class WaybillCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Libraries that log through java.util.logging (StAEDI) follow log4j2.xml like the rest.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(execute(args));
    }

    /** Runs a command line; start-up problems print as one line and exit 2. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new WaybillCli());
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof StartupException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                line.getErr().println("waybill: " + cause.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
