package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code utc-offset(value)}, {@code utc-offset(value, format)}, {@code utc-offset(value, format, zone)}: the
 * offset that applied where the partner wrote the timestamp, as {@code +HH:MM}: the offset in the text, or
 * the zone's offset at that local time; {@code +00:00} for Z and for epoch values. Arguments as for
 * {@link UtcInstant}, failing alike; an offset with seconds ({@code +05:30:15}) also fails, as
 * {@code +HH:MM} cannot show it. A null value gives null.
 */
public final class UtcOffset extends WaybillFunction {

    public UtcOffset() {
        super("utc-offset", 1, 3);
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        OffsetDateTime time = Timestamps.read(this, arguments);
        if (time == null) {
            return NullNode.instance;
        }
        ZoneOffset offset = time.getOffset();
        if (offset.getTotalSeconds() % 60 != 0) {
            throw fail("offset " + offset.getId() + " of " + shown(arguments[0]) + " has seconds, which +HH:MM cannot show",
                    arguments[0]);
        }
        return TextNode.valueOf(offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId());
    }
}
