package io.waybill.hub.ingest;

import io.waybill.adapter.mqtt.RefusedMessageException;
import io.waybill.adapter.rest.PushRejection;
import io.waybill.mapping.MappingException;

/** Names the pipeline stage a failure belongs to and the reason a person should read. */
final class Failures {

    static final String STAGE_PARSE = "parse";
    static final String STAGE_MAP = "map";
    static final String STAGE_VALIDATE = "validate";
    static final String STAGE_INGEST = "ingest";

    private Failures() {
    }

    static String stage(Throwable cause) {
        if (cause instanceof MappingException) {
            return STAGE_MAP;
        }
        if (cause instanceof CanonicalValidationException) {
            return STAGE_VALIDATE;
        }
        if (cause instanceof RefusedMessageException refused) {
            return refused.stage();
        }
        if (cause instanceof PushRejection) {
            return STAGE_PARSE;
        }
        return STAGE_INGEST;
    }

    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
