package io.waybill.mapping.functions;

import java.util.List;

import static io.waybill.mapping.functions.UnitTable.unit;

/**
 * {@code metres-per-second(value, unit)}: a speed as metres per second with 3 decimals. Units, any
 * case: {@code m/s} (mps, MTS), {@code km/h} (kmh, kph, km/hr, KMH: 1000/3600 m/s), {@code mph} (mi/h:
 * 1609.344/3600 m/s), {@code kn} (kt, kts, knot, knots, KNT: 1852/3600 m/s). A negative speed fails
 * (a heading gives the direction).
 */
public final class MetresPerSecond extends UnitConversion {
    private static final UnitTable UNITS = new UnitTable(List.of(
            unit("m/s", "1", "mps", "MTS"),
            unit("km/h", "1000/3600", "kmh", "kph", "km/hr"),
            unit("mph", "1609.344/3600", "mi/h"),
            unit("kn", "1852/3600", "kt", "kts", "knot", "knots", "KNT")));

    public MetresPerSecond() {
        super("metres-per-second", "speed", 3, UNITS);
    }
}
