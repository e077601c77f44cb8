package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.mapping.ActiveMappings;
import io.waybill.mapping.MappingLoader;
import io.waybill.schema.Envelope;
import io.waybill.schema.SchemaValidator;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner's {@code traceparent} header goes into every event's envelope unchanged: the item
 * normalizer's validation is what keeps a malformed one off the canonical topics.
 */
class ItemNormalizerTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path MAPPINGS = ROOT.resolve("mappings");
    private static final Path PICKED_UP = ROOT.resolve("contract-tests/partners/acme-freight/status-picked-up/input.json");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void an_item_with_a_well_formed_traceparent_is_normalized_with_it() throws IOException {
        Object outcome = normalizeWithTraceparent(TRACEPARENT);

        assertThat(outcome).isInstanceOf(NormalizedItem.class);
        List<ObjectNode> events = ((NormalizedItem) outcome).events();
        assertThat(events).isNotEmpty().allSatisfy(event ->
                assertThat(event.get(Envelope.TRACEPARENT).asText()).isEqualTo(TRACEPARENT));
    }

    @Test
    void an_item_whose_traceparent_is_malformed_is_rejected_at_traceparent() throws IOException {
        for (String hostile : List.of("", "00-abc", TRACEPARENT.toUpperCase(), TRACEPARENT + "\n", TRACEPARENT + "-01",
                "ff" + TRACEPARENT.substring(2), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1")) {
            Object outcome = normalizeWithTraceparent(hostile);

            assertThat(outcome).as("traceparent '%s'", hostile).isInstanceOf(RejectedItem.class);
            RuntimeException cause = ((RejectedItem) outcome).cause();
            assertThat(cause).isInstanceOf(CanonicalValidationException.class);
            assertThat(((CanonicalValidationException) cause).violations())
                    .extracting(SchemaValidator.Violation::path).containsExactly("/" + Envelope.TRACEPARENT);
        }
    }

    private static Object normalizeWithTraceparent(String traceparent) throws IOException {
        Provenance provenance = new Provenance("acme-freight", "rest", "json", Instant.parse("2026-11-23T20:21:00Z"),
                null, 0, traceparent);
        List<RawDocument> documents = new PushBodyParser(10).parse(Files.readAllBytes(PICKED_UP), provenance);
        ActiveMappings mappings = new ActiveMappings(PartnerRegistry.load(MAPPINGS), MappingLoader.loadAll(MAPPINGS));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(documents);

        new ItemNormalizer(mappings, SchemaValidator.load()).normalize(exchange);

        List<?> outcomes = exchange.getMessage().getBody(List.class);
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }
}
