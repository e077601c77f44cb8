package io.waybill.hub.mapping;

import io.waybill.mapping.Mapping;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is loaded, for {@code GET /api/v1/mappings}: every active mapping with its version, every
 * mapping a refused reload tried, and each partner's last load result, so an engineer sees at
 * once whether the version they saved is the one serving, and if not, why.
 */
public final class MappingStatus {

    /** A mapping a reload tried to load. */
    public record Tried(String id, int version, String file) {
    }

    /** A partner's last load. */
    public record LastLoad(String result, String at, String reason) {
    }

    /** One mapping as the report shows it; {@code activeVersion} null when a refused reload tried a mapping not yet live. */
    public record Entry(String id, String partner, String file, Integer activeVersion, String produces,
                        Integer triedVersion, LastLoad lastLoad) {
    }

    /** The whole report. */
    public record Report(List<Entry> mappings, Map<String, LastLoad> partners) {
    }

    private record Live(Mapping mapping, String file) {
    }

    private final Clock clock;
    private final Path mappingsDir;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
    private final Map<String, LastLoad> lastLoads = new ConcurrentHashMap<>();
    private final Map<String, List<Tried>> lastTried = new ConcurrentHashMap<>();

    public MappingStatus(Clock clock, Path mappingsDir) {
        this.clock = clock;
        this.mappingsDir = mappingsDir.toAbsolutePath().normalize();
    }

    /** The mappings loaded at start-up. */
    public void recordStartup(List<Mapping> mappings) {
        for (Mapping mapping : mappings) {
            live.put(mapping.id(), new Live(mapping, relative(mapping.file())));
            fingerprints.put(mapping.id(), MappingFingerprint.of(mapping));
            lastLoads.putIfAbsent(mapping.partner(), new LastLoad("loaded", clock.instant().toString(), "loaded at start-up"));
        }
    }

    void recordActive(String partner, List<Mapping> mappings, Map<String, String> newFingerprints, ReloadOutcome outcome) {
        forgetLive(partner);
        for (Mapping mapping : mappings) {
            live.put(mapping.id(), new Live(mapping, relative(mapping.file())));
        }
        fingerprints.putAll(newFingerprints);
        lastTried.remove(partner);
        lastLoads.put(partner, new LastLoad(outcome.resultName(), clock.instant().toString(), outcome.reason()));
    }

    void recordRefused(String partner, List<Tried> tried, ReloadOutcome outcome) {
        lastTried.put(partner, List.copyOf(tried));
        lastLoads.put(partner, new LastLoad(outcome.resultName(), clock.instant().toString(), outcome.reason()));
    }

    void recordWithdrawn(String partner, ReloadOutcome outcome) {
        forgetLive(partner);
        lastTried.remove(partner);
        lastLoads.put(partner, new LastLoad(outcome.resultName(), clock.instant().toString(), outcome.reason()));
    }

    /** The fingerprint of the active mapping with this id, or null. */
    String fingerprint(String mappingId) {
        return fingerprints.get(mappingId);
    }

    public Report report() {
        List<Entry> entries = new ArrayList<>();
        for (Live l : live.values()) {
            Mapping m = l.mapping();
            Integer tried = lastTried.getOrDefault(m.partner(), List.of()).stream()
                    .filter(t -> t.id().equals(m.id())).map(Tried::version).findFirst().orElse(null);
            entries.add(new Entry(m.id(), m.partner(), l.file(), m.version(), m.produces().toString(), tried,
                    lastLoads.get(m.partner())));
        }
        lastTried.forEach((partner, tried) -> tried.stream()
                .filter(t -> !live.containsKey(t.id()))
                .forEach(t -> entries.add(new Entry(t.id(), partner, t.file(), null, null, t.version(), lastLoads.get(partner)))));
        entries.sort(Comparator.comparing(Entry::partner).thenComparing(Entry::id));
        return new Report(entries, new TreeMap<>(lastLoads));
    }

    private void forgetLive(String partner) {
        List<String> ids = live.values().stream().map(Live::mapping).filter(m -> m.partner().equals(partner)).map(Mapping::id).toList();
        ids.forEach(id -> {
            live.remove(id);
            fingerprints.remove(id);
        });
    }

    /** A mapping file as reports name it: {@code mappings/<partner>/<file>}. */
    String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(mappingsDir) ? mappingsDir.getFileName() + "/" + mappingsDir.relativize(absolute) : absolute.toString();
    }
}
