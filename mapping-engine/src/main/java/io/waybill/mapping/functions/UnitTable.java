package io.waybill.mapping.functions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The units one function accepts, each with its spellings and its exact factor to the function's
 * canonical unit as a fraction (a knot is 1852/3600 m/s, which no finite decimal holds), so a
 * conversion rounds once, at the end.
 */
final class UnitTable {
    private final Map<String, Unit> bySpelling = new HashMap<>();
    private final List<String> symbols = new ArrayList<>();

    /** A unit: its symbol, the other spellings accepted for it, and its factor numerator / denominator. */
    record Unit(String symbol, BigDecimal numerator, BigDecimal denominator, List<String> aliases) {
    }

    UnitTable(List<Unit> units) {
        for (Unit unit : units) {
            symbols.add(unit.symbol());
            add(unit.symbol(), unit);
            unit.aliases().forEach(alias -> add(alias, unit));
        }
    }

    /** A unit whose factor is a decimal ({@code "0.3048"}) or a fraction of two ({@code "1852/3600"}). */
    static Unit unit(String symbol, String factor, String... aliases) {
        int slash = factor.indexOf('/');
        return slash < 0 ? new Unit(symbol, new BigDecimal(factor), BigDecimal.ONE, List.of(aliases))
                : new Unit(symbol, new BigDecimal(factor.substring(0, slash)), new BigDecimal(factor.substring(slash + 1)),
                        List.of(aliases));
    }

    private void add(String spelling, Unit unit) {
        if (bySpelling.put(normalised(spelling), unit) != null) {
            throw new IllegalArgumentException("unit spelling '" + spelling + "' given twice");
        }
    }

    /** The unit spelled so, ignoring surrounding blanks, runs of blanks and the case of ASCII letters. */
    Optional<Unit> find(String spelling) {
        // Mappings nearly always write a listed spelling as it is listed ("d", "min"): a direct hit spares the
        // normalising, a regex split that costs more than the conversion (listed spellings are normalised).
        Unit listed = bySpelling.get(spelling);
        return Optional.ofNullable(listed != null ? listed : bySpelling.get(normalised(spelling)));
    }

    /** The symbols, for messages: {@code m, km, mi}. */
    String symbols() {
        return String.join(", ", symbols);
    }

    /** Only ASCII is lower-cased: the Kelvin sign, for one, lower-cases to k. */
    private static String normalised(String spelling) {
        StringBuilder out = new StringBuilder();
        for (String word : spelling.strip().split("\\s+")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            for (char c : word.toCharArray()) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return out.toString();
    }
}
