package io.waybill.hub.edi;

/**
 * Properties of each acknowledgment message on the Artemis queue {@code edi.acks.<partner>}: they name
 * the interchange it answers, so a partner's pickup (or an operator) can match it without parsing the
 * EDI. Names use underscores: JMS property names must be Java identifiers, and AMQP clients see them as
 * application properties. The body is the acknowledgment's EDI text.
 */
public final class AckHeaders {

    /** The partner id. */
    public static final String PARTNER = "waybill_partner";
    /** The interchange answered, {@code X12/ZZ/ACMF/000000905} (standard/sender qualifier/sender/control number). */
    public static final String INTERCHANGE = "waybill_interchange";
    /** Its sender, {@code QUALIFIER:ID}. */
    public static final String INTERCHANGE_SENDER = "waybill_interchange_sender";
    /** Its control number (ISA13 / UNB 0020), as received. */
    public static final String INTERCHANGE_CONTROL_NUMBER = "waybill_interchange_control_number";
    /** {@code X12} or {@code EDIFACT}. */
    public static final String STANDARD = "waybill_standard";
    /** What the acknowledgment holds: {@code TA1}, {@code TA1+997}, {@code TA1+999} or {@code CONTRL}. */
    public static final String KIND = "waybill_ack_kind";
    /** The interchange-level verdict it carries: {@code accepted}, {@code accepted_with_errors}, {@code rejected}. */
    public static final String STATUS = "waybill_ack_status";
    /** The acknowledgment's own control number (its ISA13 / UNB 0020). */
    public static final String CONTROL_NUMBER = "waybill_ack_control_number";
    /** {@code true} when it answers a resent interchange (TA1 025 / CONTRL 26). */
    public static final String DUPLICATE = "waybill_ack_duplicate";
    /** {@code application/edi-x12} or {@code application/edifact}. */
    public static final String CONTENT_TYPE = "waybill_content_type";
    /** Where the acknowledged body is archived, {@code raw.v1/<partition>/<offset>}. */
    public static final String RAW_REF = "waybill_raw_ref";

    private AckHeaders() {
    }
}
