package io.waybill.mapping.functions;

import java.util.List;

import static io.waybill.mapping.functions.UnitTable.unit;

/**
 * {@code kilograms(value, unit)}: a weight (mass) as kilograms with 3 decimals (grams). Units, any
 * case: {@code kg} (kgs, kilo, kilos, kilogram(s), KGM), {@code g} (gram(s), gramme(s), GRM), {@code t}
 * (tonne(s), metric ton(s), TNE: 1000 kg), {@code lb} (lbs, pound(s), LBR: 0.45359237 kg), {@code oz}
 * (ounce(s), ONZ: avoirdupois, 0.028349523125 kg), {@code short-ton} (short ton(s), STN: 2000 lb,
 * 907.18474 kg), {@code long-ton} (long ton(s), LTN: 2240 lb, 1016.0469088 kg). A bare {@code ton} is
 * refused: it is any of the three. Negative fails.
 */
public final class Kilograms extends UnitConversion {
    private static final UnitTable UNITS = new UnitTable(List.of(
            unit("kg", "1", "kgs", "kilo", "kilos", "kilogram", "kilograms", "KGM"),
            unit("g", "0.001", "gram", "grams", "gramme", "grammes", "GRM"),
            unit("t", "1000", "tonne", "tonnes", "metric ton", "metric tons", "TNE"),
            unit("lb", "0.45359237", "lbs", "pound", "pounds", "LBR"),
            unit("oz", "0.028349523125", "ounce", "ounces", "ONZ"),
            unit("short-ton", "907.18474", "short ton", "short tons", "STN"),
            unit("long-ton", "1016.0469088", "long ton", "long tons", "LTN")));

    public Kilograms() {
        super("kilograms", "weight", 3, UNITS);
    }
}
