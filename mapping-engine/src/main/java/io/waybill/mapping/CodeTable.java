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

/**
 * A code table: the partner's codes on the left, Waybill's on the right. Loaded from a CSV file
 * whose header is {@code code,value} (further columns, such as a description, are for people).
 * Codes are compared after trimming; a blank line or a line starting with {@code #} is skipped.
 */
public final class CodeTable {

    private final String name;
    private final Map<String, String> values;

    private CodeTable(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
    }

    public static CodeTable load(String mappingId, String name, Path csv) {
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
        return new CodeTable(name, values);
    }

    public String name() {
        return name;
    }

    public Optional<String> lookup(String code) {
        return Optional.ofNullable(values.get(code.strip()));
    }

    public java.util.Set<String> codes() {
        return values.keySet();
    }
}
