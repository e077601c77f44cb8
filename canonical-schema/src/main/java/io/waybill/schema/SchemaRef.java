package io.waybill.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A canonical event type at one major version, written {@code shipment-status/v1}. Everything
 * downstream teams depend on is derived from it: the topic, the CloudEvents type and the schema.
 */
public record SchemaRef(EventType type, int major) {

    private static final Pattern FORM = Pattern.compile("([a-z][a-z-]*)/v([1-9][0-9]*)");

    /** Prefix of every CloudEvents {@code type} Waybill emits. */
    public static final String CE_TYPE_PREFIX = "io.waybill.";

    /** Where the schemas are published; {@code dataschema} points here. */
    public static final String SCHEMA_BASE_URI = "https://schemas.waybill.io/";

    public SchemaRef {
        if (major < 1) {
            throw new IllegalArgumentException("major version must be 1 or more, was " + major);
        }
    }

    /** Parses {@code shipment-status/v1}. */
    public static SchemaRef parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a canonical type reference like 'shipment-status/v1'");
        }
        return new SchemaRef(EventType.fromWireName(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** {@code canonical.shipment-status.v1} */
    public String topic() {
        return "canonical." + type.wireName() + ".v" + major;
    }

    /** {@code io.waybill.shipment-status.v1} */
    public String ceType() {
        return CE_TYPE_PREFIX + type.wireName() + ".v" + major;
    }

    /** {@code https://schemas.waybill.io/shipment-status/v1.schema.json} */
    public String dataSchemaUri() {
        return SCHEMA_BASE_URI + type.wireName() + "/v" + major + ".schema.json";
    }

    /** Classpath resource of the data schema: {@code schemas/shipment-status/v1.schema.json}. */
    public String schemaResource() {
        return "schemas/" + type.wireName() + "/v" + major + ".schema.json";
    }

    @Override
    public String toString() {
        return type.wireName() + "/v" + major;
    }
}
