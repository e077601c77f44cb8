package io.waybill.scoring;

import java.util.Comparator;

/** Orders an entity's events by event time, then by event id, so any arrival order sorts the same. */
record EventKey(long time, String id) implements Comparable<EventKey> {

    private static final Comparator<EventKey> ORDER = Comparator.comparingLong(EventKey::time).thenComparing(EventKey::id);

    /** Sorts before every real event at {@code time}. */
    static EventKey first(long time) {
        return new EventKey(time, "");
    }

    static EventKey of(ScoringEvent event) {
        return new EventKey(event.time(), event.id());
    }

    @Override
    public int compareTo(EventKey other) {
        return ORDER.compare(this, other);
    }
}
