package io.waybill.mapping.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Base of the unit functions {@code name(value, unit)}: a quantity (number or numeric string) in
 * one of the table's units, as the canonical unit rounded half-up to a fixed number of decimals
 * (kept, so {@code 1 km} is {@code 1000.000}). Exact factors, one rounding. A null value gives null;
 * a missing or unknown unit, a non-numeric value or a negative quantity fails.
 */
abstract class UnitConversion extends WaybillFunction {
    private final String quantity;
    private final int scale;
    private final UnitTable units;

    UnitConversion(String name, String quantity, int scale, UnitTable units) {
        super(name, 2);
        this.quantity = quantity;
        this.scale = scale;
        this.units = units;
    }

    @Override
    public final JsonNode call(JsonNode input, JsonNode[] arguments) {
        if (isNull(arguments[0])) {
            return NullNode.instance;
        }
        BigDecimal value = number(arguments[0], quantity);
        if (isNull(arguments[1])) {
            throw fail(quantity + " " + shown(arguments[0]) + " has no unit (expected " + units.symbols() + ")",
                    arguments[0]);
        }
        String rawUnit = text(arguments[1], "a unit");
        UnitTable.Unit unit = units.find(rawUnit).orElseThrow(() -> fail("unknown unit '" + rawUnit + "' (expected "
                + units.symbols() + ", in any case, or the name or UN/ECE code of one of them)", arguments[1]));
        if (value.signum() < 0) {
            throw fail(quantity + " " + shown(arguments[0]) + " " + rawUnit.strip() + " is negative", arguments[0]);
        }
        return DecimalNode.valueOf(value.multiply(unit.numerator()).divide(unit.denominator(), scale, RoundingMode.HALF_UP));
    }
}
