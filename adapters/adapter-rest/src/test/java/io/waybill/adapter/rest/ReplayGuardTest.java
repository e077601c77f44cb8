package io.waybill.adapter.rest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(300);
    private static final String SIGNATURE = "acme-freight:sha256=00ff";

    private final ReplayGuard guard = new ReplayGuard();

    @Test
    void first_sighting_of_a_signature_is_accepted() {
        assertThat(guard.firstSighting(SIGNATURE, EXPIRES, NOW)).isTrue();
    }

    @Test
    void second_sighting_within_the_window_is_refused() {
        guard.firstSighting(SIGNATURE, EXPIRES, NOW);

        assertThat(guard.firstSighting(SIGNATURE, EXPIRES, NOW.plusSeconds(299))).isFalse();
    }

    @Test
    void other_signatures_are_not_affected() {
        guard.firstSighting(SIGNATURE, EXPIRES, NOW);

        assertThat(guard.firstSighting("blue-ocean-lines:sha256=00ff", EXPIRES, NOW)).isTrue();
    }

    @Test
    void a_signature_can_be_seen_again_once_its_entry_has_expired() {
        guard.firstSighting(SIGNATURE, EXPIRES, NOW);
        Instant later = EXPIRES.plusSeconds(1);

        assertThat(guard.firstSighting(SIGNATURE, later.plusSeconds(300), later)).isTrue();
        assertThat(guard.firstSighting(SIGNATURE, later.plusSeconds(300), later)).isFalse();
    }

    @Test
    void a_forgotten_signature_is_accepted_again() {
        guard.firstSighting(SIGNATURE, EXPIRES, NOW);

        guard.forget(SIGNATURE);

        assertThat(guard.firstSighting(SIGNATURE, EXPIRES, NOW)).isTrue();
    }

    @Test
    void expired_entries_are_swept_so_memory_stays_bounded() {
        for (int i = 0; i < 2_000; i++) {
            guard.firstSighting("old-" + i, EXPIRES, NOW);
        }
        Instant later = EXPIRES.plusSeconds(1);
        for (int i = 0; i < 1_024; i++) {
            guard.firstSighting("new-" + i, later.plusSeconds(300), later);
        }

        assertThat(guard.size()).isLessThan(2_000);
    }

    @Test
    void exactly_one_of_many_concurrent_first_sightings_is_accepted() throws Exception {
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String signature = SIGNATURE + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> sightings = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    sightings.add(pool.submit(() -> {
                        start.await();
                        return guard.firstSighting(signature, EXPIRES, NOW);
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Boolean> sighting : sightings) {
                    if (sighting.get(10, TimeUnit.SECONDS)) {
                        accepted++;
                    }
                }
                assertThat(accepted).as("accepted sightings of %s", signature).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
