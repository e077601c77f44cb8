package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.schibsted.spt.data.jslt.Function;
import com.schibsted.spt.data.jslt.JsltException;

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
 * </ul>
 */
public final class FunctionLibrary {

    private FunctionLibrary() {
    }

    /** The functions available to one mapping, bound to its code tables. */
    public static List<Function> forMapping(String mappingId, Map<String, CodeTable> tables) {
        return List.of(new CodeLookup(mappingId, tables), new UtcInstant(), new UtcOffset());
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
