package io.waybill.hub.config;

/**
 * A problem that stops the hub from starting, with a message written for the operator: it names
 * the setting (or file) at fault and what to do. The launcher prints it as one line, no stack trace.
 */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
