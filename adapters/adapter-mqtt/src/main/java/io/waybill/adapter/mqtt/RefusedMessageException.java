package io.waybill.adapter.mqtt;

/** A device message the hub refuses before mapping: the stage and the reason go to the DLQ. */
public final class RefusedMessageException extends RuntimeException {

    private final String stage;

    public RefusedMessageException(String stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    /** {@link DeviceMessages#STAGE_RECEIVE} or {@link DeviceMessages#STAGE_PARSE}. */
    public String stage() {
        return stage;
    }
}
