package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import io.waybill.adapter.support.RawDocument;
import io.waybill.schema.SchemaRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A loaded, compiled mapping: its definition plus the JSLT expressions ready to run. Immutable
 * and safe to share between threads.
 */
public final class Mapping {

    private final MappingDefinition definition;
    private final Path file;
    private final String partner;
    private final SchemaRef produces;
    private final Expression when;
    private final Expression identity;
    private final Transform transform;
    private final Map<String, CodeTable> tables;
    private final Duration smoothingWindow;

    Mapping(MappingDefinition definition, Path file, String partner, SchemaRef produces, Expression when,
            Expression identity, Transform transform, Map<String, CodeTable> tables, Duration smoothingWindow) {
        this.definition = definition;
        this.file = file;
        this.partner = partner;
        this.produces = produces;
        this.when = when;
        this.identity = identity;
        this.transform = transform;
        this.tables = tables;
        this.smoothingWindow = smoothingWindow;
    }

    /** The read smoothing window of an observation mapping that declares {@code smoothing}, else null. */
    public Duration smoothingWindow() {
        return smoothingWindow;
    }

    /** Whether the mapping takes documents together with the partner's other shared mappings ({@code accepts.shared}). */
    public boolean shared() {
        return definition.accepts().isShared();
    }

    public String id() {
        return definition.id();
    }

    public int version() {
        return definition.version();
    }

    public String partner() {
        return partner;
    }

    public SchemaRef produces() {
        return produces;
    }

    public Path file() {
        return file;
    }

    public MappingDefinition definition() {
        return definition;
    }

    Expression identity() {
        return identity;
    }

    Expression transform() {
        return transform.expression();
    }

    /** The compiled transform with the file and text it came from (to say where a failure happened). */
    Transform transformSource() {
        return transform;
    }

    /** A compiled JSLT transform, its file and its text. */
    record Transform(Expression expression, Path file, String source) {
    }

    Map<String, CodeTable> tables() {
        return tables;
    }

    /** Why this mapping does or does not accept a document: null when it does. */
    public String refusal(RawDocument document) {
        MappingDefinition.Accepts accepts = definition.accepts();
        String channel = document.provenance().channel();
        String format = document.provenance().format();
        if (accepts.channel() != null && !accepts.channel().equals(channel)) {
            return "channel is " + channel + ", mapping accepts " + accepts.channel();
        }
        if (accepts.format() != null && !accepts.format().equals(format)) {
            return "format is " + format + ", mapping accepts " + accepts.format();
        }
        if (when == null) {
            return null;
        }
        JsonNode verdict;
        try {
            verdict = when.apply(document.body());
        } catch (JsltException e) {
            return "'when' failed: " + e.getMessage();
        }
        return verdict != null && verdict.asBoolean(false) ? null : "'when: " + accepts.when() + "' is false";
    }

    @Override
    public String toString() {
        return id() + " v" + version();
    }
}
