package io.waybill.adapter.rest;

/**
 * A push refused as a whole, before any item is processed, with the HTTP status the partner gets
 * and a reason written for the partner's engineer.
 */
public class PushRejection extends RuntimeException {

    private final int status;
    private final String code;

    public PushRejection(int status, String code, String reason) {
        super(reason);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status: 400, 401, 403, 409, 413 or 415. */
    public int status() {
        return status;
    }

    /** A stable machine-readable code, e.g. {@code bad_signature}. */
    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
