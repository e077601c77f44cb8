package io.waybill.hub.files;

import io.waybill.hub.config.HubSettings;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.main.Main;

import java.time.Clock;
import java.util.Map;

/** The beans the file routes (ingress-files.camel.yaml) call: the drop folder and SFTP pickup. */
public final class FileChannels {

    private FileChannels() {
    }

    public static void bind(Main main, HubSettings settings, ActiveMappings mappings, Map<String, String> environment, Clock clock) {
        main.bind("fileIntake", new FileIntake(mappings, settings.get(HubSettings.FILES_MAX_BYTES), clock));
        main.bind("fileArchive", new FileArchive());
        main.bind("fileDocuments", new FileDocuments());
        main.bind("fileOutcomes", new FileOutcomes());
        main.bind("fileDeadLetters", new FileDeadLetters(clock));
        // A partner's SFTP server being down is the partner's outage, not the hub's: its pickup's failed polls are
        // logged and counted (waybill_sftp_poll_failures_total), and must not turn the hub's readiness DOWN.
        main.addInitialProperty("camel.health.exclude-pattern", "consumer:" + SftpPickups.ROUTE_PREFIX + "*");
        main.bind("sftpPickups", new SftpPickups(mappings, environment, settings.path(HubSettings.DATA_DIR).resolve("sftp"),
                settings.get(HubSettings.FILES_QUIET_MS), settings.get(HubSettings.SFTP_KNOWN_HOSTS)));
    }
}
