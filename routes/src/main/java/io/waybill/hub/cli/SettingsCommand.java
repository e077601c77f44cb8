package io.waybill.hub.cli;

import io.waybill.hub.config.HubSettings;
import picocli.CommandLine.Command;

/** {@code ./waybill settings}: the settings table (the README's is generated from it). */
@Command(name = "settings", description = "Print every setting with its environment variable, default and meaning (Markdown).")
public final class SettingsCommand implements Runnable {

    @Override
    public void run() {
        System.out.print(HubSettings.markdownTable());
    }
}
