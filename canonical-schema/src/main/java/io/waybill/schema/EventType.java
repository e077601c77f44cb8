package io.waybill.schema;

import java.util.Arrays;

/**
 * The canonical event types. Each has a wire name (used in topic names, CloudEvents {@code type}
 * and schema paths) and the data field that names the entity the event is about: that field's
 * value is the CloudEvents {@code subject} and the Kafka record key, so one entity's events stay
 * ordered in one partition.
 */
public enum EventType {
    /** A milestone in a shipment's life (picked up, departed, delivered...). Keyed by shipment. */
    SHIPMENT_STATUS("shipment-status", "shipmentId"),
    /** A (revised) estimate of when a shipment reaches a place. Keyed by shipment. */
    ETA("eta", "shipmentId"),
    /** Sensor readings from a trailer, reefer, container or gateway. Keyed by asset. */
    TELEMETRY("telemetry", "assetId"),
    /** EPCIS-aligned observation of tagged or scanned objects at a read point. Keyed by location. */
    OBSERVATION("observation", "locationId"),
    /** Advance ship notice: what a shipment contains (orders, packs, items). Keyed by shipment. */
    SHIPMENT_NOTICE("shipment-notice", "shipmentId");

    private final String wireName;
    private final String keyField;

    EventType(String wireName, String keyField) {
        this.wireName = wireName;
        this.keyField = keyField;
    }

    /** The name used on the wire: {@code shipment-status}. */
    public String wireName() {
        return wireName;
    }

    /** The data field whose value is the event's subject and Kafka key. */
    public String keyField() {
        return keyField;
    }

    public static EventType fromWireName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown canonical event type '" + name
                        + "'; known: " + Arrays.stream(values()).map(EventType::wireName).toList()));
    }
}
