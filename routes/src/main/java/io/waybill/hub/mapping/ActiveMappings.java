package io.waybill.hub.mapping;

import io.waybill.mapping.MappingCatalog;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mapping catalog the hub maps with right now. Swapped whole, so an item is always mapped by
 * one consistent set of mappings.
 */
public final class ActiveMappings {

    private final AtomicReference<MappingCatalog> current;

    public ActiveMappings(MappingCatalog initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    public MappingCatalog catalog() {
        return current.get();
    }

    public void activate(MappingCatalog catalog) {
        current.set(Objects.requireNonNull(catalog));
    }
}
