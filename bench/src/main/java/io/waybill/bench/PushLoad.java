package io.waybill.bench;

import io.waybill.adapter.rest.SignatureVerifier;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The full path under load: {@code clients} threads, each with its own keep-alive HTTP/1.1 connection,
 * push signed batches back to back. Load runs through a warm-up, then a timed window; only pushes that
 * complete inside the window count towards the rate and the latencies. Every answer in every phase must
 * be 200 with every item accepted, or the push counts as a failure.
 */
final class PushLoad {

    /** What one (clients, batch) combination achieved. */
    record Result(int clients, int batch, long requests, long events, double seconds, long[] sortedLatencyNanos,
                  long failures, List<String> failureSamples, long acceptedEvents, double cpuShare, double machineCpuShare,
                  long gcMillis, long[] sortedProbeNanos, long processCpuNanos, Map<String, Long> cpuByPool) {

        double eventsPerSecond() {
            return events / seconds;
        }

        /** The {@code q}-quantile push latency in milliseconds (nearest rank). */
        double latencyMillis(double q) {
            return Quantiles.millis(sortedLatencyNanos, q);
        }

        /** The {@code q}-quantile of a synchronous Kafka send during the timed phase, in milliseconds. */
        double probeMillis(double q) {
            return Quantiles.millis(sortedProbeNanos, q);
        }
    }

    private static final String ACCEPTED_FIELD = "\"accepted\":";
    private static final int FAILURE_SAMPLES = 5;

    private final URI pushUri;
    private final String secret;
    private final StatusBatches batches;

    PushLoad(URI pushUri, String secret, StatusBatches batches) {
        this.pushUri = pushUri;
        this.secret = secret;
        this.batches = batches;
    }

    /** One signed push of {@code batch} new messages, outside any measurement (the warm-up push). */
    long pushOnce(int batch) {
        HttpClient http = client();
        Outcome outcome = push(http, batch);
        if (outcome.failure != null) {
            throw new IllegalStateException("the warm-up push failed: " + outcome.failure);
        }
        return outcome.accepted;
    }

    /** Runs one combination; {@code probe} times synchronous Kafka sends during the timed phase. */
    Result run(int clients, int batch, Duration warmup, Duration duration, KafkaProbe probe) throws InterruptedException {
        long windowStart = System.nanoTime() + warmup.toNanos();
        long windowEnd = windowStart + duration.toNanos();
        Shared shared = new Shared(windowStart, windowEnd);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Worker worker = new Worker(shared, batch);
            workers.add(worker);
            Thread thread = new Thread(worker, "push-client-" + i);
            thread.setDaemon(true);
            worker.thread = thread;
            thread.start();
        }
        sleepUntil(windowStart);
        probe.start();
        long cpuAtStart = MachineCpu.processCpuNanos();
        long gcAtStart = gcMillis();
        MachineCpu.Snapshot machineAtStart = MachineCpu.now();
        ThreadCpu threadCpu = ThreadCpu.start();
        sleepUntil(windowEnd);
        Map<String, Long> cpuByPool = threadCpu.sinceStart();
        long cpuUsed = MachineCpu.processCpuNanos() - cpuAtStart;
        long gcUsed = gcMillis() - gcAtStart;
        double machineShare = MachineCpu.now().busyShareSince(machineAtStart);
        long[] probeNanos = probe.stop();
        shared.stop = true;
        for (Worker worker : workers) {
            worker.thread.join(TimeUnit.MINUTES.toMillis(3));
        }

        long requests = 0;
        long events = 0;
        long accepted = 0;
        LongList latencies = new LongList();
        for (Worker worker : workers) {
            requests += worker.timedRequests;
            events += worker.timedEvents;
            accepted += worker.acceptedEvents;
            latencies.addAll(worker.latencies);
        }
        long[] sorted = latencies.toArray();
        Arrays.sort(sorted);
        double seconds = duration.toNanos() / 1e9;
        double cpuShare = cpuUsed / (duration.toNanos() * (double) Runtime.getRuntime().availableProcessors());
        List<String> samples;
        synchronized (shared.failureSamples) {
            samples = List.copyOf(shared.failureSamples);
        }
        return new Result(clients, batch, requests, events, seconds, sorted, shared.failures.get(), samples,
                accepted, cpuShare, machineShare, gcUsed, probeNanos, cpuUsed, cpuByPool);
    }

    private final class Worker implements Runnable {
        private final Shared shared;
        private final int batch;
        private final LongList latencies = new LongList();
        private Thread thread;
        private long timedRequests;
        private long timedEvents;
        private long acceptedEvents;

        Worker(Shared shared, int batch) {
            this.shared = shared;
            this.batch = batch;
        }

        @Override
        public void run() {
            HttpClient http = client();
            while (!shared.stop) {
                long began = System.nanoTime();
                Outcome outcome = push(http, batch);
                long ended = System.nanoTime();
                acceptedEvents += outcome.accepted;
                if (outcome.failure != null) {
                    shared.fail(outcome.failure);
                } else if (ended >= shared.windowStart && ended < shared.windowEnd) {
                    timedRequests++;
                    timedEvents += batch;
                    latencies.add(ended - began);
                }
            }
        }
    }

    private static final class Shared {
        final long windowStart;
        final long windowEnd;
        final AtomicLong failures = new AtomicLong();
        final List<String> failureSamples = new ArrayList<>();
        volatile boolean stop;

        Shared(long windowStart, long windowEnd) {
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        void fail(String why) {
            failures.incrementAndGet();
            synchronized (failureSamples) {
                if (failureSamples.size() < FAILURE_SAMPLES) {
                    failureSamples.add(why);
                }
            }
        }
    }

    /** A push's accepted count, and why it failed (null when it did not). */
    private record Outcome(long accepted, String failure) {
    }

    private Outcome push(HttpClient http, int batch) {
        byte[] body = batches.next(batch);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(pushUri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header(SignatureVerifier.TIMESTAMP_HEADER, timestamp)
                .header(SignatureVerifier.SIGNATURE_HEADER, SignatureVerifier.sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long accepted = acceptedCount(response.body());
            if (response.statusCode() != 200 || accepted != batch) {
                return new Outcome(Math.max(accepted, 0), "HTTP " + response.statusCode() + ", accepted " + accepted + " of "
                        + batch + ": " + abbreviate(response.body()));
            }
            return new Outcome(accepted, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        } catch (Exception e) {
            return new Outcome(0, e.toString());
        }
    }

    /** The summary's top-level {@code accepted} (it precedes the item list in the answer), or -1. */
    static long acceptedCount(String answer) {
        int at = answer.indexOf(ACCEPTED_FIELD);
        if (at < 0) {
            return -1;
        }
        int from = at + ACCEPTED_FIELD.length();
        int to = from;
        while (to < answer.length() && Character.isDigit(answer.charAt(to))) {
            to++;
        }
        return to == from ? -1 : Long.parseLong(answer.substring(from, to));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** A growable list of longs, so latencies are not boxed. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
