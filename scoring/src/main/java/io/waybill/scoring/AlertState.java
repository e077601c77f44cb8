package io.waybill.scoring;

/** An alert's lifecycle: raised once, updated when its severity tier rises, cleared once. */
public enum AlertState {
    RAISED, UPDATED, CLEARED
}
