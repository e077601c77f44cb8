package io.waybill.hub.ingest;

import io.waybill.schema.SchemaValidator;

import java.util.List;
import java.util.stream.Collectors;

/** A mapped event that breaks its JSON Schema; lists every violation with its JSON Pointer. */
public class CanonicalValidationException extends RuntimeException {

    private final List<SchemaValidator.Violation> violations;

    public CanonicalValidationException(String eventType, List<SchemaValidator.Violation> violations) {
        super(eventType + " event breaks its schema: " + violations.stream().map(Object::toString)
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<SchemaValidator.Violation> violations() {
        return violations;
    }
}
