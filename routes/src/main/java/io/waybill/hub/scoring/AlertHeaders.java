package io.waybill.hub.scoring;

/**
 * Properties of every alert message on Artemis ({@code alerts}, {@code alerts.review}), so a
 * subscriber can select without reading the body. The body is the alert record's JSON, as on alerts.v1.
 */
public final class AlertHeaders {

    /** The alert's deterministic id (one per raise). */
    public static final String ALERT_ID = "waybill_alert_id";
    /** RAISED, UPDATED or CLEARED. */
    public static final String STATE = "waybill_alert_state";
    /** The alert type: its policy id, e.g. {@code temperature-excursion}. */
    public static final String TYPE = "waybill_alert_type";
    /** WARNING, MAJOR, CRITICAL... as the policy names its tiers. */
    public static final String SEVERITY = "waybill_alert_severity";
    /** asset or shipment. */
    public static final String ENTITY_TYPE = "waybill_entity_type";
    /** The asset or shipment id. */
    public static final String ENTITY_ID = "waybill_entity_id";
    /** {@code <policy id> v<version>}. */
    public static final String POLICY = "waybill_policy";
    /**
     * Artemis duplicate detection: the record's transition id, so a record sent again (after a
     * restart, or a replay) is dropped by the broker instead of reaching subscribers twice.
     */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private AlertHeaders() {
    }
}
