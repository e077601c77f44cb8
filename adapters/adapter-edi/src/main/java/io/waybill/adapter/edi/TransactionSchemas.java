package io.waybill.adapter.edi;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The StAEDI transaction schemas shipped in this module's resources
 * ({@code io/waybill/adapter/edi/schemas/}), one per standard and transaction type, used for every
 * version of it: they describe loops, segment order and element structure; they are deliberately
 * lenient (see docs/edi-raw-document.md). StAEDI reads and checks the files; the adapter walks the
 * resulting structure itself ({@link TransactionStructure}). A type without a schema is read as a
 * flat segment tree.
 */
final class TransactionSchemas {

    private static final String FOLDER = "/io/waybill/adapter/edi/schemas/";

    /** Standard + "/" + type -> schema file name. */
    private static final Map<String, String> FILES = Map.of(
            "X12/214", "x12-214.xml",
            "X12/315", "x12-315.xml",
            "X12/856", "x12-856.xml",
            "EDIFACT/IFTSTA", "edifact-iftsta.xml",
            "EDIFACT/DESADV", "edifact-desadv.xml");

    private static final Map<String, TransactionStructure> LOADED = new ConcurrentHashMap<>();

    private TransactionSchemas() {
    }

    /** The structure of a transaction type from its schema, or null when there is none. */
    static TransactionStructure forType(String standard, String type) {
        String file = FILES.get(standard + "/" + type);
        if (file == null) {
            return null;
        }
        return LOADED.computeIfAbsent(file, TransactionSchemas::load);
    }

    /** The types that have a schema, as {@code standard/type}. */
    static java.util.Set<String> types() {
        return FILES.keySet();
    }

    private static TransactionStructure load(String file) {
        URL location = TransactionSchemas.class.getResource(FOLDER + file);
        if (location == null) {
            throw new IllegalStateException("EDI schema " + FOLDER + file + " is missing from the adapter's resources");
        }
        try {
            SchemaFactory factory = SchemaFactory.newFactory();
            String external = location.toExternalForm();
            factory.setProperty(SchemaFactory.SCHEMA_LOCATION_URL_CONTEXT,
                    new URL(external.substring(0, external.lastIndexOf('/') + 1)));
            Schema schema = factory.createSchema(location);
            return new TransactionStructure(schema);
        } catch (EDISchemaException | java.net.MalformedURLException e) {
            throw new IllegalStateException("EDI schema " + FOLDER + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }
}
