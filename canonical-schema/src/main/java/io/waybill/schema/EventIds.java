package io.waybill.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic canonical event ids. The id depends only on what the partner sent, never on when
 * or how often Waybill processed it, so a redelivered or replayed message yields the same ids and
 * deduplication downstream holds.
 */
public final class EventIds {

    /**
     * Namespace of every Waybill event id: itself the version 5 UUID of the URL
     * {@code https://schemas.waybill.io/event-id} in the RFC 9562 URL namespace, so anyone can
     * recompute it. Changing it changes every event id: never do.
     */
    public static final UUID NAMESPACE = UUID.fromString("e3df0643-2ce5-5918-862a-9fcacafd306c");

    private EventIds() {
    }

    /**
     * The id of the event at {@code position} (0-based) among those produced from one partner
     * message: a version 5 UUID of {@code partner + "\n" + identity + "\n" + position}.
     *
     * @param partner  the partner id; may not contain a line break, which keeps the name unambiguous
     * @param identity the partner's own identity of the message (message id, interchange control
     *                 number and transaction set number...)
     * @param position the event's position among the events the message produced
     */
    public static String deterministic(String partner, String identity, int position) {
        if (partner == null || partner.isBlank()) {
            throw new IllegalArgumentException("partner must not be null or blank");
        }
        if (partner.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("partner must not contain a line break: '" + partner + "'");
        }
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("identity must not be null or blank (partner '" + partner + "')");
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must be 0 or more, was " + position);
        }
        return nameBased(NAMESPACE, partner + "\n" + identity + "\n" + position).toString();
    }

    /**
     * The id of the observation that smoothed reads become: a version 5 UUID of {@code partner + "\n" +
     * window + "\nsmoothed"}, where {@code window} names the tag, read point and window the reads fell
     * in. It depends on the window alone, never on which reads arrived first, so reads of one window
     * that reach the hub in several batches, or again on a replay, always give the same id. The last
     * line is not a number, so it can never be the id of an event a partner message gave
     * ({@link #deterministic}).
     */
    public static String smoothed(String partner, String window) {
        if (partner == null || partner.isBlank() || partner.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("partner must be one line, not blank: '" + partner + "'");
        }
        return nameBased(NAMESPACE, partner + "\n" + window + "\nsmoothed").toString();
    }

    /** One SHA-1 per thread: getting a new one per event was a measurable share of mapping. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    });

    /** RFC 9562 section 5.5: SHA-1 over namespace bytes then UTF-8 name, version 5, variant 10xx. */
    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get(); // reset by the previous digest()
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
