package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code epc-decode(hex)}: a 96-bit EPC in hex (read as {@link EpcUri} reads it) as an object:
 * <ul>
 *   <li>{@code scheme}: {@code sgtin} or {@code sscc}</li>
 *   <li>{@code uri}: the pure-identity EPC URI</li>
 *   <li>{@code filter}: the filter value, 0 to 7</li>
 *   <li>{@code companyPrefix}: the GS1 company prefix, leading zeros kept</li>
 *   <li>{@code gtin} and {@code serial} (SGTIN): the GTIN-14 with its check digit, and the serial number</li>
 *   <li>{@code sscc} (SSCC): the SSCC-18 with its check digit</li>
 * </ul>
 * A mapping writes {@code epc-decode(.idHex).gtin}. It fails where {@code epc-uri} does.
 */
public final class EpcDecode extends WaybillFunction {

    public EpcDecode() {
        super("epc-decode", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String hex = text(arguments[0], "a 96-bit EPC in hex");
        Epc96 epc;
        try {
            epc = Epc96.decode(hex);
        } catch (Epc96.Refusal e) {
            throw fail("EPC '" + hex + "' " + e.getMessage(), arguments[0]);
        }
        ObjectNode decoded = JsonNodeFactory.instance.objectNode();
        decoded.put("scheme", epc.scheme());
        decoded.put("uri", epc.uri());
        decoded.put("filter", epc.filter());
        decoded.put("companyPrefix", epc.companyPrefix());
        if (epc.serial() != null) {
            decoded.put("gtin", epc.gs1Key());
            decoded.put("serial", epc.serial());
        } else {
            decoded.put("sscc", epc.gs1Key());
        }
        return decoded;
    }
}
