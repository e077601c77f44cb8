package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;

/** {@code scac(code)}: a Standard Carrier Alpha Code, 2 to 4 letters, trimmed and upper-cased. */
public final class Scac extends WaybillFunction {
    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("[A-Za-z]{2,4}");


    public Scac() {
        super("scac", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String raw = text(arguments[0], "a SCAC");
        String code = raw.strip();
        // Match before upper-casing: toUpperCase maps some non-ASCII letters (ß, ı) onto ASCII ones.
        if (!FORM.matcher(code).matches()) {
            throw fail("'" + raw + "' is not a SCAC (2 to 4 letters)", arguments[0]);
        }
        return TextNode.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
