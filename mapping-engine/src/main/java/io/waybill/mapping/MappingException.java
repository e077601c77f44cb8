package io.waybill.mapping;

/**
 * A mapping that could not produce valid output for a document, or could not be loaded. Names
 * the mapping, the field (or mapping-file key) and, when known, the place in the input, so the
 * integration engineer can fix the right line.
 */
public class MappingException extends RuntimeException {

    private final String mappingId;
    private final String field;

    public MappingException(String mappingId, String field, String message) {
        super(message);
        this.mappingId = mappingId;
        this.field = field;
    }

    public MappingException(String mappingId, String field, String message, Throwable cause) {
        super(message, cause);
        this.mappingId = mappingId;
        this.field = field;
    }

    /** The mapping at fault, or null when no mapping was chosen. */
    public String mappingId() {
        return mappingId;
    }

    /** The field or key at fault, or null. */
    public String field() {
        return field;
    }

    @Override
    public String getMessage() {
        StringBuilder text = new StringBuilder();
        if (mappingId != null) {
            text.append("mapping ").append(mappingId).append(": ");
        }
        if (field != null) {
            text.append(field).append(": ");
        }
        return text.append(super.getMessage()).toString();
    }
}
