package io.waybill.adapter.rest;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers signatures seen within the tolerance window so a captured request cannot be played
 * again. Entries are dropped once their timestamp leaves the window: after that the timestamp
 * check refuses the request anyway.
 *
 * <p>Held in memory per hub instance: a request replayed to a second instance within the window
 * is not caught here, but its events are still deduplicated by event id downstream.
 */
public final class ReplayGuard {

    private static final long SWEEP_EVERY = 1024;

    private final Map<String, Instant> seenUntil = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    /**
     * Records a signature.
     *
     * @param signature  the partner-qualified signature
     * @param expiresAt  when the signature's timestamp leaves the window
     * @return true the first time, false if it was already seen and has not expired
     */
    public boolean firstSighting(String signature, Instant expiresAt, Instant now) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            seenUntil.values().removeIf(until -> until.isBefore(now));
        }
        Instant previous = seenUntil.putIfAbsent(signature, expiresAt);
        if (previous != null && previous.isBefore(now)) {
            return seenUntil.replace(signature, previous, expiresAt);
        }
        return previous == null;
    }

    /**
     * Forgets a signature whose push failed on the hub's side (5xx), so the partner may resend
     * the very same signed request while it is still inside the window.
     */
    public void forget(String signature) {
        seenUntil.remove(signature);
    }

    int size() {
        return seenUntil.size();
    }
}
