package io.waybill.adapter.support;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The {@link DocumentReader}s on the class path, by the format each reads. */
public final class DocumentReaders {

    private static final Map<String, DocumentReader> BY_FORMAT = load();

    private DocumentReaders() {
    }

    public static Optional<DocumentReader> forFormat(String format) {
        return Optional.ofNullable(BY_FORMAT.get(format));
    }

    /** Every format some reader reads. */
    public static Set<String> formats() {
        return BY_FORMAT.keySet();
    }

    private static Map<String, DocumentReader> load() {
        Map<String, DocumentReader> readers = new TreeMap<>();
        for (DocumentReader reader : ServiceLoader.load(DocumentReader.class, DocumentReader.class.getClassLoader())) {
            for (String format : reader.formats()) {
                DocumentReader clash = readers.put(format, reader);
                if (clash != null) {
                    throw new IllegalStateException("two readers for format " + format + ": " + clash.getClass().getName()
                            + " and " + reader.getClass().getName());
                }
            }
        }
        return Map.copyOf(readers);
    }
}
