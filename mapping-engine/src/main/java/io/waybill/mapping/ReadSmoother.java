package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.schema.Envelope;
import io.waybill.schema.EventIds;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Read smoothing: an RFID reader reports one tag many times a second, and each report maps to an
 * {@code observation} of one EPC. The smoother aggregates the observations of one EPC at one read
 * point (and the same location, action, business step, disposition and business location, from the
 * same mapping) whose reads fall in one window into a single observation:
 * {@code firstSeen} the earliest read, {@code lastSeen} and {@code eventTime} the latest,
 * {@code readCount} the sum (a read without a count counts 1), {@code peakRssiDbm} the strongest.
 *
 * <p>Deterministic: windows are aligned on the epoch ({@code [k·window, (k+1)·window)}) and chosen by
 * each read's own event time ({@code firstSeen}, else {@code eventTime}), never by the clock, so the
 * same reads meet in the same windows in any order and on any replay. The aggregate is the
 * contributing event with the earliest read (the smallest id, on a tie), with the aggregated fields
 * replaced and the window's own id ({@link EventIds#smoothed}): the id names the tag, read point and
 * window, not the reads, so reads of one window that arrive in several batches, and aggregates of
 * aggregates ({@link #merge}), all give the same id.
 *
 * <p>Bounded: at most {@code maxOpenWindows} windows are open. A window closes once the reads have
 * moved a whole window past its end (event time, the largest seen), or, when a new window would
 * exceed the cap, the oldest open window closes early. {@link #flush()} closes the rest. An
 * observation of several EPCs, or without a readable time, passes through untouched.
 */
public final class ReadSmoother {

    /** Open windows a batch may hold before the oldest is closed early: a push carries at most 10,000 items. */
    public static final int DEFAULT_MAX_OPEN_WINDOWS = 10_000;

    /** Where an offered event sat: its item in the batch and its position among that item's events. */
    public record Contribution(int item, int position) {
    }

    /** An aggregated observation and the offered events it stands for. */
    public record Smoothed(ObjectNode event, List<Contribution> from) {
    }

    private final long windowMillis;
    private final int maxOpenWindows;
    /** Where a smoothable observation goes: its window's id (the aggregate's event id) and when that window ends. */
    public record Placement(String id, Instant start, Instant end) {
    }

    private final Map<String, Window> open = new HashMap<>();
    private final TreeSet<Window> byAge = new TreeSet<>(Comparator.comparingLong((Window w) -> w.start).thenComparingLong(w -> w.sequence));
    private long sequence;
    private Instant watermark = Instant.MIN;

    public ReadSmoother(Duration window, int maxOpenWindows) {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be 1 ms or more, was " + window);
        }
        if (maxOpenWindows < 1) {
            throw new IllegalArgumentException("maxOpenWindows must be 1 or more, was " + maxOpenWindows);
        }
        this.windowMillis = window.toMillis();
        this.maxOpenWindows = maxOpenWindows;
    }

    /** Whether an event can be smoothed: an observation's data with exactly one EPC and a readable time. */
    public static boolean smoothable(ObjectNode event) {
        JsonNode data = event.path(Envelope.DATA);
        JsonNode epcs = data.path("epcList");
        return epcs.isArray() && epcs.size() == 1 && epcs.get(0).isTextual() && readTime(data, "firstSeen") != null;
    }

    /**
     * Where a smoothable observation goes with windows of this length: its window's id and end; null
     * when it is not {@link #smoothable}.
     */
    public static Placement place(ObjectNode event, Duration window) {
        if (!smoothable(event)) {
            return null;
        }
        return place(event, readTime(event.path(Envelope.DATA), "firstSeen"), window.toMillis());
    }

    private static Placement place(ObjectNode event, ReadTime first, long windowMillis) {
        JsonNode data = event.path(Envelope.DATA);
        long start = Math.floorDiv(first.instant().toEpochMilli(), windowMillis) * windowMillis;
        String mappingId = event.path(Envelope.MAPPING_ID).asText();
        String partner = event.path(Envelope.PARTNER).asText();
        // JSON, so that no field's text can run into the next one's.
        ArrayNode key = JsonNodeFactory.instance.arrayNode().add(mappingId).add(data.path("epcList").get(0).asText());
        for (String field : KEY_FIELDS) {
            key.add(text(data, field));
        }
        key.add(start).add(windowMillis);
        String id = EventIds.smoothed(partner.isBlank() || partner.indexOf('\n') >= 0 ? "-" : partner, key.toString());
        return new Placement(id, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + windowMillis));
    }

    private static final List<String> KEY_FIELDS = List.of("readPoint", "locationId", "action", "bizStep", "disposition",
            "bizLocation");

    /**
     * Adds one observation. Returns the aggregates whose windows this read closed (oldest first),
     * often none. An event that is not {@link #smoothable} comes straight back as its own aggregate.
     */
    public List<Smoothed> offer(ObjectNode event, Contribution from) {
        List<Smoothed> closed = new ArrayList<>();
        if (!smoothable(event)) {
            closed.add(new Smoothed(event, List.of(from)));
            return closed;
        }
        Window window = add(event, from, closed);
        if (window.last.instant().isAfter(watermark)) {
            watermark = window.last.instant();
        }
        while (!byAge.isEmpty() && byAge.first().start + 2 * windowMillis <= watermark.toEpochMilli()) {
            closed.add(close(byAge.first()));
        }
        return closed;
    }

    /** Into its window (opened if need be; the oldest closed into {@code closed} at the cap). */
    private Window add(ObjectNode event, Contribution from, List<Smoothed> closed) {
        JsonNode data = event.path(Envelope.DATA);
        ReadTime first = readTime(data, "firstSeen");
        ReadTime last = readTime(data, "lastSeen");
        if (last == null || last.instant().isBefore(first.instant())) {
            last = first;
        }
        Placement placement = place(event, first, windowMillis);
        Window window = open.get(placement.id());
        if (window == null) {
            if (open.size() == maxOpenWindows) {
                closed.add(close(byAge.first()));
            }
            window = new Window(placement.id(), placement.start().toEpochMilli(), sequence++);
            open.put(placement.id(), window);
            byAge.add(window);
        }
        window.add(event, first, last, from);
        return window;
    }

    /**
     * Aggregates observations of one window, each itself a read or an aggregate, into the
     * observation they all would have made as reads of one batch: aggregation is associative, so
     * batches smoothed one by one and then merged give what smoothing them together gives.
     *
     * @throws IllegalArgumentException when they are not all smoothable, or not all of one window
     */
    public static ObjectNode merge(List<ObjectNode> observations, Duration window) {
        ReadSmoother smoother = new ReadSmoother(window, 1);
        List<Smoothed> closed = new ArrayList<>();
        for (ObjectNode observation : observations) {
            if (!smoothable(observation)) {
                throw new IllegalArgumentException("not a smoothable observation: " + observation.path(Envelope.ID).asText());
            }
            smoother.add(observation, new Contribution(0, 0), closed);
            if (!closed.isEmpty()) {
                throw new IllegalArgumentException("the observations are not all of one window");
            }
        }
        List<Smoothed> merged = smoother.flush();
        if (merged.size() != 1) {
            throw new IllegalArgumentException("nothing to merge");
        }
        return merged.get(0).event();
    }

    /** Closes every open window, oldest first. */
    public List<Smoothed> flush() {
        List<Smoothed> closed = new ArrayList<>();
        while (!byAge.isEmpty()) {
            closed.add(close(byAge.first()));
        }
        return closed;
    }

    /** How many windows are open now. */
    public int openWindows() {
        return open.size();
    }

    /**
     * Smooths the events a batch (a push, a file) gave, item by item, for the mappings that declare
     * {@code smoothing}; other events are left as they are. Each aggregate takes the place of the
     * first event it stands for in every item that contributed to it, so an item still lists the
     * event its reads went into (the same id in several items: it is published once).
     *
     * @param perItem the events of each item, in batch order
     * @return the same shape, smoothed
     */
    public static List<List<ObjectNode>> smoothBatch(MappingCatalog catalog, List<List<ObjectNode>> perItem) {
        Map<String, ReadSmoother> smoothers = new HashMap<>();
        Map<String, Boolean> smoothing = new HashMap<>();
        Map<Contribution, ObjectNode> aggregated = new HashMap<>();
        for (int item = 0; item < perItem.size(); item++) {
            List<ObjectNode> events = perItem.get(item);
            for (int position = 0; position < events.size(); position++) {
                ObjectNode event = events.get(position);
                String mappingId = event.path(Envelope.MAPPING_ID).asText();
                if (!smoothing.computeIfAbsent(mappingId, id -> catalog.byId(id).map(Mapping::smoothingWindow).isPresent())
                        || !smoothable(event)) {
                    continue;
                }
                ReadSmoother smoother = smoothers.computeIfAbsent(mappingId, id -> new ReadSmoother(
                        catalog.byId(id).orElseThrow().smoothingWindow(), DEFAULT_MAX_OPEN_WINDOWS));
                record(smoother.offer(event, new Contribution(item, position)), aggregated);
            }
        }
        if (smoothers.isEmpty()) {
            return perItem;
        }
        smoothers.values().forEach(smoother -> record(smoother.flush(), aggregated));
        List<List<ObjectNode>> smoothed = new ArrayList<>(perItem.size());
        for (int item = 0; item < perItem.size(); item++) {
            List<ObjectNode> events = perItem.get(item);
            List<ObjectNode> out = new ArrayList<>(events.size());
            Map<ObjectNode, Boolean> listed = new IdentityHashMap<>();
            for (int position = 0; position < events.size(); position++) {
                ObjectNode aggregate = aggregated.get(new Contribution(item, position));
                if (aggregate == null) {
                    out.add(events.get(position));
                } else if (listed.put(aggregate, Boolean.TRUE) == null) {
                    out.add(aggregate);
                }
            }
            smoothed.add(out);
        }
        return smoothed;
    }

    private static void record(List<Smoothed> closed, Map<Contribution, ObjectNode> aggregated) {
        for (Smoothed smoothed : closed) {
            smoothed.from().forEach(from -> aggregated.put(from, smoothed.event()));
        }
    }

    private Smoothed close(Window window) {
        open.remove(window.id);
        byAge.remove(window);
        return new Smoothed(window.aggregate(), List.copyOf(window.from));
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A time as read and as written (the text is kept, fraction and all). */
    private record ReadTime(Instant instant, String text) {
    }

    /** A UTC instant field of the data, else its eventTime; null when the one present does not read as an instant. */
    private static ReadTime readTime(JsonNode data, String field) {
        for (String name : new String[] {field, "eventTime"}) {
            JsonNode value = data.get(name);
            if (value != null && value.isTextual()) {
                try {
                    return new ReadTime(Instant.parse(value.asText()), value.asText());
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** One open window: the reads of one key so far. */
    private static final class Window {
        private final String id;
        private final long start;
        private final long sequence;
        private final List<Contribution> from = new ArrayList<>();
        private ObjectNode base;
        private ReadTime first;
        private ReadTime last;
        private long count;
        private BigDecimal peak;
        private JsonNode peakNode;

        Window(String id, long start, long sequence) {
            this.id = id;
            this.start = start;
            this.sequence = sequence;
        }

        void add(ObjectNode event, ReadTime readFirst, ReadTime readLast, Contribution contribution) {
            JsonNode data = event.path(Envelope.DATA);
            from.add(contribution);
            if (base == null || readFirst.instant().isBefore(first.instant()) || (readFirst.instant().equals(first.instant())
                    && event.path(Envelope.ID).asText().compareTo(base.path(Envelope.ID).asText()) < 0)) {
                base = event;
                first = readFirst;
            }
            if (last == null || readLast.instant().isAfter(last.instant())) {
                last = readLast;
            }
            JsonNode readCount = data.get("readCount");
            long reads = readCount != null && readCount.canConvertToLong() && readCount.asLong() > 0 ? readCount.asLong() : 1;
            // Saturates: a partner's absurd counts must not wrap round to a negative (invalid) readCount.
            count = count > Long.MAX_VALUE - reads ? Long.MAX_VALUE : count + reads;
            JsonNode rssi = data.get("peakRssiDbm");
            if (rssi != null && rssi.isNumber() && (peak == null || rssi.decimalValue().compareTo(peak) > 0)) {
                peak = rssi.decimalValue();
                peakNode = rssi;
            }
        }

        ObjectNode aggregate() {
            ObjectNode event = base.deepCopy();
            event.put(Envelope.ID, id);
            if (from.size() == 1) {
                return event;
            }
            ObjectNode data = (ObjectNode) event.get(Envelope.DATA);
            data.put("firstSeen", first.text());
            data.put("lastSeen", last.text());
            data.put("eventTime", last.text());
            data.put("readCount", count);
            if (peakNode != null) {
                data.set("peakRssiDbm", peakNode);
            }
            event.put(Envelope.TIME, last.text());
            return event;
        }
    }
}
