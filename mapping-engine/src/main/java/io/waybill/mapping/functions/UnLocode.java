package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;

/**
 * {@code unlocode(code)}: a UN/LOCODE, written {@code USCHI} or {@code US CHI}, as {@code USCHI}:
 * 2 country letters and 3 characters of A-Z or 2-9.
 */
public final class UnLocode extends WaybillFunction {

    public UnLocode() {
        super("unlocode", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String raw = text(arguments[0], "a UN/LOCODE");
        String code = raw.strip();
        // Match before upper-casing: toUpperCase maps some non-ASCII letters (ß, ı) onto ASCII ones.
        if (!code.matches("[A-Za-z]{2} ?[A-Za-z2-9]{3}")) {
            throw fail("'" + raw + "' is not a UN/LOCODE (2 country letters, then 3 of A-Z or 2-9)", arguments[0]);
        }
        return TextNode.valueOf(code.replace(" ", "").toUpperCase(Locale.ROOT));
    }
}
