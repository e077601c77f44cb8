package io.waybill.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Batches of ACME Freight status messages that the hub has never seen: every item gets its own
 * {@code msg_id} (so none is a duplicate), shipments are spread over a fixed set of references (so
 * keys hit every partition the way real traffic does), status codes rotate through ACME's list.
 */
final class StatusBatches {

    private static final String[] CODES = {"BK", "PU", "DP", "IT", "AR", "OD", "DA", "DL", "DY", "EX"};
    private static final String[] CITIES = {
            "\"city\":\"Chicago\",\"state\":\"IL\",\"country\":\"US\",\"unlocode\":\"USCHI\",\"lat\":41.88,\"lon\":-87.63",
            "\"city\":\"Dallas\",\"state\":\"TX\",\"country\":\"US\",\"unlocode\":\"USDAL\",\"lat\":32.78,\"lon\":-96.8",
            "\"city\":\"Atlanta\",\"state\":\"GA\",\"country\":\"US\",\"unlocode\":\"USATL\",\"lat\":33.75,\"lon\":-84.39",
    };

    private final String runId;
    private final int shipments;
    private final AtomicLong sequence = new AtomicLong();

    /** @param runId makes message ids unique across runs against the same broker */
    StatusBatches(String runId, int shipments) {
        this.runId = runId;
        this.shipments = shipments;
    }

    /** A JSON array of {@code size} new status messages. */
    byte[] next(int size) {
        long first = sequence.getAndAdd(size);
        StringBuilder json = new StringBuilder(size * 300).append('[');
        for (int i = 0; i < size; i++) {
            long n = first + i;
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"type\":\"status\",\"msg_id\":\"BENCH-").append(runId).append('-').append(n)
                    .append("\",\"shipment_ref\":\"SH-").append(100_000 + n % shipments)
                    .append("\",\"pro\":\"PRO").append(500_000 + n % shipments)
                    .append("\",\"scac\":\"ACMF\",\"code\":\"").append(CODES[(int) (n % CODES.length)])
                    .append("\",\"ts\":\"2026-11-27T08:").append(two(n / 60 % 60)).append(':').append(two(n % 60))
                    .append("-05:00\",").append(CITIES[(int) (n % CITIES.length)])
                    .append(",\"truck\":\"T-").append(n % 97).append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Messages handed out so far. */
    long issued() {
        return sequence.get();
    }

    private static String two(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
