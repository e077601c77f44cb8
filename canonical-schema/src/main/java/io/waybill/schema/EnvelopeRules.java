package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Month;
import java.time.Year;
import java.util.Map;

/**
 * The envelope schema's rules ({@code schemas/envelope/v1.schema.json}) in plain Java, to recognize
 * an envelope that meets every one of them without running the schema: its formats and patterns
 * cost more per event than the mapping that built the envelope.
 *
 * <p>Every attribute is checked, including those {@link CanonicalEvent#build} writes from constants,
 * since {@link SchemaValidator} also validates events it did not build. An envelope these rules do
 * not recognize goes to the envelope schema, which gives the verdict and says what is wrong, so the
 * rules may be stricter than the schema (then an odd but valid envelope only costs a schema run),
 * never looser. {@code EnvelopeRulesTest} holds the two side by side on hostile values of every
 * attribute, and fails when the schema's declarations change.
 */
final class EnvelopeRules {

    /** The schema's {@code required}: every attribute but the two optional ones. */
    private static final int REQUIRED_COUNT = 14;

    private EnvelopeRules() {
    }

    /**
     * True when {@code event} meets every rule of the envelope schema (attributes, types, constants,
     * patterns, formats, minimums, required, no other attribute). False when it does not, or when
     * these rules cannot tell: ask the schema then.
     */
    static boolean conforms(JsonNode event) {
        if (!event.isObject()) {
            return false;
        }
        int required = 0;
        for (Map.Entry<String, JsonNode> attribute : event.properties()) {
            JsonNode value = attribute.getValue();
            String text = value.textValue(); // null unless a string
            boolean met = switch (attribute.getKey()) {
                case Envelope.SPECVERSION -> Envelope.SPEC_VERSION_VALUE.equals(text);
                case Envelope.ID -> text != null && isId(text);
                case Envelope.SOURCE -> text != null && isSource(text);
                case Envelope.TYPE -> text != null && isType(text);
                case Envelope.SUBJECT, Envelope.MAPPING_ID, Envelope.RAW_REF -> text != null && !text.isEmpty();
                case Envelope.TIME, Envelope.INGEST_TIME -> text != null && isUtcInstant(text);
                case Envelope.DATACONTENTTYPE -> Envelope.DATA_CONTENT_TYPE_VALUE.equals(text);
                case Envelope.DATASCHEMA -> text != null && isDataSchema(text);
                case Envelope.DATA -> value.isObject();
                case Envelope.PARTNER -> text != null && isName(text, 0, text.length());
                // 1.0 is an integer to JSON Schema too; the schema judges such a rarity.
                case Envelope.MAPPING_VERSION -> (value.isInt() || value.isLong()) && value.longValue() >= 1;
                case Envelope.SCHEMA_VERSION -> text != null && isSchemaVersion(text, 0, text.length());
                case Envelope.TRACEPARENT -> text != null && isTraceparent(text);
                default -> false; // additionalProperties: false
            };
            if (!met) {
                return false;
            }
            if (!attribute.getKey().equals(Envelope.TRACEPARENT) && !attribute.getKey().equals(Envelope.RAW_REF)) {
                required++;
            }
        }
        return required == REQUIRED_COUNT;
    }

    // The forms below are the schema's patterns, written out: a regular expression costs more per
    // event than everything else here together.

    /** {@code ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$} (which also meets {@code format: uuid}) */
    static boolean isId(String text) {
        return isHexGroups(text, 0, 8, 4, 4, 4, 12);
    }

    /** {@code ^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$} */
    static boolean isTraceparent(String text) {
        return text.startsWith("00-") && isHexGroups(text, 3, 32, 16, 2);
    }

    private static final String SOURCE_PREFIX = "/waybill/partners/";

    /**
     * {@code ^/waybill/partners/[a-z0-9][a-z0-9._-]*}{@code /[a-z0-9][a-z0-9._-]*$} (every value of
     * which also meets {@code format: uri-reference}: a relative path of unreserved characters)
     */
    static boolean isSource(String text) {
        if (!text.startsWith(SOURCE_PREFIX)) {
            return false;
        }
        int slash = text.indexOf('/', SOURCE_PREFIX.length());
        return slash >= 0 && isName(text, SOURCE_PREFIX.length(), slash) && isName(text, slash + 1, text.length());
    }

