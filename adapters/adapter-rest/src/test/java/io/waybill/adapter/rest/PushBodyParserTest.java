package io.waybill.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.support.DocumentItems;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PushBodyParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Provenance PROVENANCE =
            new Provenance("acme-freight", "rest", "json", Instant.parse("2026-01-01T00:00:00Z"), null, 0, null);

    private final PushBodyParser parser = new PushBodyParser(3);

    @Test
    void an_object_is_one_document_carrying_the_body_as_received() throws Exception {
        byte[] body = "{ \"msg_id\" : \"M-1\",\n  \"code\": \"DL\" }".getBytes(StandardCharsets.UTF_8);

        List<RawDocument> documents = parser.parse(body, PROVENANCE);

        assertThat(documents).singleElement().satisfies(document -> {
            assertThat(document.body()).isEqualTo(JSON.readTree("{\"msg_id\":\"M-1\",\"code\":\"DL\"}"));
            assertThat(document.raw()).isEqualTo(body);
            assertThat(document.provenance().itemIndex()).isZero();
            assertThat(document.partner()).isEqualTo("acme-freight");
        });
    }

    @Test
    void an_array_is_a_batch_with_one_document_per_element_in_order() throws Exception {
        byte[] body = "[{\"msg_id\":\"M-1\"}, {\"msg_id\":\"M-2\", \"n\": 2}]".getBytes(StandardCharsets.UTF_8);

        List<RawDocument> documents = parser.parse(body, PROVENANCE);

        assertThat(documents).hasSize(2);
        assertThat(documents).extracting(d -> d.provenance().itemIndex()).containsExactly(0, 1);
        assertThat(documents).extracting(d -> d.body().get("msg_id").asText()).containsExactly("M-1", "M-2");
        assertThat(JSON.readTree(documents.get(0).raw())).isEqualTo(JSON.readTree("{\"msg_id\":\"M-1\"}"));
        assertThat(JSON.readTree(documents.get(1).raw())).isEqualTo(JSON.readTree("{\"msg_id\":\"M-2\",\"n\":2}"));
    }

    @Test
    void batch_items_keep_the_rest_of_the_provenance() {
        List<RawDocument> documents = parser.parse("[{}, {}]".getBytes(StandardCharsets.UTF_8), PROVENANCE);

        assertThat(documents.get(1).provenance()).isEqualTo(PROVENANCE.item(1));
    }

    @Test
    void rejects_an_empty_body() {
        assertRejected("", 400, "empty_body");
    }

    @Test
    void rejects_a_body_of_only_whitespace() {
        assertRejected(" \n\t ", 400, "empty_body");
    }

    @Test
    void rejects_an_empty_batch() {
        assertRejected("[]", 400, "empty_batch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"M-1\"", "true", "null"})
    void rejects_a_body_that_is_not_an_object_or_array(String body) {
        PushRejection rejection = assertRejected(body, 400, "not_an_object");
        assertThat(rejection.reason()).contains("must be a JSON object or an array of objects");
    }

    @Test
    void rejects_malformed_json_naming_line_and_column() {
        PushRejection rejection = assertRejected("{\n  \"msg_id\": \"M-1\",\n  \"code\" \"DL\"\n}", 400, "malformed_json");

        assertThat(rejection.reason()).contains("line 3").contains("column");
    }

    @Test
    void rejects_trailing_content_after_a_valid_object() {
        PushRejection rejection = assertRejected("{\"msg_id\":\"M-1\"} {\"msg_id\":\"M-2\"}", 400, "malformed_json");

        assertThat(rejection.reason()).containsIgnoringCase("trailing");
    }

    @Test
    void rejects_duplicate_keys() {
        PushRejection rejection = assertRejected("{\"code\":\"DL\",\"code\":\"IT\"}", 400, "malformed_json");

        assertThat(rejection.reason()).contains("code");
    }

    @Test
    void rejects_nesting_deeper_than_64_levels() {
        String deep = "[".repeat(65) + "]".repeat(65);

        PushRejection rejection = assertRejected(deep, 400, "malformed_json");

        assertThat(rejection.reason()).contains("64");
    }

    @Test
    void accepts_nesting_of_64_levels() {
        String body = "{\"a\":".repeat(63) + "{}" + "}".repeat(63);

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8), PROVENANCE)).hasSize(1);
    }

    @Test
    void rejects_a_batch_with_more_items_than_allowed_as_too_large() {
        PushRejection rejection = assertRejected("[{},{},{},{}]", 413, "too_many_items");

        assertThat(rejection.reason()).contains("4 items").contains("at most 3");
    }

    @Test
    void accepts_a_batch_of_exactly_the_allowed_size() {
        assertThat(parser.parse("[{},{},{}]".getBytes(StandardCharsets.UTF_8), PROVENANCE)).hasSize(3);
    }

    private static final DocumentItems EVENT_LIST = new DocumentItems("/epcisBody/eventList", "channels.rest.items");

    @Test
    void a_document_with_declared_items_gives_one_document_per_item_keeping_the_document_around_it() throws Exception {
        String body = "{\"type\":\"EPCISDocument\",\"creationDate\":\"2026-03-02T08:00:00Z\","
                + "\"epcisBody\":{\"eventList\":[{\"eventID\":\"e1\"},{\"eventID\":\"e2\"},\"oops\"]}}";

        List<RawDocument> documents = parser.parse(body.getBytes(StandardCharsets.UTF_8), PROVENANCE, EVENT_LIST);

        assertThat(documents).extracting(d -> d.provenance().itemIndex()).containsExactly(0, 1, 2);
        assertThat(JSON.readTree(documents.get(1).raw())).isEqualTo(JSON.readTree("{\"type\":\"EPCISDocument\","
                + "\"creationDate\":\"2026-03-02T08:00:00Z\",\"epcisBody\":{\"eventList\":[{\"eventID\":\"e2\"}]}}"));
        assertThat(documents.get(1).body()).isEqualTo(JSON.readTree(documents.get(1).raw()));
        assertThat(documents.get(2).body().asText()).as("an element that is no object, for mapping to refuse").isEqualTo("oops");
    }

    @Test
    void a_batch_of_documents_with_declared_items_numbers_the_items_across_the_push() {
        String body = "[{\"epcisBody\":{\"eventList\":[{\"n\":1},{\"n\":2}]}},{\"epcisBody\":{\"eventList\":[{\"n\":3}]}}]";

        List<RawDocument> documents = parser.parse(body.getBytes(StandardCharsets.UTF_8), PROVENANCE, EVENT_LIST);

        assertThat(documents).extracting(d -> d.body().at("/epcisBody/eventList/0/n").asInt()).containsExactly(1, 2, 3);
        assertThat(documents).extracting(d -> d.provenance().itemIndex()).containsExactly(0, 1, 2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"epcisBody\":{\"eventList\":{\"eventID\":\"e1\"}}} | the document's /epcisBody/eventList is a JSON object, not an array of items (channels.rest.items)",
            "{\"epcisBody\":{\"eventList\":[]}}                    | the document's /epcisBody/eventList is empty: it holds no item to process (channels.rest.items)",
            "{\"type\":\"EPCISDocument\"}                          | the document has no /epcisBody/eventList: its items are expected there, as a JSON array (channels.rest.items)",
            "[{\"epcisBody\":{\"eventList\":[{}]}}, {\"epcisBody\":{\"eventList\":7}}] | batch item 1: the document's /epcisBody/eventList is a JSON number, not an array of items (channels.rest.items)"})
    void a_document_without_items_to_split_is_refused_whole_saying_what_is_there(String body, String reason) {
        PushRejection rejection = catchThrowableOfType(PushRejection.class,
                () -> parser.parse(body.getBytes(StandardCharsets.UTF_8), PROVENANCE, EVENT_LIST));

        assertThat(rejection).isNotNull();
        assertThat(rejection.status()).isEqualTo(400);
        assertThat(rejection.code()).isEqualTo("no_items");
        assertThat(rejection.reason()).isEqualTo(reason);
    }

    @Test
    void a_document_with_more_items_than_allowed_is_too_large() {
        PushRejection rejection = catchThrowableOfType(PushRejection.class, () -> parser.parse(
                "{\"epcisBody\":{\"eventList\":[{},{},{},{}]}}".getBytes(StandardCharsets.UTF_8), PROVENANCE, EVENT_LIST));

        assertThat(rejection.status()).isEqualTo(413);
        assertThat(rejection.reason()).isEqualTo("the push has 4 items (the elements of /epcisBody/eventList);"
                + " at most 3 are accepted per push");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
            "application/vnd.acme+json", "application/vnd.acme+json; version=2"})
    void json_content_types_are_parsed_as_json(String contentType) {
        assertThat(PushBodyParser.formatOf(contentType)).isEqualTo("json");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text/plain", "application/xml", "text/json", "application/jsonp"})
    void other_content_types_are_unsupported(String contentType) {
        PushRejection rejection = catchThrowableOfType(PushRejection.class, () -> PushBodyParser.formatOf(contentType));

        assertThat(rejection).isNotNull();
        assertThat(rejection.status()).isEqualTo(415);
        assertThat(rejection.code()).isEqualTo("unsupported_media_type");
        assertThat(rejection.reason()).contains("application/json");
    }

    private PushRejection assertRejected(String body, int status, String code) {
        PushRejection rejection = catchThrowableOfType(PushRejection.class,
                () -> parser.parse(body.getBytes(StandardCharsets.UTF_8), PROVENANCE));
        assertThat(rejection).as("expected a %d %s rejection", status, code).isNotNull();
        assertThat(rejection.status()).as("status of %s", rejection.reason()).isEqualTo(status);
        assertThat(rejection.code()).as("code of %s", rejection.reason()).isEqualTo(code);
        return rejection;
    }
}
