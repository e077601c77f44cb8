package io.waybill.hub.files;

/**
 * Exchange variables of file ingest, beside those the ingest pipeline shares with pushes
 * ({@link io.waybill.hub.ingest.Variables}). A channel route sets the four inputs, calls
 * {@code direct:ingest-file} with the file as its body, and reads the outcome.
 */
public final class FileVariables {

    /** In: the partner the file is from, as its channel names it: its folder under the inbox, or the SFTP pickup's partner. */
    public static final String PARTNER = "filePartner";
    /** In: the channel that brought it: {@link ReceivedFile#CHANNEL_FILE} or {@link ReceivedFile#CHANNEL_SFTP}. */
    public static final String CHANNEL = "fileChannel";
    /** In: the file's name, without folders. */
    public static final String NAME = "fileName";
    /** In: the folder it was picked from, relative to the channel's own folder ("" for that folder itself). */
    public static final String FOLDER = "fileFolder";
    /** The {@link ReceivedFile} being ingested. */
    public static final String RECEIVED = "receivedFile";
    /** The wire format the file is read as. */
    public static final String FORMAT = "fileFormat";
    /** Out: the {@link FileOutcome}. */
    public static final String OUTCOME = "fileOutcome";
    /** {@link FormatChecks}: set by the steps of a format with checks of its own (EDI); absent for others. */
    public static final String FORMAT_CHECKS = "fileFormatChecks";
    /**
     * Out: where the file goes once settled, relative to the channel's own folder
     * ({@code <folder>/.done/<name>} or {@code .error}); the consumer's {@code move} option reads it.
     */
    public static final String MOVE_TO = "fileMoveTo";

    private FileVariables() {
    }
}
