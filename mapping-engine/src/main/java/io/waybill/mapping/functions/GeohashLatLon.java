package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code geohash-lat-lon(hash)}: the centre of a geohash cell as {@code {"lat": .., "lon": ..}},
 * rounded to 6 decimals. The hash may be upper- or lower-case; an empty hash or a character
 * outside the geohash alphabet (which has no a, i, l or o) fails.
 */
public final class GeohashLatLon extends WaybillFunction {
    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    public GeohashLatLon() {
        super("geohash-lat-lon", 1);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        String raw = text(arguments[0], "a geohash");
        String hash = raw.strip();
        if (hash.isEmpty()) {
            throw fail("'" + raw + "' is not a geohash (it is empty)", arguments[0]);
        }
        double[] lat = {-90, 90};
        double[] lon = {-180, 180};
        boolean even = true;
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            // Only ASCII is lower-cased: the Kelvin sign, for one, lower-cases to k.
            int bits = c < 128 ? ALPHABET.indexOf(Character.toLowerCase(c)) : -1;
            if (bits < 0) {
                throw fail("'" + raw + "' is not a geohash ('" + c
                        + "' is not in the geohash alphabet)", arguments[0]);
            }
            for (int mask = 16; mask > 0; mask >>= 1) {
                double[] range = even ? lon : lat;
                double mid = (range[0] + range[1]) / 2;
                if ((bits & mask) != 0) {
                    range[0] = mid;
                } else {
                    range[1] = mid;
                }
                even = !even;
            }
        }
        return LatLon.position(centre(lat), centre(lon));
    }

    private static BigDecimal centre(double[] range) {
        BigDecimal centre = BigDecimal.valueOf((range[0] + range[1]) / 2).setScale(6, RoundingMode.HALF_UP);
        return centre.signum() == 0 ? BigDecimal.ZERO.setScale(6) : centre;
    }
}
