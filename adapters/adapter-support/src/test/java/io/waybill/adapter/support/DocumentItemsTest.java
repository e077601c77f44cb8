package io.waybill.adapter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DocumentItems items = new DocumentItems("/epcisBody/eventList", "channels.rest.items");

    @Test
    void each_item_is_the_whole_document_holding_only_that_item() throws Exception {
        JsonNode document = JSON.readTree("""
                {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"], "type": "EPCISDocument",
                 "creationDate": "2026-03-02T08:00:00Z", "epcisHeader": {"sender": "urn:epc:id:sgln:4012345.00000.0"},
                 "epcisBody": {"eventList": [{"eventID": "e1"}, {"eventID": "e2"}], "note": "kept"}}""");

        List<JsonNode> split = items.split(document);

        assertThat(split).hasSize(2);
        assertThat(split.get(1)).isEqualTo(JSON.readTree("""
                {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"], "type": "EPCISDocument",
                 "creationDate": "2026-03-02T08:00:00Z", "epcisHeader": {"sender": "urn:epc:id:sgln:4012345.00000.0"},
                 "epcisBody": {"eventList": [{"eventID": "e2"}], "note": "kept"}}"""));
        assertThat(split.get(0).at("/epcisBody/eventList/0/eventID").asText()).isEqualTo("e1");
        assertThat(document.at("/epcisBody/eventList")).as("the pushed document is left as it was").hasSize(2);
    }

    @Test
    void items_under_an_array_index_are_split_too() throws Exception {
        DocumentItems nested = new DocumentItems("/reports/1/reads", "channels.rest.items");
        JsonNode document = JSON.readTree("{\"reports\": [{\"reads\": [9]}, {\"reads\": [{\"n\": 1}, {\"n\": 2}]}]}");

        assertThat(nested.split(document)).containsExactly(
                JSON.readTree("{\"reports\": [{\"reads\": [9]}, {\"reads\": [{\"n\": 1}]}]}"),
                JSON.readTree("{\"reports\": [{\"reads\": [9]}, {\"reads\": [{\"n\": 2}]}]}"));
    }

    @Test
    void an_item_that_is_not_an_object_is_handed_on_bare_for_mapping_to_refuse() throws Exception {
        JsonNode document = JSON.readTree("{\"epcisBody\": {\"eventList\": [{\"eventID\": \"e1\"}, \"oops\", null]}}");

        List<JsonNode> split = items.split(document);

        assertThat(split).hasSize(3);
        assertThat(split.get(1)).isEqualTo(JSON.readTree("\"oops\""));
        assertThat(split.get(2).isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"epcisBody\": {}}                          | the document has no /epcisBody/eventList: its items are expected there, as a JSON array (channels.rest.items)",
            "{\"epcisBody\": {\"eventList\": null}}       | the document has no /epcisBody/eventList: its items are expected there, as a JSON array (channels.rest.items)",
            "{\"epcisBody\": {\"eventList\": {\"a\": 1}}} | the document's /epcisBody/eventList is a JSON object, not an array of items (channels.rest.items)",
            "{\"epcisBody\": {\"eventList\": \"e1\"}}     | the document's /epcisBody/eventList is a JSON string, not an array of items (channels.rest.items)",
            "{\"epcisBody\": {\"eventList\": []}}         | the document's /epcisBody/eventList is empty: it holds no item to process (channels.rest.items)",
            "[1, 2]                                       | the document is a JSON array, not an object holding its items at /epcisBody/eventList (channels.rest.items)"})
    void a_document_without_items_to_split_is_refused_with_what_is_there(String document, String reason) {
        assertThatThrownBy(() -> items.split(JSON.readTree(document)))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessage(reason);
    }
}
