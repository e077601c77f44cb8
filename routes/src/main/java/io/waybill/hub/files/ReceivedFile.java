package io.waybill.hub.files;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file as received, before any check: what the archive, the reader and the outcome need.
 *
 * @param id         a fresh id, on every raw.v1 part of the file so the parts can be put together again
 * @param partner    the partner the channel names (its folder, or the SFTP pickup's partner), declared or not
 * @param channel    {@link #CHANNEL_FILE} or {@link #CHANNEL_SFTP}
 * @param name       the file's name
 * @param folder     the folder it was picked from, relative to the channel's own folder ("" for that folder)
 * @param path       the file on local disk (for SFTP, the hub's local copy)
 * @param size       its length in bytes, taken once: archive and reader read exactly this much
 * @param receivedAt when the hub picked it up
 */
public record ReceivedFile(String id, String partner, String channel, String name, String folder, Path path, long size,
                           Instant receivedAt) {

    /** The drop folder, {@code <inbox>/<partner>/}. */
    public static final String CHANNEL_FILE = "file";
    /** Pickup from the partner's SFTP server. */
    public static final String CHANNEL_SFTP = "sftp";

    /** The name of the channel's key in {@code partner.yaml}. */
    public String channelKey() {
        return channel.equals(CHANNEL_FILE) ? "drop" : channel;
    }
}
