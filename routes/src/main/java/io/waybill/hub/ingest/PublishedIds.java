package io.waybill.hub.ingest;

import org.apache.camel.spi.IdempotentRepository;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Which event ids are already published: the shared, Kafka-backed idempotent repository (every
 * hub instance's ids, read from the compacted {@code waybill.idempotency} topic), plus the ids this
 * instance recorded in the last moments.
 *
 * <p>Why the second part: the hub records a push's ids as one batch of records on the
 * repository's topic (the repository's own {@code add()} costs one blocking round trip per id),
 * and the repository learns of them when its sync thread reads them back, a poll later. Until
 * then, a resend of the same message must still be recognised, so recorded ids are also kept
 * here, bounded: the oldest are dropped once the repository has long caught up.
 */
public final class PublishedIds {

    /** The value the repository's topic carries for an added id (KafkaIdempotentRepository's wire format). */
    public static final String ADD_ACTION = "add";

    private final IdempotentRepository shared;
    private final int recentCapacity;
    private final Set<String> recent = ConcurrentHashMap.newKeySet();
    private final Queue<String> order = new ConcurrentLinkedQueue<>();

    public PublishedIds(IdempotentRepository shared, int recentCapacity) {
        this.shared = shared;
        this.recentCapacity = recentCapacity;
    }

    public boolean contains(String eventId) {
        return recent.contains(eventId) || shared.contains(eventId);
    }

    /** Remembers ids whose records were just acknowledged on the repository's topic. */
    public void recorded(Iterable<String> eventIds) {
        for (String id : eventIds) {
            if (recent.add(id)) {
                order.add(id);
            }
        }
        while (recent.size() > recentCapacity) {
            String oldest = order.poll();
            if (oldest == null) {
                break;
            }
            recent.remove(oldest);
        }
    }
}
