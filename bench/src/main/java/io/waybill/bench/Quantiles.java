package io.waybill.bench;

/** Nearest-rank quantiles of sorted nanosecond samples. */
final class Quantiles {

    private Quantiles() {
    }

    /** The {@code q}-quantile in milliseconds; NaN without samples. */
    static double millis(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1e6;
    }
}
