package io.waybill.mapping;

import io.waybill.schema.EventType;
import io.waybill.schema.SchemaRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

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

        assertThat(error.getMessage()).startsWith(file + ":11:").contains("transfrom");
    }

    @Test
    void an_unknown_key_inside_accepts_names_its_line() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("  format: json", "  fromat: json"));

        MappingException error = loadFails(file);

        assertThat(error.getMessage()).startsWith(file + ":7:").contains("fromat");
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
        assertThat(error.getMessage()).contains("must be 1 or more");
    }

    @Test
    void an_id_outside_the_partner_folder_is_refused() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("id: acme-freight.status", "id: acme.status"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("id");
        assertThat(error.getMessage()).contains(file.toString()).contains("must start with the partner folder name: 'acme-freight.'");
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
        assertThat(error.getMessage()).contains(file.toString()).contains("shipment-status/v9")
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
        assertThat(error.getMessage()).contains(produces).contains("shipment-status/v1");
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
        assertThat(error.getMessage()).contains("does not compile").contains("line 5").contains(transform.toString());
    }

    @Test
    void a_transform_calling_an_unknown_function_does_not_compile() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        acme.write("status.jslt", "{\"eventTime\": utc-instnt(.ts)}");

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains("utc-instnt");
    }

    @Test
    void an_identity_that_does_not_compile_names_the_mapping_file_and_key() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("identity: .msg_id", "identity: .msg_id +"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("identity");
        assertThat(error.getMessage()).contains("does not compile").contains(file + " (identity):1:");
    }

    @Test
    void a_when_predicate_that_does_not_compile_names_the_key() {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Path file = acme.write("status.mapping.yaml", STATUS_MAPPING.replace("'.type == \"status\"'", "'.type =='"));

        MappingException error = loadFails(file);

        assertThat(error.field()).isEqualTo("accepts.when");
        assertThat(error.getMessage()).contains(file + " (accepts.when):1:");
    }

    @Test
    void a_missing_transform_file_is_named() throws Exception {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Files.delete(acme.resolve("status.jslt"));

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("transform");
        assertThat(error.getMessage()).contains("cannot read transform").contains(acme.resolve("status.jslt").toString());
    }

    @Test
    void a_missing_code_table_file_is_named() throws Exception {
        PartnerFolder acme = PartnerFolder.acmeStatus(mappings);
        Files.delete(acme.resolve("status-codes.csv"));

        MappingException error = loadFails(acme.resolve("status.mapping.yaml"));

        assertThat(error.field()).isEqualTo("tables.status");
        assertThat(error.getMessage()).contains(acme.resolve("status-codes.csv").toString());
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
        assertThat(error.getMessage()).contains("declared twice")
                .contains(acme.resolve("status.mapping.yaml").toString())
                .contains(acme.resolve("status-copy.mapping.yaml").toString());
    }

    private static MappingException loadFails(Path file) {
        MappingException error = catchThrowableOfType(MappingException.class, () -> MappingLoader.load(file));
        assertThat(error).as("loading %s should fail", file).isNotNull();
        return error;
    }
}
