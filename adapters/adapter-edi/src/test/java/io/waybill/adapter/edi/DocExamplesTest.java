package io.waybill.adapter.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/edi-raw-document.md is what mapping authors write against: its examples must be what the reader produces. */
class DocExamplesTest {

    private static final Path PAGE = Path.of("../../docs/edi-raw-document.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void every_example_on_the_raw_document_page_is_what_the_reader_produces() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Matcher examples = EXAMPLE.matcher(Files.readString(PAGE));
        List<String> checked = new ArrayList<>();

        while (examples.find()) {
            String sample = examples.group(1);
            JsonNode documented = json.readTree(examples.group(2));
            JsonNode produced = TestEdi.resource(sample, TestEdi.context(EnvelopePolicy.REJECT)).delivered().get(0)
                    .document().body();
            assertThat(produced).as("the example for %s on %s", sample, PAGE).isEqualTo(documented);
            checked.add(sample);
        }

        assertThat(checked).containsExactly("x12-214-two-shipments.x12", "x12-315-newline-terminator.x12",
                "x12-856-hierarchy.x12", "edifact-iftsta-d96a.edi", "edifact-desadv-d96a.edi", "x12-210-unknown-type.x12");
    }
}
