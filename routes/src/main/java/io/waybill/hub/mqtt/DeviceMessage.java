package io.waybill.hub.mqtt;

import io.waybill.adapter.mqtt.DeviceMessages;

import java.time.Instant;

/**
 * One message a device published, as received, waiting in a batch.
 *
 * @param topic       where it was published
 * @param payload     its bytes as received
 * @param receivedAt  when the hub received it
 * @param attribution the partner and device its topic names, or why it is refused
 */
public record DeviceMessage(String topic, byte[] payload, Instant receivedAt, DeviceMessages.Attribution attribution) {

    /** The partner to file it under: metrics tag, raw.v1 and dlq.v1 key. */
    public String partnerOrUnknown() {
        return attribution.partner() == null ? io.waybill.hub.ingest.Variables.UNKNOWN_PARTNER : attribution.partner();
    }
}
