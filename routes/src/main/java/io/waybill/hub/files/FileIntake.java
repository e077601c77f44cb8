package io.waybill.hub.files;

import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.hub.ingest.Variables;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFile;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The first steps of a file: who it is from, whether that partner may send files this way, whether
 * the hub takes it at all (not empty, not too large: refused by its length, never read), and,
 * once archived, which format to read it as. Partners are looked up in the active declarations
 * for every file, so a partner onboarded or withdrawn while the hub runs is treated accordingly at
 * once.
 */
public final class FileIntake {

    private final ActiveMappings active;
    private final long maxBytes;
    private final Clock clock;

    public FileIntake(ActiveMappings active, long maxBytes, Clock clock) {
        this.active = active;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** A file from the drop folder, {@code <inbox>/<partner>/<name>}: the partner is its folder. */
    public void dropped(Exchange exchange) {
        Message in = exchange.getMessage();
        // Relative to the inbox: <partner>/<name> (the drop route reads only that depth).
        Path relative = Path.of(in.getHeader(FileConstants.FILE_NAME, String.class));
        String partner = relative.getName(0).toString();
        exchange.setVariable(FileVariables.PARTNER, partner);
        exchange.setVariable(FileVariables.CHANNEL, ReceivedFile.CHANNEL_FILE);
        exchange.setVariable(FileVariables.NAME, relative.getFileName().toString());
        exchange.setVariable(FileVariables.FOLDER, partner);
    }

    /**
     * Takes what the pipeline needs off the channel's message into a {@link ReceivedFile} and clears
     * the message's headers, so none reaches a Kafka record. Refuses nothing yet: a refused file is
     * still counted as received.
     */
    public void receive(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        Path path = localFile(in.getBody());
        String partner = exchange.getVariable(FileVariables.PARTNER, String.class);
        ReceivedFile file = new ReceivedFile(UUID.randomUUID().toString(), partner,
                exchange.getVariable(FileVariables.CHANNEL, String.class), exchange.getVariable(FileVariables.NAME, String.class),
                exchange.getVariable(FileVariables.FOLDER, String.class), path, Files.size(path), clock.instant());
        exchange.setVariable(FileVariables.RECEIVED, file);
        // Metrics tag on this: only declared partners get their own series.
        exchange.setVariable(Variables.PARTNER, active.partners().find(partner).isPresent() ? partner : Variables.UNKNOWN_PARTNER);
        in.removeHeaders("*");
    }

    /** Refuses a file from an undeclared partner or on a closed channel, an empty one and one over the size limit. */
    public void admit(Exchange exchange) {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        PartnerDeclaration partner = active.partners().find(file.partner()).orElseThrow(() -> FileRefusal.unauthorized(
                "no partner '" + file.partner() + "' is declared on this hub (mappings/" + file.partner() + "/partner.yaml)"));
        if (declaredFormats(partner, file).isEmpty()) {
            throw FileRefusal.unauthorized("partner '" + partner.id() + "' may not send files this way: its partner.yaml"
                    + " has no 'channels." + file.channelKey() + "'");
        }
        if (file.size() == 0) {
            throw FileRefusal.received("the file is empty (0 bytes)");
        }
        if (file.size() > maxBytes) {
            throw FileRefusal.received("the file has " + file.size() + " bytes; at most " + maxBytes
                    + " are read (setting waybill.files.max-bytes)");
        }
    }

    /** The format to read the archived file as: see {@link FileFormats}. */
    public void detectFormat(Exchange exchange) throws IOException {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        byte[] head;
        try (InputStream in = Files.newInputStream(file.path())) {
            head = in.readNBytes(FileFormats.HEAD_BYTES);
        }
        List<String> declared = active.partners().find(file.partner()).flatMap(p -> declaredFormats(p, file))
                .orElseThrow(() -> FileRefusal.unauthorized("partner '" + file.partner() + "' was withdrawn while its file was read"));
        exchange.setVariable(FileVariables.FORMAT, FileFormats.choose(head, file, declared));
    }

    /** The formats the partner declares for the file's channel, or empty when the channel is closed to it. */
    private static Optional<List<String>> declaredFormats(PartnerDeclaration partner, ReceivedFile file) {
        PartnerDeclaration.Channels channels = partner.channels();
        if (file.channel().equals(ReceivedFile.CHANNEL_FILE)) {
            return Optional.ofNullable(channels.drop()).map(PartnerDeclaration.Drop::formats);
        }
        return Optional.ofNullable(channels.sftp()).map(PartnerDeclaration.Sftp::formats);
    }

    private static Path localFile(Object body) {
        Object file = body instanceof GenericFile<?> generic ? generic.getBody() : body;
        if (file instanceof File local) {
            return local.toPath();
        }
        if (file instanceof Path local) {
            return local;
        }
        throw new IllegalArgumentException("direct:ingest-file takes a local file (java.io.File, Path or a file consumer's"
                + " GenericFile), not " + (file == null ? "null" : file.getClass().getName()));
    }
}
