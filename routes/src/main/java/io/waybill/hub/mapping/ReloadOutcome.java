package io.waybill.hub.mapping;

import java.util.Locale;

/**
 * What one reload of a partner folder did.
 *
 * @param partner the partner folder
 * @param result  what happened
 * @param reason  one line for people: what is active now, or why nothing changed
 */
public record ReloadOutcome(String partner, Result result, String reason) {

    public enum Result {
        /** New or changed mappings passed the gate and are live. */
        ACTIVATED,
        /** The folder passed the gate but nothing in it changed. */
        UNCHANGED,
        /** Something failed; the previous mappings keep serving. */
        REFUSED,
        /** The partner folder is gone: its declaration and mappings are no longer served. */
        WITHDRAWN
    }

    /** The result as the metric tag and the report show it, e.g. {@code refused}. */
    public String resultName() {
        return result.name().toLowerCase(Locale.ROOT);
    }
}
