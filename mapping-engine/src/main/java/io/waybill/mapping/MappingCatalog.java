package io.waybill.mapping;

import io.waybill.adapter.support.RawDocument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The active mappings, by partner, and the choice of the one mapping that takes a document.
 * Exactly one must accept it: none, or more than one, is an error listing every candidate and
 * why it did or did not match, so the engineer sees which predicate to tighten.
 */
public final class MappingCatalog {

    private final Map<String, List<Mapping>> byPartner;
    private final Map<String, Mapping> byId = new HashMap<>();

    public MappingCatalog(List<Mapping> mappings) {
        requireUniqueIds(mappings);
        Map<String, List<Mapping>> grouped = new LinkedHashMap<>();
        for (Mapping mapping : mappings) {
            grouped.computeIfAbsent(mapping.partner(), p -> new ArrayList<>()).add(mapping);
        }
        grouped.replaceAll((partner, list) -> List.copyOf(list));
        mappings.forEach(mapping -> byId.put(mapping.id(), mapping));
        this.byPartner = Collections.unmodifiableMap(grouped);
    }

    /** Refuses two mappings with one id (in one partner folder, since an id starts with the partner), naming both files. */
    static void requireUniqueIds(Collection<Mapping> mappings) {
        Map<String, Mapping> byId = new HashMap<>();
        for (Mapping mapping : mappings) {
            Mapping clash = byId.put(mapping.id(), mapping);
            if (clash != null) {
                throw new MappingException(mapping.id(), "id", "declared twice: " + MappingLoader.at(clash.file(), "id")
                        + " and " + MappingLoader.at(mapping.file(), "id") + "; every mapping needs its own id");
            }
        }
    }

    public List<Mapping> forPartner(String partner) {
        return byPartner.getOrDefault(partner, List.of());
    }

    public List<Mapping> all() {
        return byPartner.values().stream().flatMap(List::stream).toList();
    }

    /** The mapping with this id, if it is in the catalog. */
    public java.util.Optional<Mapping> byId(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    /** The one mapping of the document's partner that accepts it; several shared ones are an error here. */
    public Mapping select(RawDocument document) {
        List<Mapping> selected = selectAll(document);
        if (selected.size() > 1) {
            throw new MappingException(null, "accepts", "shared mappings " + selected.stream().map(Mapping::id)
                    .collect(Collectors.joining(", ")) + " of partner " + document.partner() + " all accept this document;"
                    + " this caller maps a document with one mapping only");
        }
        return selected.get(0);
    }

    /**
     * The mappings of the document's partner that take it, in the catalog's order: exactly one, or
     * several when every mapping that accepts it is shared ({@code accepts.shared: true}), as when
     * one document carries events of several types.
     */
    public List<Mapping> selectAll(RawDocument document) {
        if (!document.body().isObject()) {
            throw new MappingException(null, "accepts", "the document is a JSON " + document.body().getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", not an object; every item must be a JSON object");
        }
        List<Mapping> candidates = forPartner(document.partner());
        if (candidates.isEmpty()) {
            throw new MappingException(null, null, "partner " + document.partner() + " has no mappings");
        }
        Map<Mapping, String> refusals = new LinkedHashMap<>();
        List<Mapping> accepting = new ArrayList<>();
        for (Mapping candidate : candidates) {
            String refusal = candidate.refusal(document);
            if (refusal == null) {
                accepting.add(candidate);
            } else {
                refusals.put(candidate, refusal);
            }
        }
        if (accepting.size() == 1 || (accepting.size() > 1 && accepting.stream().allMatch(Mapping::shared))) {
            return List.copyOf(accepting);
        }
        if (accepting.isEmpty()) {
            throw new MappingException(null, "accepts", "no mapping of partner " + document.partner()
                    + " accepts this document: " + refusals.entrySet().stream()
                    .map(e -> e.getKey().id() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining("; ")));
        }
        String unshared = accepting.stream().filter(m -> !m.shared()).map(Mapping::id).collect(Collectors.joining(", "));
        throw new MappingException(null, "accepts", "more than one mapping of partner " + document.partner()
                + " accepts this document: " + accepting.stream().map(Mapping::id).collect(Collectors.joining(", "))
                + "; make their 'accepts.when' exclusive"
                + (accepting.stream().anyMatch(Mapping::shared) ? ", or declare 'accepts.shared: true' on " + unshared
                + " too if the document is meant for all of them" : ""));
    }
}