    private static final String TYPE_PREFIX = "io.waybill.";

    /** {@code ^io\.waybill\.[a-z-]+\.v[1-9][0-9]*$} */
    static boolean isType(String text) {
        if (!text.startsWith(TYPE_PREFIX)) {
            return false;
        }
        int dot = text.indexOf('.', TYPE_PREFIX.length());
        return dot >= 0 && isWireName(text, TYPE_PREFIX.length(), dot)
                && text.startsWith("v", dot + 1) && isVersion(text, dot + 2, text.length());
    }

    /** {@code ^[a-z-]+/v[1-9][0-9]*$} between {@code from} and {@code to} */
    static boolean isSchemaVersion(String text, int from, int to) {
        int slash = text.indexOf('/', from);
        return slash >= 0 && slash < to && isWireName(text, from, slash)
                && text.startsWith("v", slash + 1) && isVersion(text, slash + 2, to);
    }

    private static final String DATA_SCHEMA_SUFFIX = ".schema.json";

    /**
     * Not the schema's rule ({@code format: uri}) but a narrower one every value of which is a URI:
     * the form of {@link SchemaRef#dataSchemaUri()}, {@code https://schemas.waybill.io/<type>/v<major>.schema.json}.
     */
    static boolean isDataSchema(String text) {
        return text.startsWith(SchemaRef.SCHEMA_BASE_URI) && text.endsWith(DATA_SCHEMA_SUFFIX)
                && isSchemaVersion(text, SchemaRef.SCHEMA_BASE_URI.length(), text.length() - DATA_SCHEMA_SUFFIX.length());
    }

    /**
     * common/v1 {@code utcInstant}: its pattern {@code ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$}
     * and its {@code date-time} format, i.e. a real calendar date and a time of day. A leap second
     * (:60), which the format accepts on the dates one was inserted, is left to the schema.
     */
    static boolean isUtcInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z'
                || !isDigits(text, 0, 4) || text.charAt(4) != '-' || !isDigits(text, 5, 7) || text.charAt(7) != '-'
                || !isDigits(text, 8, 10) || text.charAt(10) != 'T' || !isDigits(text, 11, 13) || text.charAt(13) != ':'
                || !isDigits(text, 14, 16) || text.charAt(16) != ':' || !isDigits(text, 17, 19)) {
            return false;
        }
        int fractionDigits = length - 21; // between "ss." and "Z"
        if (length > 20 && (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9
                || !isDigits(text, 20, length - 1))) {
            return false;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        return month >= 1 && month <= 12
                && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))
                && number(text, 11, 13) <= 23
                && number(text, 14, 16) <= 59
                && number(text, 17, 19) <= 59;
    }

    /** {@code [a-z0-9][a-z0-9._-]*} between {@code from} and {@code to} */
    static boolean isName(String text, int from, int to) {
        if (from >= to || !isLowerOrDigit(text.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!isLowerOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z-]+} between {@code from} and {@code to} */
    private static boolean isWireName(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c < 'a' || c > 'z') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [1-9][0-9]*} between {@code from} and {@code to} */
    private static boolean isVersion(String text, int from, int to) {
        return from < to && text.charAt(from) != '0' && isDigits(text, from, to);
    }

    /** Groups of lower-case hex digits of the given lengths, separated by '-', from {@code from} to the end. */
    private static boolean isHexGroups(String text, int from, int... lengths) {
        int at = from;
        for (int group = 0; group < lengths.length; group++) {
            if (group > 0) {
                if (at >= text.length() || text.charAt(at) != '-') {
                    return false;
                }
                at++;
            }
            int end = at + lengths[group];
            if (end > text.length()) {
                return false;
            }
            for (; at < end; at++) {
                char c = text.charAt(at);
                if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                    return false;
                }
            }
        }
        return at == text.length();
    }

    private static boolean isLowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}
