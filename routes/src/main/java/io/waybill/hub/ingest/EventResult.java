package io.waybill.hub.ingest;

/**
 * What happened to one canonical event of a push.
 *
 * @param id     the event id (deterministic: a resend reports the same id)
 * @param type   the CloudEvents type
 * @param status {@code accepted} (published now) or {@code duplicate} (published before)
 */
public record EventResult(String id, String type, String status) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
}
