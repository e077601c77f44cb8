package io.waybill.scoring;

import java.util.Objects;

/**
 * What a score or an alert is about: an asset (a reefer, trailer or container reporting
 * telemetry) or a shipment (statuses and ETAs).
 *
 * @param kind {@link #ASSET} or {@link #SHIPMENT}, the wire name
 * @param id   the asset or shipment id, the canonical event's Kafka key
 */
public record EntityRef(String kind, String id) {

    public static final String ASSET = "asset";
    public static final String SHIPMENT = "shipment";

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (!kind.equals(ASSET) && !kind.equals(SHIPMENT)) {
            throw new IllegalArgumentException("entity kind must be asset or shipment: " + kind);
        }
    }

    public static EntityRef asset(String id) {
        return new EntityRef(ASSET, id);
    }

    public static EntityRef shipment(String id) {
        return new EntityRef(SHIPMENT, id);
    }

    public boolean isAsset() {
        return kind.equals(ASSET);
    }

    /** {@code shipment/SH-1001}: the key of the entity's state snapshot. */
    public String key() {
        return kind + "/" + id;
    }

    /** The inverse of {@link #key()}. */
    public static EntityRef fromKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an entity key: " + key);
        }
        return new EntityRef(key.substring(0, slash), key.substring(slash + 1));
    }
}
