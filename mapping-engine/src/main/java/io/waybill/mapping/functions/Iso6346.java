package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code iso6346(container)}: a container number, upper-cased with spaces and dashes removed,
 * after checking its shape (owner code, category U/J/Z, six digits, check digit) and check digit.
 */
public final class Iso6346 extends WaybillFunction {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z]{3}[UJZujz][0-9]{7}");

    public Iso6346() {
        super("iso6346", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String raw = text(arguments[0], "a container number");
        String stripped = raw.replaceAll("[\\s-]", "");
        // Match before upper-casing: toUpperCase maps some non-ASCII letters (ß, ı) onto ASCII ones.
        if (!SHAPE.matcher(stripped).matches()) {
            throw fail("'" + raw + "' is not a container number (3-letter owner code, category U/J/Z, "
                    + "6 digits, check digit)", arguments[0]);
        }
        String number = stripped.toUpperCase(Locale.ROOT);
        int expected = checkDigit(number);
        if (number.charAt(10) - '0' != expected) {
            throw fail("'" + raw + "' has check digit " + number.charAt(10) + ", expected " + expected, arguments[0]);
        }
        return TextNode.valueOf(number);
    }

    /** The check digit of the first ten characters. */
    static int checkDigit(String number) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += value(number.charAt(i)) << i;
        }
        return sum % 11 % 10;
    }

    /** Digits are themselves; letters count from A=10 upwards, skipping multiples of 11. */
    private static int value(char c) {
        if (c <= '9') {
            return c - '0';
        }
        int v = 10;
        for (char letter = 'A'; letter < c; letter++) {
            v++;
            if (v % 11 == 0) {
                v++;
            }
        }
        return v;
    }
}
