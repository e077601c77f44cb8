package io.waybill.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A code table: the partner's codes on the left, Waybill's on the right. Loaded from a CSV file
 * whose header is {@code code,value} (further columns, such as a description, are for people).
 * Codes are compared after trimming; a blank line or a line starting with {@code #} is skipped.
 * Cells are split at every comma, without quoting: a code or value cannot hold one.
 * A table may declare a default, the value of every code it does not list; without one, an
 * unknown code has no value and {@code code-lookup} fails on it.
 */
public final class CodeTable {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String name;
    private final Map<String, String> values;
    private final String defaultValue;

    private CodeTable(String name, Map<String, String> values, String defaultValue) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        this.defaultValue = defaultValue;
    }

    /** A table without a default: an unknown code has no value. */
    public static CodeTable load(String mappingId, String name, Path csv) {
        return load(mappingId, name, csv, null);
    }

    /** A table whose unknown codes take {@code defaultValue}, or have no value when it is null. */
    public static CodeTable load(String mappingId, String name, Path csv, String defaultValue) {
        if (defaultValue != null && defaultValue.isBlank()) {
            throw new IllegalArgumentException("table '" + name + "': a default must not be blank");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(mappingId, "tables." + name, csv + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                // Spreadsheets save CSV with a byte order mark; it is not part of the header.
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header) {
                if (cells.length < 2 || !cells[0].strip().equals("code") || !cells[1].strip().equals("value")) {
                    throw new MappingException(mappingId, "tables." + name, csv + ":" + (i + 1)
                            + ": the header must start with 'code,value'");
                }
                header = false;
                continue;
            }
            if (cells.length < 2 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new MappingException(mappingId, "tables." + name, csv + ":" + (i + 1)
                        + ": each row needs a code and a value");
            }
            if (values.put(cells[0].strip(), cells[1].strip()) != null) {
                throw new MappingException(mappingId, "tables." + name, csv + ":" + (i + 1)
                        + ": code '" + cells[0].strip() + "' appears twice");
            }
        }
        if (header) {
            throw new MappingException(mappingId, "tables." + name, csv
                    + ": the table is empty; its first line must be the header 'code,value'");
        }
        return new CodeTable(name, values, defaultValue);
    }

    public String name() {
        return name;
    }

    /** The value of {@code code}; for a code the table does not list, its default, or empty without one. */
    public Optional<String> lookup(String code) {
        return Optional.ofNullable(values.getOrDefault(code.strip(), defaultValue));
    }

    /** The value of codes the table does not list, if it declares one. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public Set<String> codes() {
        return values.keySet();
    }
}
