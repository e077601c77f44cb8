package io.waybill.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.waybill.mapping.PartnerFolder.STATUS_MAPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingLoaderTest {

    @TempDir
    Path mappings;

    @Test
    void loads_a_valid_mapping_with_its_tables() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);

        Mapping mapping = MappingLoader.load(acme.resolve("status.mapping.yaml"));

        assertThat(mapping.id()).isEqualTo("acme-freight.status");
        assertThat(mapping.version()).isEqualTo(3);
        assertThat(mapping.partner()).isEqualTo("acme-freight");
        assertThat(mapping.produces()).isEqualTo(new SchemaRef(EventType.SHIPMENT_STATUS, 1));
        assertThat(mapping.file()).isEqualTo(acme.resolve("status.mapping.yaml"));
        assertThat(mapping.tables()).containsOnlyKeys("status");
        assertThat(mapping.tables().get("status").lookup("DL")).contains("DELIVERED");
    }

    @Test
    void loads_every_mapping_of_every_partner_folder() {
        PartnerFolder.acmeStatus(mappings);
        PartnerFolder blue = PartnerFolder.in(mappings, "blue-ocean-lines");
        blue.write("event.mapping.yaml", """
                id: blue-ocean-lines.event
                version: 1
                accepts: {}
                produces: shipment-status/v1
                identity: .eventId
                transform: event.jslt
                """);
        blue.write("event.jslt", "{\"shipmentId\": .bl}");
        blue.write("partner.yaml", "id: blue-ocean-lines\n");

        MappingCatalog catalog = MappingLoader.loadAll(mappings);

        assertThat(catalog.all()).extracting(Mapping::id).containsExactly("acme-freight.status", "blue-ocean-lines.event");
        assertThat(catalog.forPartner("blue-ocean-lines")).extracting(Mapping::id).containsExactly("blue-ocean-lines.event");
    }

    @Test
    void loads_the_mappings_shipped_in_the_repository() {
        MappingCatalog catalog = MappingLoader.loadAll(Path.of("..", "mappings"));

        assertThat(catalog.all()).extracting(Mapping::id)
                .contains("acme-freight.status", "acme-freight.eta", "blue-ocean-lines.container-event");
    }

    @Test
    void an_unknown_key_names_the_file_and_its_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("transform: status.jslt", "transfrom: status.jslt"));

        MappingException error = loadFails(file);

        assertThat(error.getMessage()).contains(file + ":11: unknown key 'transfrom'; allowed here: accepts, description,"
                + " id, identity, produces, smoothing, tables, transform, version");
    }

    @Test
    void an_unknown_key_inside_accepts_names_its_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("  format: json", "  fromat: json"));

        MappingException error = loadFails(file);

        assertThat(error.getMessage()).contains(file + ":7: unknown key 'fromat'; allowed here: channel, format, shared, when");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "accepts", "produces", "identity", "transform"})
    void a_missing_required_key_is_named(String key) {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        String withoutKey = STATUS_MAPPING.lines()
                .filter(line -> !line.startsWith(key + ":") && !(key.equals("accepts") && line.startsWith("  ")))
                .reduce("", (text, line) -> text + line + "\n");
        Path file = acme.write("status.mapping.yaml", withoutKey);

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo(key);
        assertThat(error.mappingId()).isEqualTo("acme-freight.status");
        assertThat(error.getMessage()).contains(file.toString()).contains("'" + key + "'").contains("required");
    }

    @Test
    void a_missing_id_is_named() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("id: acme-freight.status\n", ""));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("id");
        assertThat(error.getMessage()).contains(file.toString()).contains("'id' is required");
    }

    @Test
    void an_empty_mapping_file_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", "");

        assertThat(loadFails(file).getMessage()).contains(file.toString());
    }

    @Test
    void a_version_below_one_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("version: 3", "version: 0"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("version");
        assertThat(error.getMessage()).contains(file + ":3: 'version' must be 1 or more, was 0");
    }

    @Test
    void an_id_outside_the_partner_folder_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("id: acme-freight.status", "id: acme.status"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("id");
        assertThat(error.getMessage()).contains(file + ":2: id must start with the partner folder name: 'acme-freight.'");
    }

    @Test
    void an_id_that_only_shares_a_prefix_with_the_partner_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml",
                STATUS_MAPPING.replace("id: acme-freight.status", "id: acme-freightways.status"));

        assertThat(loadFails(file).field()).isEqualTo("id");
    }

    @Test
    void producing_a_major_version_without_a_schema_is_refused_naming_the_known_ones() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("shipment-status/v1", "shipment-status/v9"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("produces");
        assertThat(error.getMessage()).contains(file + ":9: no canonical schema for 'shipment-status/v9'")
                .contains("shipment-status/v1").contains("eta/v1");
    }

    @Test
    void producing_an_unknown_event_type_is_refused_naming_the_known_ones() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("shipment-status/v1", "parcel-scan/v1"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("produces");
        assertThat(error.getMessage()).contains("parcel-scan").contains("shipment-status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shipment-status", "shipment-status/1", "Shipment-Status/v1", "shipment-status/v0"})
    void producing_a_malformed_reference_is_refused(String produces) {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("shipment-status/v1", produces));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("produces");
        assertThat(error.getMessage()).contains(file + ":9:").contains(produces).contains("shipment-status/v1");
    }

    @Test
    void a_transform_that_does_not_compile_names_the_transform_file_and_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path transform = acme.write("status.jslt", """
                // broken on purpose
                {
                  "shipmentId": .shipment_ref,
                  "status": code-lookup("status", .code
                }
                """);

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains(transform + ":5:1: does not compile: Parse error: Encountered")
                .contains("; expected one of: \"[\", \",\", \"or\"").doesNotContain("\n");
    }

    @Test
    void a_transform_calling_an_unknown_function_does_not_compile() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", "{\"eventTime\": utc-instnt(.ts)}");

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains(acme.resolve("status.jslt") + ":1:15: does not compile: No such function: 'utc-instnt'");
    }

    @Test
    void an_identity_that_does_not_compile_names_the_mapping_file_and_key() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("identity: .msg_id", "identity: .msg_id +"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("identity");
        assertThat(error.getMessage()).contains(file + ":10: 'identity' does not compile: Parse error: Encountered \"<EOF>\"")
                .endsWith("(at line 1, column 9 of the expression)").doesNotContain("\n");
    }

    @Test
    void a_when_predicate_that_does_not_compile_names_the_key() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("'.type == \"status\"'", "'.type =='"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("accepts.when");
        assertThat(error.getMessage()).contains(file + ":8: 'accepts.when' does not compile: ")
                .endsWith("(at line 1, column 8 of the expression)");
    }

    @Test
    void a_missing_transform_file_is_named() throws Exception {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Files.delete(acme.resolve("status.jslt"));

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains(acme.resolve("status.mapping.yaml") + ":11: transform file 'status.jslt'"
                + " does not exist (looked for " + acme.resolve("status.jslt") + ")");
    }

    @Test
    void a_missing_code_table_file_is_named() throws Exception {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Files.delete(acme.resolve("status-codes.csv"));

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("tables.status");
        assertThat(error.getMessage()).contains(acme.resolve("status.mapping.yaml") + ":13: code table file 'status-codes.csv'"
                + " does not exist (looked for " + acme.resolve("status-codes.csv") + ")");
    }

    @Test
    void a_code_table_with_a_bad_header_names_the_csv_file_and_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path csv = acme.write("status-codes.csv", "# ACME codes\nstatus,canonical\nDL,DELIVERED\n");

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("tables.status");
        assertThat(error.getMessage()).contains(csv + ":2:").contains("code,value");
    }

    @Test
    void a_code_table_with_a_duplicate_code_names_the_csv_file_line_and_code() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path csv = acme.write("status-codes.csv", "code,value\nPU,PICKED_UP\nDL,DELIVERED\n\nDL,DELAYED\n");

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.getMessage()).contains(csv + ":5:").contains("'DL' appears twice");
    }

    @Test
    void a_code_table_row_without_a_value_names_the_csv_file_and_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path csv = acme.write("status-codes.csv", "code,value\nPU,PICKED_UP\nDL\n");

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.getMessage()).contains(csv + ":3:").contains("needs a code and a value");
    }

    @Test
    void loading_a_catalog_stops_at_the_first_broken_mapping() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("eta.mapping.yaml", STATUS_MAPPING.replace("acme-freight.status", "acme-freight.eta")
                .replace("status.jslt", "missing.jslt"));

        MappingException error = catchThrowableOfType(MappingException.class, () -> MappingLoader.loadAll(mappings));

        assertThat(error).isNotNull();
        assertThat(error.mappingId()).isEqualTo("acme-freight.eta");
    }

    @Test
    void two_mappings_with_one_id_are_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status-copy.mapping.yaml", STATUS_MAPPING);

        MappingException error = catchThrowableOfType(MappingException.class, () -> MappingLoader.loadAll(mappings));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("id");
        assertThat(error.getMessage()).contains("declared twice: " + acme.resolve("status-copy.mapping.yaml") + ":2 and "
                + acme.resolve("status.mapping.yaml") + ":2");
    }

    static Stream<Arguments> values_of_the_wrong_type() {
        return Stream.of(
                Arguments.of("id: acme-freight.status", "id: [acme-freight.status]", "id", 2,
                        "'id' must be text, not a list"),
                Arguments.of("description: ACME status push", "description: {text: ACME}", "description", 4,
                        "'description' must be text, not a map"),
                Arguments.of("accepts:\n  channel: rest", "accepts: rest\nx:\n  channel: rest", "accepts", 5,
                        "'accepts' must be a map of channel, format, when, shared, not the text 'rest'"),
                Arguments.of("  channel: rest", "  channel: [rest, mqtt]", "accepts.channel", 6,
                        "'accepts.channel' must be text, not a list"),
                Arguments.of("  when: '.type == \"status\"'", "  when: true", "accepts.when", 8,
                        "'accepts.when' must be text, not true; put it in quotes"),
                Arguments.of("produces: shipment-status/v1", "produces: [shipment-status/v1]", "produces", 9,
                        "'produces' must be text, not a list"),
                Arguments.of("identity: .msg_id", "identity: 12", "identity", 10,
                        "'identity' must be text, not the number 12; put it in quotes"),
                Arguments.of("transform: status.jslt", "transform: [status.jslt]", "transform", 11,
                        "'transform' must be text, not a list"),
                Arguments.of("tables:\n  status: status-codes.csv", "tables: [status-codes.csv]", "tables", 12,
                        "'tables' must be a map of table names to CSV files, not a list"),
                Arguments.of("  status: status-codes.csv", "  status: [status-codes.csv]", "tables.status", 13,
                        "'tables.status' must be a CSV file name, or a map of file and default, not a list"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("values_of_the_wrong_type")
    void a_value_of_the_wrong_type_is_one_error_naming_the_key_and_line(String line, String wrong, String key,
                                                                         int lineNumber, String message) {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith(line, wrong));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo(key);
        assertThat(error.getMessage()).contains(file + ":" + lineNumber + ": " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"three", "'3'", "2.5", "[3]"})
    void a_version_that_is_not_a_whole_number_is_refused_not_converted(String version) {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("version: 3", "version: " + version));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("version");
        assertThat(error.getMessage()).contains(file + ":3: 'version' must be a whole number, not ");
    }

    @Test
    void a_version_in_quotes_is_told_to_lose_them() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("version: 3", "version: '3'"));

        assertThat(loadFails(file).getMessage())
                .endsWith("'version' must be a whole number, not the text '3'; write it without quotes");
    }

    @Test
    void a_negative_version_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("version: 3", "version: -2"));

        assertThat(loadFails(file).getMessage()).contains(file + ":3: 'version' must be 1 or more, was -2");
    }

    @Test
    void a_required_key_written_without_a_value_names_its_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("identity: .msg_id", "identity:"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("identity");
        assertThat(error.getMessage()).contains(file + ":10: 'identity' is required: a JSLT expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "format", "when"})
    void a_blank_accepts_condition_is_refused_rather_than_matching_nothing(String key) {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        String blanked = STATUS_MAPPING.lines()
                .map(line -> line.startsWith("  " + key + ":") ? "  " + key + ": ''" : line)
                .collect(Collectors.joining("\n"));
        Path file = acme.write("status.mapping.yaml", blanked);

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("accepts." + key);
        assertThat(error.getMessage()).contains(file + ":").contains("'accepts." + key + "' is blank");
    }

    @Test
    void an_id_without_a_kind_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("id: acme-freight.status", "id: acme-freight.Status"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("id");
        assertThat(error.getMessage()).contains(file + ":2: id must be 'acme-freight.<kind>', the kind in lower-case");
    }

    @Test
    void a_key_written_twice_names_the_second_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING + "identity: .id\n");

        assertThat(loadFails(file).getMessage()).isEqualTo(file + ":14: key 'identity' appears twice");
    }

    @Test
    void broken_yaml_names_the_line_and_column_on_one_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("description: ACME status push", "description: ACME: push"));

        assertThat(loadFails(file).getMessage()).isEqualTo(file + ":4:18: mapping values are not allowed here");
    }

    @Test
    void broken_yaml_names_where_the_unclosed_part_began() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("  channel: rest", "  channel: [rest"));

        assertThat(loadFails(file).getMessage()).contains(file + ":")
                .contains("while parsing a flow sequence started at line 6, column 12: expected ',' or ']'");
    }

    @Test
    void a_second_yaml_document_is_refused_rather_than_ignored() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING + "---\nid: acme-freight.eta\n");

        assertThat(loadFails(file).getMessage())
                .isEqualTo(file + ":15: a second YAML document ('---') is not allowed; the file is one document");
    }

    @Test
    void a_tab_indent_names_the_line_and_column_of_the_tab_on_one_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", mappingWith("  format: json", "\tformat: json"));

        assertThat(loadFails(file).getMessage()).isEqualTo(file + ":7:1: while scanning for the next token: found"
                + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void a_mapping_file_that_is_a_list_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", "- id: acme-freight.status\n");

        assertThat(loadFails(file).getMessage()).isEqualTo(file + ": a mapping file is a map of keys (id, version,"
                + " description, accepts, produces, identity, transform, tables, smoothing), not a list");
    }

    @Test
    void a_mapping_file_that_does_not_exist_is_named() {
        Path file = mappings.resolve("acme-freight").resolve("stauts.mapping.yaml");

        assertThat(loadFails(file).getMessage()).isEqualTo(file + ": does not exist");
    }

    @Test
    void an_empty_transform_file_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path transform = acme.write("status.jslt", "\n");

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains(transform + ": the transform is empty");
    }

    @Test
    void a_mapping_file_with_the_short_suffix_is_refused_rather_than_skipped() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("eta.mapping.yml", STATUS_MAPPING);

        MappingException error = catchThrowableOfType(MappingException.class, () -> MappingLoader.loadAll(mappings));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).isEqualTo(file + ": mapping files end with .mapping.yaml; rename it to eta.mapping.yaml");
    }

    @Test
    void a_missing_mappings_directory_is_named() {
        Path missing = mappings.resolve("nowhere");

        MappingException error = catchThrowableOfType(MappingException.class, () -> MappingLoader.loadAll(missing));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).isEqualTo(missing + ": mappings directory does not exist");
    }

    @Test
    void two_mappings_with_one_id_are_refused_when_one_partner_folder_is_loaded() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status-copy.mapping.yaml", STATUS_MAPPING);

        MappingException error = catchThrowableOfType(MappingException.class,
                () -> MappingLoader.loadPartner(acme.resolve("status.mapping.yaml").getParent()));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains(acme.resolve("status-copy.mapping.yaml") + ":2")
                .contains(acme.resolve("status.mapping.yaml") + ":2");
    }

    @Test
    void a_table_in_the_long_form_maps_unknown_codes_to_its_default() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    file: status-codes.csv
                    default: EXCEPTION
                """));

        CodeTable table = MappingLoader.load(file).tables().get("status");

        assertThat(table.lookup("DL")).contains("DELIVERED");
        assertThat(table.lookup("ZZ")).contains("EXCEPTION");
        assertThat(table.defaultValue()).contains("EXCEPTION");
    }

    @Test
    void a_table_in_the_long_form_without_a_default_has_no_value_for_unknown_codes() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    file: status-codes.csv
                """));

        CodeTable table = MappingLoader.load(file).tables().get("status");

        assertThat(table.lookup("DL")).contains("DELIVERED");
        assertThat(table.lookup("ZZ")).isEmpty();
    }

    @Test
    void code_lookup_gives_the_declared_default_for_an_unknown_code() throws Exception {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("  status: {file: status-codes.csv, default: EXCEPTION}\n"));
        Mapping mapping = MappingLoader.load(file);

        JsonNode data = mapping.transform().apply(new ObjectMapper().readTree("""
                {"shipment_ref": "SH-1", "code": "ZZ", "ts": "2026-11-27T10:15:00-05:00"}
                """));

        assertThat(data.path("status").asText()).isEqualTo("EXCEPTION");
    }

    @Test
    void a_misspelt_key_in_the_long_form_names_its_line_and_the_keys_allowed() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    file: status-codes.csv
                    defualt: EXCEPTION
                """));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("tables.status.defualt");
        assertThat(error.getMessage()).contains(file + ":15: unknown key 'defualt'; allowed here: default, file");
    }

    @Test
    void a_long_form_table_without_a_file_names_the_table_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    default: EXCEPTION
                """));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("tables.status");
        assertThat(error.getMessage()).contains(file + ":13: 'tables.status.file' is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "''", "'  '"})
    void a_blank_default_names_its_line(String blank) {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    file: status-codes.csv
                    default: %s
                """.formatted(blank)));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("tables.status.default");
        assertThat(error.getMessage()).contains(file + ":15: 'tables.status.default' is blank");
    }

    @Test
    void a_default_that_is_not_text_names_its_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    file: status-codes.csv
                    default: [EXCEPTION, DELAYED]
                """));

        assertThat(loadFails(file).getMessage()).contains(file + ":15: 'tables.status.default' must be text, not a list");
    }

    @Test
    void a_missing_long_form_table_file_names_the_line_of_its_file_key() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("""
                  status:
                    file: status-cdoes.csv
                    default: EXCEPTION
                """));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("tables.status.file");
        assertThat(error.getMessage()).contains(file + ":14: code table file 'status-cdoes.csv' does not exist");
    }

    @Test
    void a_table_with_no_file_names_its_line_and_both_forms() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", withStatusTable("  status:\n"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("tables.status");
        assertThat(error.getMessage()).contains(file + ":13: 'tables.status' names no CSV file; write"
                + " 'status: codes.csv' or 'status: {file: codes.csv, default: <value>}'");
    }

    /** The status mapping with one line replaced; fails if the line is not there, so a test cannot pass by accident. */
    private static String mappingWith(String line, String replacement) {
        assertThat(STATUS_MAPPING).contains(line);
        return STATUS_MAPPING.replace(line, replacement);
    }

    /** The status mapping with its 'tables:' entries (from line 13 on) replaced. */
    private static String withStatusTable(String entries) {
        return mappingWith("  status: status-codes.csv\n", entries);
    }

    private static MappingException loadFails(Path file) {
        MappingException error = catchThrowableOfType(MappingException.class, () -> MappingLoader.load(file));
        assertThat(error).as("loading %s should fail", file).isNotNull();
        return error;
    }
}
