package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * {@code gs1-check(code)}: the digits of a GTIN-8/12/13/14, GLN (13) or SSCC (18), spaces removed,
 * after checking the GS1 mod-10 check digit. Codes must be strings: a JSON number would lose
 * leading zeros.
 */
public final class Gs1Check extends WaybillFunction {

    public Gs1Check() {
        super("gs1-check", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String raw = text(arguments[0], "a GTIN, GLN or SSCC");
        String code = raw.replaceAll("\\s", "");
        int length = code.length();
        if (!code.matches("[0-9]+") || !(length == 8 || length == 12 || length == 13 || length == 14 || length == 18)) {
            throw fail("'" + raw + "' is not a GS1 code (8, 12, 13, 14 or 18 digits)", arguments[0]);
        }
        int expected = checkDigit(code);
        if (code.charAt(length - 1) - '0' != expected) {
            throw fail("'" + raw + "' has check digit " + code.charAt(length - 1) + ", expected " + expected, arguments[0]);
        }
        return TextNode.valueOf(code);
    }

    /** Weights 3, 1, 3, ... from the digit left of the check digit leftwards. */
    static int checkDigit(String code) {
        int sum = 0;
        for (int i = code.length() - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (code.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }
}
