package io.waybill.scoring;

/** Orders an entity's events by event time, then by event id, so any arrival order sorts the same. */
record EventKey(long time, String id) implements Comparable<EventKey> {

    /** Sorts before every real event at {@code time}. */
    static EventKey first(long time) {
        return new EventKey(time, "");
    }

    static EventKey of(ScoringEvent event) {
        return new EventKey(event.time(), event.id());
    }

    @Override
    public int compareTo(EventKey other) {
        // By hand rather than Comparator.comparingLong(...).thenComparing(...): an entity's window is a
        // TreeMap of up to thousands of keys, and every event looks it up several times.
        int byTime = Long.compare(time, other.time);
        return byTime != 0 ? byTime : id.compareTo(other.id);
    }
}
