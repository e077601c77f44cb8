package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;
import io.waybill.mapping.functions.Celsius;
import io.waybill.mapping.functions.GeohashLatLon;
import io.waybill.mapping.functions.Gs1Check;
import io.waybill.mapping.functions.Iso6346;
import io.waybill.mapping.functions.LatLon;
import io.waybill.mapping.functions.Scac;
import io.waybill.mapping.functions.UnLocode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Waybill's functions for JSLT transforms. They turn the forms partners send into the forms the
 * canonical schema fixes, and fail loudly (naming the function and the value) rather than
 * produce something silently wrong. Null in gives null out, so optional fields stay optional.
 *
 * <ul>
 *   <li>{@code code-lookup(table, code)}: the mapping's code table value for a partner code; unknown codes fail</li>
 *   <li>{@code utc-instant(timestamp)}: an ISO-8601 date-time with offset as a UTC instant ({@code ...Z})</li>
 *   <li>{@code utc-offset(timestamp)}: the offset the partner wrote, {@code +HH:MM} ({@code +00:00} for Z)</li>
 *   <li>{@code iso6346(container)}: a container number upper-cased, spaces and dashes removed; shape
 *       (owner code, category U/J/Z, 6 digits, check digit) and ISO 6346 check digit verified</li>
 *   <li>{@code gs1-check(code)}: the digits of a GTIN-8/12/13/14, GLN or SSCC string, GS1 mod-10
 *       check digit verified</li>
 *   <li>{@code scac(code)}: a SCAC of 2 to 4 letters, upper-cased</li>
 *   <li>{@code unlocode(code)}: a UN/LOCODE written {@code USCHI} or {@code US CHI}, as {@code USCHI}</li>
 *   <li>{@code celsius(value, unit)}: a temperature in C, F or K (any case, {@code °} allowed) as
 *       degrees Celsius with 2 decimals; below absolute zero fails</li>
 *   <li>{@code lat-lon(lat, lon)}: {@code {"lat", "lon"}}, or null for 0/0 ("no fix"); out of range,
 *       or only one of them null, fails</li>
 *   <li>{@code geohash-lat-lon(hash)}: the centre of a geohash cell as {@code {"lat", "lon"}}, 6 decimals</li>
 * </ul>
 * The functions from {@code iso6346} on live in {@link io.waybill.mapping.functions}, one class each.
 */
public final class FunctionLibrary {

    private FunctionLibrary() {
    }

    /** The functions available to one mapping, bound to its code tables. */
    public static List<Function> forMapping(String mappingId, Map<String, CodeTable> tables) {
        return List.of(new CodeLookup(mappingId, tables), new UtcInstant(), new UtcOffset(),
                new Iso6346(), new Gs1Check(), new Scac(), new UnLocode(),
                new Celsius(), new LatLon(), new GeohashLatLon());
    }

    private abstract static class Base implements Function {
        private final String name;
        private final int min;
        private final int max;

        Base(String name, int min, int max) {
            this.name = name;
            this.min = min;
            this.max = max;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public int getMinArguments() {
            return min;
        }

        @Override
        public int getMaxArguments() {
            return max;
        }
    }

    static final class CodeLookup extends Base {
        private final String mappingId;
        private final Map<String, CodeTable> tables;

        CodeLookup(String mappingId, Map<String, CodeTable> tables) {
            super("code-lookup", 2, 2);
            this.mappingId = mappingId;
            this.tables = tables;
        }

        @Override
        public JsonNode call(JsonNode input, JsonNode[] arguments) {
            String tableName = arguments[0].asText();
            CodeTable table = tables.get(tableName);
            if (table == null) {
                throw new JsltException("code-lookup: mapping " + mappingId + " declares no table '" + tableName
                        + "'; declared: " + tables.keySet());
            }
            JsonNode code = arguments[1];
            if (code == null || code.isNull()) {
                return NullNode.instance;
            }
            return table.lookup(code.asText())
                    .<JsonNode>map(TextNode::valueOf)
                    .orElseThrow(() -> new JsltException("code-lookup: code '" + code.asText() + "' is not in table '"
                            + tableName + "' (known: " + table.codes() + ")"));
        }
    }

    static final class UtcInstant extends Base {
        UtcInstant() {
            super("utc-instant", 1, 1);
        }

        @Override
        public JsonNode call(JsonNode input, JsonNode[] arguments) {
            OffsetDateTime time = parse(getName(), arguments[0]);
            return time == null ? NullNode.instance
                    : TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(time.toInstant()));
        }
    }

    static final class UtcOffset extends Base {
        UtcOffset() {
            super("utc-offset", 1, 1);
        }

        @Override
        public JsonNode call(JsonNode input, JsonNode[] arguments) {
            OffsetDateTime time = parse(getName(), arguments[0]);
            if (time == null) {
                return NullNode.instance;
            }
            ZoneOffset offset = time.getOffset();
            return TextNode.valueOf(offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId());
        }
    }

    private static OffsetDateTime parse(String function, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new JsltException(function + ": expected an ISO-8601 date-time string, got " + value);
        }
        try {
            return OffsetDateTime.parse(value.asText().strip());
        } catch (DateTimeParseException e) {
            throw new JsltException(function + ": '" + value.asText()
                    + "' is not an ISO-8601 date-time with an offset (like 2026-11-27T10:15:00-05:00)");
        }
    }
}
