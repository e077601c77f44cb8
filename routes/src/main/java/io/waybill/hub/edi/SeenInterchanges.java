package io.waybill.hub.edi;

import io.waybill.adapter.edi.InterchangeId;
import io.waybill.hub.ingest.PublishedIds;

/**
 * The interchanges each partner sent that the hub accepted whole, so a resent interchange (same
 * sender and control number) is recognised by every hub instance, also after a restart. They live
 * in the same shared, Kafka-backed repository as published event ids (the compacted
 * {@code waybill.idempotency} topic), under keys that cannot be mistaken for an event id:
 * {@code edi/<partner>/<standard>/<qualifier>/<sender>/<control number>}.
 *
 * <p>An interchange is recorded only once every part of it was accepted and its events are durable:
 * an interchange rejected in whole or in part may be sent again under the same control number, and
 * is then read again (its events keep their ids, so what was published before is not published twice).
 */
public final class SeenInterchanges {

    /** Prefix of interchange keys in the shared repository. */
    public static final String KEY_PREFIX = "edi/";

    private final PublishedIds repository;

    public SeenInterchanges(PublishedIds repository) {
        this.repository = repository;
    }

    public static String key(String partner, InterchangeId interchange) {
        return KEY_PREFIX + partner + "/" + interchange.key();
    }

    public boolean contains(String partner, InterchangeId interchange) {
        return repository.contains(key(partner, interchange));
    }

    /** Remembers keys whose records were just acknowledged on the repository's topic. */
    public void recorded(Iterable<String> keys) {
        repository.recorded(keys);
    }
}
