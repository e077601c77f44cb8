package io.waybill.mapping.functions;

import java.util.List;

import static io.waybill.mapping.functions.UnitTable.unit;

/**
 * {@code metres(value, unit)}: a distance or length as metres with 3 decimals (millimetres). Units,
 * any case: {@code m} (metre, metres, meter, meters, MTR), {@code km} (kilometre(s), kilometer(s),
 * KMT), {@code cm} (centimetre(s), centimeter(s), CMT), {@code mm} (millimetre(s), millimeter(s), MMT),
 * {@code mi} (mile, miles, SMI: the statute mile, 1609.344 m), {@code ft} (foot, feet, FOT: 0.3048 m),
 * {@code yd} (yard, yards, YRD: 0.9144 m), {@code in} (inch, inches, INH: 0.0254 m), {@code nmi}
 * (nautical mile(s), NMI: 1852 m). {@code nm} is refused: nanometre or nautical mile? Negative fails.
 */
public final class Metres extends UnitConversion {
    private static final UnitTable UNITS = new UnitTable(List.of(
            unit("m", "1", "metre", "metres", "meter", "meters", "MTR"),
            unit("km", "1000", "kilometre", "kilometres", "kilometer", "kilometers", "KMT"),
            unit("cm", "0.01", "centimetre", "centimetres", "centimeter", "centimeters", "CMT"),
            unit("mm", "0.001", "millimetre", "millimetres", "millimeter", "millimeters", "MMT"),
            unit("mi", "1609.344", "mile", "miles", "SMI"),
            unit("ft", "0.3048", "foot", "feet", "FOT"),
            unit("yd", "0.9144", "yard", "yards", "YRD"),
            unit("in", "0.0254", "inch", "inches", "INH"),
            unit("nmi", "1852", "nautical mile", "nautical miles")));

    public Metres() {
        super("metres", "distance", 3, UNITS);
    }
}
