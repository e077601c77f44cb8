package io.waybill.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A partner folder under a test's temporary mappings directory, written file by file. */
public final class PartnerFolder {

    /** A status mapping in the shape of the real ones, with a code table and a transform beside it. */
    static final String STATUS_MAPPING = """
            # ACME status messages to shipment-status.
            id: acme-freight.status
            version: 3
            description: ACME status push
            accepts:
              channel: rest
              format: json
              when: '.type == "status"'
            produces: shipment-status/v1
            identity: .msg_id
            transform: status.jslt
            tables:
              status: status-codes.csv
            """;

    static final String STATUS_TRANSFORM = """
            // ACME status message -> shipment-status data.
            {
              "shipmentId": .shipment_ref,
              "status": code-lookup("status", .code),
              "eventTime": utc-instant(.ts),
              "eventTimeOffset": utc-offset(.ts)
            }
            """;

    static final String STATUS_CODES = """
            code,value,description
            # ACME status codes.
            PU,PICKED_UP,Picked up
            DL,DELIVERED,Delivered
            """;

    private final Path dir;

    private PartnerFolder(Path dir) {
        this.dir = dir;
    }

    public static PartnerFolder in(Path mappingsDir, String partner) {
        try {
            return new PartnerFolder(Files.createDirectories(mappingsDir.resolve(partner)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ACME status mapping, its transform and its code table. */
    public static PartnerFolder acmeStatus(Path mappingsDir) {
        PartnerFolder acme = in(mappingsDir, "acme-freight");
        acme.write("status.mapping.yaml", STATUS_MAPPING);
        acme.write("status.jslt", STATUS_TRANSFORM);
        acme.write("status-codes.csv", STATUS_CODES);
        return acme;
    }

    public Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }
}
