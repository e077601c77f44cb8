package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * {@code epc-uri(hex)}: a 96-bit EPC as a reader reports it (24 hex digits, either case; spaces and
 * a leading {@code 0x} ignored) as its pure-identity EPC URI, {@code urn:epc:id:sgtin:CompanyPrefix.ItemRef.Serial}
 * or {@code urn:epc:id:sscc:CompanyPrefix.SerialRef}. SGTIN-96 (header 30) and SSCC-96 (header 31)
 * are decoded per the GS1 EPC Tag Data Standard; any other header, a length other than 24, a
 * non-hex digit, partition 7, or a field with more digits than its partition allows fails.
 */
public final class EpcUri extends WaybillFunction {

    public EpcUri() {
        super("epc-uri", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String hex = text(arguments[0], "a 96-bit EPC in hex");
        try {
            return TextNode.valueOf(Epc96.decode(hex).uri());
        } catch (Epc96.Refusal e) {
            throw fail("EPC '" + hex + "' " + e.getMessage(), arguments[0]);
        }
    }
}
