package io.waybill.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Month;
import java.time.Year;
import java.util.Map;
import java.util.regex.Pattern;

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

    // The schema's patterns, without their ^ and $ (Pattern.matches anchors, and a Java $ would also
    // accept a trailing line break).
    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern SOURCE = Pattern.compile("/waybill/partners/[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*");
    static final Pattern TYPE = Pattern.compile("io\\.waybill\\.[a-z-]+\\.v[1-9][0-9]*");
    static final Pattern PARTNER = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final Pattern SCHEMA_VERSION = Pattern.compile("[a-z-]+/v[1-9][0-9]*");
    static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** common/v1 {@code utcInstant}; its {@code date-time} format is checked by {@link #isUtcInstant}. */
    static final Pattern UTC_INSTANT = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");
    /**
     * Not the schema's rule ({@code format: uri}) but a narrower one every value of which is a URI:
     * the form of {@link SchemaRef#dataSchemaUri()}.
     */
    static final Pattern DATA_SCHEMA = Pattern.compile("https://schemas\\.waybill\\.io/[a-z-]+/v[1-9][0-9]*\\.schema\\.json");

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
            boolean met = switch (attribute.getKey()) {
                case Envelope.SPECVERSION -> isText(value, Envelope.SPEC_VERSION_VALUE);
                case Envelope.ID -> matches(value, ID);
                case Envelope.SOURCE -> matches(value, SOURCE);
                case Envelope.TYPE -> matches(value, TYPE);
                case Envelope.SUBJECT, Envelope.MAPPING_ID -> value.isTextual() && !value.textValue().isEmpty();
                case Envelope.TIME, Envelope.INGEST_TIME -> value.isTextual() && isUtcInstant(value.textValue());
                case Envelope.DATACONTENTTYPE -> isText(value, Envelope.DATA_CONTENT_TYPE_VALUE);
                case Envelope.DATASCHEMA -> matches(value, DATA_SCHEMA);
                case Envelope.DATA -> value.isObject();
                case Envelope.PARTNER -> matches(value, PARTNER);
                // 1.0 is an integer to JSON Schema too; the schema judges such a rarity.
                case Envelope.MAPPING_VERSION -> (value.isInt() || value.isLong()) && value.longValue() >= 1;
                case Envelope.SCHEMA_VERSION -> matches(value, SCHEMA_VERSION);
                case Envelope.TRACEPARENT -> matches(value, TRACEPARENT);
                case Envelope.RAW_REF -> value.isTextual() && !value.textValue().isEmpty();
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

    /**
     * An RFC 3339 date-time in UTC, as the schema's pattern and {@code date-time} format together
     * say: the pattern, then a real calendar date and a time of day. A leap second (:60), which
     * the format accepts only on the dates one was inserted, is left to the schema.
     */
    static boolean isUtcInstant(String text) {
        if (!UTC_INSTANT.matcher(text).matches()) {
            return false;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        return month >= 1 && month <= 12
                && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))
                && digits(text, 11, 13) <= 23
                && digits(text, 14, 16) <= 59
                && digits(text, 17, 19) <= 59;
    }

    private static int digits(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    private static boolean isText(JsonNode value, String expected) {
        return value.isTextual() && value.textValue().equals(expected);
    }

    private static boolean matches(JsonNode value, Pattern pattern) {
        return value.isTextual() && pattern.matcher(value.textValue()).matches();
    }
}
