package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.schibsted.spt.data.jslt.Function;
import io.waybill.mapping.functions.Celsius;
import io.waybill.mapping.functions.CubicMetres;
import io.waybill.mapping.functions.EpcDecode;
import io.waybill.mapping.functions.EpcUri;
import io.waybill.mapping.functions.GeohashLatLon;
import io.waybill.mapping.functions.Gs1Check;
import io.waybill.mapping.functions.InRange;
import io.waybill.mapping.functions.InstantAfter;
import io.waybill.mapping.functions.InstantWithin;
import io.waybill.mapping.functions.Iso6346;
import io.waybill.mapping.functions.Kilograms;
import io.waybill.mapping.functions.LatLon;
import io.waybill.mapping.functions.Metres;
import io.waybill.mapping.functions.MetresPerSecond;
import io.waybill.mapping.functions.Scac;
import io.waybill.mapping.functions.Seconds;
import io.waybill.mapping.functions.UnLocode;
import io.waybill.mapping.functions.UtcInstant;
import io.waybill.mapping.functions.UtcOffset;
import io.waybill.mapping.functions.WaybillFunction;

import java.util.List;
import java.util.Map;

/**
 * Waybill's functions for JSLT transforms. They turn the forms partners send into the forms the
 * canonical schema fixes, and fail loudly with a {@link io.waybill.mapping.functions.FunctionFailure}
 * (naming the function and the value, and carrying the value) rather than produce something silently
 * wrong. Null in gives null out, so optional fields stay optional.
 *
 * <ul>
 *   <li>{@code code-lookup(table, code)}: the mapping's code table value for a partner code; unknown codes fail</li>
 *   <li>{@code utc-instant(value[, format[, zone]])}: a timestamp as a UTC instant ({@code ...Z}, fraction kept);
 *       format {@code iso}, {@code epoch-s|ms|us|ns} or a DateTimeFormatter pattern; zone (IANA id or offset)
 *       only for texts without their own; epoch values outside the years 1970..2200 fail</li>
 *   <li>{@code utc-offset(value[, format[, zone]])}: the offset that applied where the partner wrote it,
 *       {@code +HH:MM} ({@code +00:00} for Z and epoch values)</li>
 *   <li>{@code instant-after(base, amount, unit)}, {@code instant-after(base, duration)}: the UTC instant a
 *       duration (amount in s, min, h, d or ms; or ISO-8601 like {@code PT2H30M}) after an ISO date-time with offset</li>
 *   <li>{@code seconds(amount, unit)}, {@code seconds(duration)}: a duration as whole seconds, rounded half-up</li>
 *   <li>{@code iso6346(container)}: a container number upper-cased, spaces and dashes removed; shape
 *       (owner code, category U/J/Z, 6 digits, check digit) and ISO 6346 check digit verified</li>
 *   <li>{@code gs1-check(code)}: the digits of a GTIN-8/12/13/14, GLN or SSCC string, GS1 mod-10
 *       check digit verified</li>
 *   <li>{@code scac(code)}: a SCAC of 2 to 4 letters, upper-cased</li>
 *   <li>{@code unlocode(code)}: a UN/LOCODE written {@code USCHI} or {@code US CHI}, as {@code USCHI}</li>
 *   <li>{@code celsius(value, unit)}: a temperature in C, F or K (any case, {@code °} allowed) as
 *       degrees Celsius with 2 decimals; below absolute zero fails</li>
 *   <li>{@code metres(value, unit)}: a distance in m, km, cm, mm, mi, ft, yd, in or nmi as metres, 3 decimals</li>
 *   <li>{@code kilograms(value, unit)}: a weight in kg, g, t, lb, oz, short-ton or long-ton as kilograms, 3 decimals</li>
 *   <li>{@code cubic-metres(value, unit)}: a volume in m3, l, ft3, gal (US) or imp-gal as cubic metres, 6 decimals</li>
 *   <li>{@code metres-per-second(value, unit)}: a speed in m/s, km/h, mph or kn as metres per second, 3 decimals</li>
 *   <li>{@code lat-lon(lat, lon)}: {@code {"lat", "lon"}}, or null for 0/0 ("no fix"); out of range,
 *       or only one of them null, fails</li>
 *   <li>{@code geohash-lat-lon(hash)}: the centre of a geohash cell as {@code {"lat", "lon"}}, 6 decimals</li>
 *   <li>{@code in-range(value, min, max)}: the value when min &lt;= value &lt;= max (either bound may be null);
 *       a plausibility bound, such as a probe temperature no reefer can reach, else fails</li>
 *   <li>{@code instant-within(instant, reference, before, after)}: the UTC instant when it lies no more than the
 *       ISO-8601 duration {@code before} earlier and {@code after} later than the reference (typically
 *       {@code $received_at}), else fails: epoch 0 from a reset clock, or the far future</li>
 *   <li>{@code epc-uri(hex)}: an SGTIN-96 or SSCC-96 EPC in hex (24 digits) as its pure-identity EPC URI
 *       ({@code urn:epc:id:sgtin:0614141.812345.6789}); other headers, lengths or partitions fail</li>
 *   <li>{@code epc-decode(hex)}: the same EPC as {@code {scheme, uri, filter, companyPrefix}} plus
 *       {@code gtin} (GTIN-14) and {@code serial}, or {@code sscc} (SSCC-18), check digits computed</li>
 * </ul>
 * All but {@code code-lookup} live in {@link io.waybill.mapping.functions}, one class each, whose
 * javadoc gives the accepted forms (every unit spelling, for one) and the failures in full.
 */
public final class FunctionLibrary {

    private FunctionLibrary() {
    }

    /** The functions available to one mapping, bound to its code tables. */
    public static List<Function> forMapping(String mappingId, Map<String, CodeTable> tables) {
        return List.of(new CodeLookup(mappingId, tables), new UtcInstant(), new UtcOffset(),
                new InstantAfter(), new Seconds(),
                new Iso6346(), new Gs1Check(), new Scac(), new UnLocode(),
                new Celsius(), new Metres(), new Kilograms(), new CubicMetres(), new MetresPerSecond(),
                new LatLon(), new GeohashLatLon(), new EpcUri(), new EpcDecode(),
                new InRange(), new InstantWithin());
    }

    static final class CodeLookup extends WaybillFunction {
        private final String mappingId;
        private final Map<String, CodeTable> tables;

        CodeLookup(String mappingId, Map<String, CodeTable> tables) {
            super("code-lookup", 2);
            this.mappingId = mappingId;
            this.tables = tables;
        }

        @Override
        public JsonNode call(JsonNode input, JsonNode[] arguments) {
            String tableName = arguments[0].asText();
            CodeTable table = tables.get(tableName);
            if (table == null) {
                throw fail("mapping " + mappingId + " declares no table '" + tableName + "'; declared: "
                        + tables.keySet(), arguments[0]);
            }
            JsonNode code = arguments[1];
            if (isNull(code)) {
                return NullNode.instance;
            }
            return table.lookup(code.asText())
                    .<JsonNode>map(TextNode::valueOf)
                    .orElseThrow(() -> fail("code '" + code.asText() + "' is not in table '" + tableName
                            + "' (known: " + table.codes() + ")", code));
        }
    }
}
