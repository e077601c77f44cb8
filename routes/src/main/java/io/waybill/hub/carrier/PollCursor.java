package io.waybill.hub.carrier;

/**
 * Where a carrier's next poll starts, as persisted on {@code waybill.poll.cursors} (compacted, keyed by partner)
 * once the events of the page it follows are durable.
 *
 * @param position       changed-since: the time the next sweep asks from; last-event-id: the id of the last event durable;
 *                       null before the first
 * @param nextPage       the page a sweep interrupted between two pages resumes at (a URL, a token or a page number);
 *                       null when the next poll starts a new sweep
 * @param sweepStartedAt changed-since: when the sweep that {@link #nextPage} belongs to started, so that a resumed sweep
 *                       ends with the same position
 * @param updatedAt      when this cursor was written (for operators)
 */
public record PollCursor(String position, String nextPage, String sweepStartedAt, String updatedAt) {

    public static final PollCursor NONE = new PollCursor(null, null, null, null);
}
