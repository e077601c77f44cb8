package io.waybill.hub.mapping;

import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.mapping.MappingCatalog;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The partner declarations and mapping catalog the hub works with right now. Each is swapped
 * whole by a reload, so a push is always authenticated against one consistent registry and its
 * items mapped by one consistent catalog (callers read {@link #catalog()} once per push).
 */
public final class ActiveMappings {

    private final AtomicReference<PartnerRegistry> partners;
    private final AtomicReference<MappingCatalog> catalog;

    public ActiveMappings(PartnerRegistry partners, MappingCatalog catalog) {
        this.partners = new AtomicReference<>(Objects.requireNonNull(partners));
        this.catalog = new AtomicReference<>(Objects.requireNonNull(catalog));
    }

    public PartnerRegistry partners() {
        return partners.get();
    }

    public MappingCatalog catalog() {
        return catalog.get();
    }

    /** Makes a reloaded partner's declaration and mappings live: the registry first, so its pushes are never mapped without being known. */
    public void activate(PartnerRegistry newPartners, MappingCatalog newCatalog) {
        partners.set(Objects.requireNonNull(newPartners));
        catalog.set(Objects.requireNonNull(newCatalog));
    }
}
