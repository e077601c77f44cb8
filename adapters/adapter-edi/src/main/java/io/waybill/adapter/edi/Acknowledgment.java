package io.waybill.adapter.edi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An acknowledgment interchange, ready to send back to the partner.
 *
 * @param standard      {@code X12} or {@code EDIFACT}
 * @param contentType   {@code application/edi-x12} or {@code application/edifact}
 * @param kind          what it holds: {@code TA1}, {@code TA1+997}, {@code TA1+999} or {@code CONTRL}
 * @param controlNumber the control number of the acknowledgment interchange (ISA13 / UNB 0020): the
 *                      caller's counter value
 * @param acknowledges  the interchange it answers
 * @param status        the verdict it carries at interchange level (TA104 / UCI 0083)
 * @param duplicate     it answers a resent interchange
 * @param content       the EDI text, one segment per line
 */
public record Acknowledgment(String standard, String contentType, String kind, String controlNumber,
                             InterchangeId acknowledges, EdiStatus status, boolean duplicate, String content) {

    public Acknowledgment {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(content, "content");
    }

    /** The content as bytes to send (UTF-8; ASCII for ASCII data). */
    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
