package io.waybill.mapping.golden;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.mapping.MappingCatalog;
import io.waybill.mapping.MappingEngine;
import io.waybill.mapping.MappingLoader;
import io.waybill.mapping.PartnerFolder;
import io.waybill.schema.SchemaValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the golden case runner reports: nothing for a case that holds, one readable line per difference otherwise. */
class GoldenCaseRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PICKUP = """
            {"type": "status", "msg_id": "M-1", "shipment_ref": "SO-1", "code": "PU", "ts": "2026-11-23T14:20:00-06:00"}
            """;

    @TempDir
    Path root;

    private Path partners;
    private GoldenCaseRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        Path mappings = root.resolve("mappings");
        PartnerFolder.acmeStatus(mappings);
        partners = Files.createDirectories(root.resolve("partners"));
        MappingCatalog catalog = MappingLoader.loadAll(mappings);
        runner = new GoldenCaseRunner(catalog, SchemaValidator.load());
    }

    /** What the engine produces for the pickup input, as a golden file would hold it. */
    private ArrayNode pickupEvents() throws IOException {
        MappingCatalog catalog = MappingLoader.loadAll(root.resolve("mappings"));
        var document = GoldenCaseRunner.restDocument("acme-freight", JSON.readTree(PICKUP), PICKUP.getBytes());
        List<ObjectNode> events = MappingEngine.apply(catalog.select(document), document, GoldenCaseRunner.FIXED_TIME);
        ArrayNode array = JSON.createArrayNode();
        events.forEach(array::add);
        return array;
    }

    private GoldenCase writeCase(String name, String input, String file, String content) throws IOException {
        Path dir = Files.createDirectories(partners.resolve("acme-freight").resolve(name));
        Files.writeString(dir.resolve(GoldenCase.INPUT), input);
        Files.writeString(dir.resolve(file), content);
        List<GoldenCase> found = GoldenCases.discover(partners, "acme-freight");
        return found.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private GoldenCase expectedEvents(String name, ArrayNode events) throws IOException {
        return writeCase(name, PICKUP, GoldenCase.EXPECTED, events.toPrettyString());
    }

    @Test
    void a_case_whose_output_matches_passes_ignoring_run_dependent_attributes() throws IOException {
        ArrayNode events = pickupEvents();
        ((ObjectNode) events.get(0)).put("ingesttime", "2020-01-01T00:00:00Z").put("rawref", "raw.v1/0/7");
        GoldenCaseRunner.Result result = runner.run(expectedEvents("pickup", events));

        assertThat(result.differences()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void a_different_value_is_one_line_naming_case_event_pointer_and_both_values() throws IOException {
        ArrayNode events = pickupEvents();
        ((ObjectNode) events.get(0).get("data")).put("status", "IN_TRANSIT");
        GoldenCaseRunner.Result result = runner.run(expectedEvents("pickup", events));

        assertThat(result.passed()).isFalse();
        assertThat(result.differences()).containsExactly(
                "acme-freight/pickup event[0] /data/status: expected \"IN_TRANSIT\", got \"PICKED_UP\"");
    }

    @Test
    void a_field_the_mapping_does_not_produce_is_reported_missing_and_one_it_adds_as_unexpected() throws IOException {
        ArrayNode events = pickupEvents();
        ObjectNode data = (ObjectNode) events.get(0).get("data");
        data.remove("eventTimeOffset");
        data.put("remarks", "dock 4");
        GoldenCaseRunner.Result result = runner.run(expectedEvents("pickup", events));

        assertThat(result.differences()).containsExactly(
                "acme-freight/pickup event[0] /data/remarks: missing, expected \"dock 4\"",
                "acme-freight/pickup event[0] /data/eventTimeOffset: unexpected field, got \"-06:00\"");
    }

    @Test
    void an_expected_event_the_mapping_does_not_produce_is_a_count_mismatch_and_a_missing_event() throws IOException {
        ArrayNode events = pickupEvents();
        ObjectNode second = events.get(0).deepCopy();
        second.put("id", "00000000-0000-5000-8000-000000000001");
        events.add(second);
        GoldenCaseRunner.Result result = runner.run(expectedEvents("pickup", events));

        assertThat(result.differences()).containsExactly(
                "acme-freight/pickup: expected 2 event(s), got 1",
                "acme-freight/pickup event[1]: missing event, expected id 00000000-0000-5000-8000-000000000001, "
                        + "type io.waybill.shipment-status.v1, subject SO-1");
    }

    @Test
    void an_event_the_golden_file_does_not_list_is_reported_as_extra() throws IOException {
        GoldenCaseRunner.Result result = runner.run(expectedEvents("pickup", JSON.createArrayNode()));

        assertThat(result.differences()).hasSize(2);
        assertThat(result.differences().get(0)).isEqualTo("acme-freight/pickup: expected 0 event(s), got 1");
        assertThat(result.differences().get(1)).startsWith("acme-freight/pickup event[0]: extra event, got id ");
    }

    @Test
    void an_expected_map_error_that_happens_passes() throws IOException {
        GoldenCase unknownCode = writeCase("unknown-code", PICKUP.replace("\"PU\"", "\"XD\""), GoldenCase.EXPECTED_ERROR,
                "{\"stage\": \"map\", \"field\": \"/data/status\", \"contains\": \"code 'XD' is not in table 'status'\"}");

        assertThat(runner.run(unknownCode).differences()).isEmpty();
    }

    @Test
    void an_expected_error_that_does_not_happen_fails_saying_the_input_mapped_cleanly() throws IOException {
        GoldenCase clean = writeCase("clean", PICKUP, GoldenCase.EXPECTED_ERROR,
                "{\"stage\": \"validate\", \"field\": \"/data/location/geo/lat\", \"contains\": \"maximum\"}");

        assertThat(runner.run(clean).differences()).containsExactly(
                "acme-freight/clean: mapped cleanly but an error was expected: a validate error on "
                        + "/data/location/geo/lat containing \"maximum\"");
    }

    @Test
    void a_map_error_on_another_field_than_expected_fails_showing_the_actual_error() throws IOException {
        GoldenCase noIdentity = writeCase("no-identity", PICKUP.replace("\"msg_id\": \"M-1\", ", ""),
                GoldenCase.EXPECTED_ERROR, "{\"stage\": \"map\", \"field\": \"transform\", \"contains\": \"code\"}");

        List<String> differences = runner.run(noIdentity).differences();
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0)).startsWith("acme-freight/no-identity: expected a map error on transform "
                + "containing \"code\", got map error on identity: mapping acme-freight.status: identity:");
    }

    @Test
    void a_batch_input_is_mapped_item_by_item_and_its_events_compared_in_order() throws IOException {
        String second = PICKUP.replace("M-1", "M-2").replace("SO-1", "SO-2");
        ArrayNode events = pickupEvents();
        ObjectNode secondEvent = (ObjectNode) MappingEngine.apply(MappingLoader.loadAll(root.resolve("mappings")).forPartner("acme-freight").get(0),
                GoldenCaseRunner.restDocument("acme-freight", JSON.readTree(second), second.getBytes()), GoldenCaseRunner.FIXED_TIME).get(0);
        events.add(secondEvent);
        GoldenCase batch = writeCase("batch", "[" + PICKUP + "," + second + "]", GoldenCase.EXPECTED, events.toPrettyString());

        assertThat(runner.run(batch).differences()).isEmpty();

        ArrayNode swapped = JSON.createArrayNode().add(events.get(1)).add(events.get(0));
        GoldenCase outOfOrder = writeCase("batch-swapped", "[" + PICKUP + "," + second + "]", GoldenCase.EXPECTED, swapped.toPrettyString());
        assertThat(runner.run(outOfOrder).differences()).anyMatch(d -> d.contains("event[0] /data/shipmentId: expected \"SO-2\", got \"SO-1\""));
    }

    @Test
    void an_expected_error_case_with_a_batch_input_is_refused_as_a_case() throws IOException {
        GoldenCase batch = writeCase("batch-error", "[" + PICKUP + "]", GoldenCase.EXPECTED_ERROR,
                "{\"stage\": \"map\", \"field\": \"transform\", \"contains\": \"x\"}");

        assertThat(runner.run(batch).differences()).singleElement().asString().contains("takes one message, not a batch");
    }

    /** A partner whose rest channel splits each pushed document into its messages. */
    private GoldenCaseRunner relayHubRunner() {
        Path mappings = root.resolve("mappings");
        PartnerFolder relay = PartnerFolder.in(mappings, "relay-hub");
        relay.write("partner.yaml", """
                id: relay-hub
                name: Relay Hub
                owner: ops@relay-hub.example
                channels:
                  rest:
                    formats: [json]
                    items: /messages
                """);
        relay.write("status.mapping.yaml", """
                id: relay-hub.status
                version: 1
                accepts: {channel: rest, format: json}
                produces: shipment-status/v1
                identity: .messages[0].msg_id
                transform: status.jslt
                """);
        relay.write("status.jslt", """
                // One relayed message; the document's sender prefixes the shipment.
                let m = .messages[0]
                {"shipmentId": .sender + "-" + $m.shipment_ref, "status": "PICKED_UP",
                 "eventTime": utc-instant($m.ts), "eventTimeOffset": utc-offset($m.ts)}
                """);
        return new GoldenCaseRunner(MappingLoader.loadAll(mappings), SchemaValidator.load(), PartnerRegistry.load(mappings));
    }

    private static final String RELAYED = """
            {"sender": "RH", "messages": [
              {"msg_id": "M-1", "shipment_ref": "SO-1", "ts": "2025-12-31T10:00:00Z"},
              {"msg_id": "M-2", "shipment_ref": "SO-2", "ts": "yesterday"},
              {"msg_id": "M-3", "shipment_ref": "SO-3", "ts": "2025-12-31T11:00:00Z"}]}
            """;

    private GoldenCase relayCase(String name, String input, String... files) throws IOException {
        Path dir = Files.createDirectories(partners.resolve("relay-hub").resolve(name));
        Files.writeString(dir.resolve(GoldenCase.INPUT), input);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return new GoldenCase("relay-hub", name, dir);
    }

    @Test
    void a_document_its_rest_channel_splits_is_mapped_item_by_item_and_its_refused_items_are_listed() throws IOException {
        GoldenCaseRunner relayRunner = relayHubRunner();
        MappingCatalog catalog = MappingLoader.loadAll(root.resolve("mappings"));
        ArrayNode events = JSON.createArrayNode();
        for (String message : List.of(
                "{\"sender\": \"RH\", \"messages\": [{\"msg_id\": \"M-1\", \"shipment_ref\": \"SO-1\", \"ts\": \"2025-12-31T10:00:00Z\"}]}",
                "{\"sender\": \"RH\", \"messages\": [{\"msg_id\": \"M-3\", \"shipment_ref\": \"SO-3\", \"ts\": \"2025-12-31T11:00:00Z\"}]}")) {
            var document = GoldenCaseRunner.restDocument("relay-hub", JSON.readTree(message), message.getBytes());
            MappingEngine.apply(catalog.select(document), document, GoldenCaseRunner.FIXED_TIME).forEach(events::add);
        }
        String rejected = "[{\"item\": 1, \"stage\": \"map\", \"field\": \"/data/eventTime\", \"contains\": \"yesterday\"}]";

        GoldenCase listed = relayCase("listed", RELAYED, GoldenCase.EXPECTED, events.toPrettyString(), GoldenCase.EXPECTED_REJECTED, rejected);
        GoldenCase unlisted = relayCase("unlisted", RELAYED, GoldenCase.EXPECTED, events.toPrettyString());

        assertThat(relayRunner.run(listed).differences()).isEmpty();
        assertThat(events).extracting(e -> e.at("/data/shipmentId").asText()).containsExactly("RH-SO-1", "RH-SO-3");
        assertThat(relayRunner.run(unlisted).differences()).singleElement().asString()
                .startsWith("relay-hub/unlisted item [1]: refused: map error on /data/eventTime: mapping relay-hub.status: /data/eventTime:")
                .contains("yesterday");
    }

    @Test
    void an_item_listed_as_refused_that_maps_cleanly_is_a_difference() throws IOException {
        GoldenCase wrong = relayCase("wrong-item", RELAYED, GoldenCase.EXPECTED, "[]", GoldenCase.EXPECTED_REJECTED,
                "[{\"item\": 0, \"stage\": \"map\", \"field\": \"/data/eventTime\", \"contains\": \"yesterday\"},"
                        + " {\"item\": 7, \"stage\": \"map\", \"field\": \"/data/eventTime\"}]");

        List<String> differences = relayHubRunner().run(wrong).differences();

        assertThat(differences).contains(
                "relay-hub/wrong-item: expected-rejected.json lists item [7], but the input has 3 item(s)",
                "relay-hub/wrong-item item [0]: mapped cleanly but an error was expected: a map error on /data/eventTime containing \"yesterday\"");
        assertThat(differences).anyMatch(d -> d.startsWith("relay-hub/wrong-item item [1]: refused: map error on /data/eventTime"));
    }

    @Test
    void a_document_without_items_where_its_rest_channel_expects_them_is_a_parse_error() throws IOException {
        GoldenCaseRunner relayRunner = relayHubRunner();
        String noArray = "{\"sender\": \"RH\", \"messages\": {\"msg_id\": \"M-1\"}}";

        GoldenCase expected = relayCase("expected-parse", noArray, GoldenCase.EXPECTED_ERROR,
                "{\"stage\": \"parse\", \"contains\": \"/messages is a JSON object, not an array of items\"}");
        GoldenCase unexpected = relayCase("unexpected-parse", noArray, GoldenCase.EXPECTED, "[]");

        assertThat(relayRunner.run(expected).differences()).isEmpty();
        assertThat(relayRunner.run(unexpected).differences()).containsExactly("relay-hub/unexpected-parse: the rest channel refused"
                + " the input (channels.rest.items): the document's /messages is a JSON object, not an array of items (channels.rest.items)");
    }

    @Test
    void a_batch_item_that_fails_is_reported_unless_the_case_lists_it_as_refused() throws IOException {
        String bad = PICKUP.replace("M-1", "M-2").replace("\"PU\"", "\"XD\"");
        String input = "[" + PICKUP + "," + bad + "]";

        GoldenCase listed = writeCase("batch-one-bad", input, GoldenCase.EXPECTED, pickupEvents().toPrettyString());
        Files.writeString(listed.expectedRejected(),
                "[{\"item\": 1, \"stage\": \"map\", \"field\": \"/data/status\", \"contains\": \"code 'XD' is not in table 'status'\"}]");
        GoldenCase unlisted = writeCase("batch-one-bad-unlisted", input, GoldenCase.EXPECTED, pickupEvents().toPrettyString());

        assertThat(runner.run(listed).differences()).isEmpty();
        assertThat(runner.run(unlisted).differences()).singleElement().asString()
                .startsWith("acme-freight/batch-one-bad-unlisted item [1]: refused: map error on /data/status:")
                .contains("code 'XD' is not in table 'status'");
    }
}
