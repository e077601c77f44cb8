package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * {@code lat-lon(lat, lon)}: a position {@code {"lat": .., "lon": ..}} from two numbers (or numeric
 * strings). Null when both are null, or both exactly 0 (trackers send 0/0 for "no fix"). Only one
 * of them null, |lat| &gt; 90 or |lon| &gt; 180 fails.
 */
public final class LatLon extends WaybillFunction {
    private static final BigDecimal MAX_LAT = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LON = BigDecimal.valueOf(180);

    public LatLon() {
        super("lat-lon", 2);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0]) && isNull(arguments[1])) {
            return NullNode.instance;
        }
        if (isNull(arguments[0]) || isNull(arguments[1])) {
            throw fail("got lat " + shown(arguments[0]) + " and lon " + shown(arguments[1]) + "; both or neither are needed",
                    isNull(arguments[0]) ? arguments[1] : arguments[0]);
        }
        BigDecimal lat = number(arguments[0], "lat");
        BigDecimal lon = number(arguments[1], "lon");
        if (lat.abs().compareTo(MAX_LAT) > 0) {
            throw fail("lat " + shown(arguments[0]) + " is outside -90..90", arguments[0]);
        }
        if (lon.abs().compareTo(MAX_LON) > 0) {
            throw fail("lon " + shown(arguments[1]) + " is outside -180..180", arguments[1]);
        }
        if (lat.signum() == 0 && lon.signum() == 0) {
            return NullNode.instance;
        }
        return position(lat, lon);
    }

    static ObjectNode position(BigDecimal lat, BigDecimal lon) {
        ObjectNode position = JsonNodeFactory.instance.objectNode();
        position.set("lat", DecimalNode.valueOf(lat));
        position.set("lon", DecimalNode.valueOf(lon));
        return position;
    }
}
