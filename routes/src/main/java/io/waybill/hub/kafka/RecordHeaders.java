package io.waybill.hub.kafka;

/**
 * Names of the Kafka record headers the hub writes. These are part of the topic contract; every
 * other header is internal and never reaches a record.
 */
public final class RecordHeaders {

    /** Media type of the value. Canonical records: {@code application/cloudevents+json}. */
    public static final String CONTENT_TYPE = "content-type";
    /** raw.v1 and dlq.v1: the partner id. */
    public static final String PARTNER = "waybill.partner";
    /** raw.v1 and dlq.v1: the channel the message came on ({@code rest}, ...). */
    public static final String CHANNEL = "waybill.channel";
    /** raw.v1: when the hub received the message (UTC, ISO-8601). */
    public static final String RECEIVED_AT = "waybill.received-at";

    /** dlq.v1: the stage that failed: {@code parse}, {@code map}, {@code validate}. */
    public static final String ERROR_STAGE = "waybill.error.stage";
    /** dlq.v1: why, written for the integration engineer. */
    public static final String ERROR_REASON = "waybill.error.reason";
    /** dlq.v1: the partner whose message it is. */
    public static final String ERROR_PARTNER = "waybill.error.partner";
    /** dlq.v1: the mapping involved ({@code id vN}), when one was chosen. */
    public static final String ERROR_MAPPING = "waybill.error.mapping";
    /** dlq.v1: where the whole raw message is archived ({@code raw.v1/<partition>/<offset>}). */
    public static final String ERROR_SOURCE = "waybill.error.source";
    /** dlq.v1: position of the failed item in its message (0 for a single document). */
    public static final String ERROR_ITEM = "waybill.error.item";
    /** dlq.v1: when the failure happened (UTC, ISO-8601). */
    public static final String ERROR_TIME = "waybill.error.time";

    private RecordHeaders() {
    }
}
