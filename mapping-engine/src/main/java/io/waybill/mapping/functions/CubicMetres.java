package io.waybill.mapping.functions;

import java.util.List;

import static io.waybill.mapping.functions.UnitTable.unit;

/**
 * {@code cubic-metres(value, unit)}: a volume as cubic metres with 6 decimals (cubic centimetres, so
 * a litre or a gallon keeps its precision). Units, any case: {@code m3} (m³, cbm, cubic metre(s),
 * cubic meter(s), MTQ), {@code l} (litre(s), liter(s), LTR: 0.001 m³), {@code ft3} (ft³, cuft, cu ft,
 * cubic foot, cubic feet, FTQ: 0.028316846592 m³), {@code gal} (gallon(s), us-gal, GLL: the US
 * gallon, 3.785411784 l), {@code imp-gal} (imperial gallon(s), GLI: 4.54609 l). Negative fails.
 */
public final class CubicMetres extends UnitConversion {
    private static final UnitTable UNITS = new UnitTable(List.of(
            unit("m3", "1", "m³", "cbm", "cubic metre", "cubic metres", "cubic meter", "cubic meters", "MTQ"),
            unit("l", "0.001", "litre", "litres", "liter", "liters", "LTR"),
            unit("ft3", "0.028316846592", "ft³", "cuft", "cu ft", "cubic foot", "cubic feet", "FTQ"),
            unit("gal", "0.003785411784", "gallon", "gallons", "us-gal", "GLL"),
            unit("imp-gal", "0.00454609", "imperial gallon", "imperial gallons", "GLI")));

    public CubicMetres() {
        super("cubic-metres", "volume", 6, UNITS);
    }
}
