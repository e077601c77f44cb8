package io.waybill.adapter.support;

/** A partner declaration that cannot be used; the message names the file and, when known, the line. */
public class InvalidDeclarationException extends RuntimeException {

    public InvalidDeclarationException(String message) {
        super(message);
    }

    public InvalidDeclarationException(String message, Throwable cause) {
        super(message, cause);
    }
}
