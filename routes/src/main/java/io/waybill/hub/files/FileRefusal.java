package io.waybill.hub.files;

/**
 * A file refused as a whole, with the stage it was refused at and the reason its sender reads.
 * Not a failure of the hub: the file is settled (moved to {@code .error/} with its reason), not
 * retried.
 */
public final class FileRefusal extends RuntimeException {

    /** Who sent it, may they, and is it a file the hub takes at all (empty, too large). */
    public static final String STAGE_RECEIVE = "receive";
    /** Its format, and reading its documents. */
    public static final String STAGE_PARSE = "parse";

    private final String stage;
    private final boolean deadLettered;

    private FileRefusal(String stage, String reason, boolean deadLettered) {
        super(reason);
        this.stage = stage;
        this.deadLettered = deadLettered;
    }

    /**
     * Refused before the hub took the file as the partner's: an undeclared partner or a closed
     * channel. Like an unauthenticated push, it goes to no topic.
     */
    public static FileRefusal unauthorized(String reason) {
        return new FileRefusal(STAGE_RECEIVE, reason, false);
    }

    /** A partner's file the hub does not take (empty, too large): on dlq.v1 with the reason. */
    static FileRefusal received(String reason) {
        return new FileRefusal(STAGE_RECEIVE, reason, true);
    }

    /** A partner's file whose format is unknown or undeclared, or that its format's reader cannot read. */
    public static FileRefusal unreadable(String reason) {
        return new FileRefusal(STAGE_PARSE, reason, true);
    }

    public String stage() {
        return stage;
    }

    public String reason() {
        return getMessage();
    }

    /** Whether it goes to dlq.v1: the file came from a declared partner on an open channel. */
    public boolean deadLettered() {
        return deadLettered;
    }
}
