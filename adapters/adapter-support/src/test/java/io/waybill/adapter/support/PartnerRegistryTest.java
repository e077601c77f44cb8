package io.waybill.adapter.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerRegistryTest {

    private static final String ACME = """
            # ACME Freight: demo carrier.
            id: acme-freight
            name: ACME Freight
            owner: integrations@acme-freight.example
            channels:
              rest:
                formats: [json]
            """;

    @TempDir
    Path mappings;

    @Test
    void loads_every_declared_partner() throws IOException {
        declare("acme-freight", ACME);
        declare("blue-ocean-lines", """
                id: blue-ocean-lines
                name: Blue Ocean Lines
                owner: edi-team@blue-ocean-lines.example
                channels: {}
                """);

        PartnerRegistry registry = PartnerRegistry.load(mappings);

        assertThat(registry.all()).extracting(PartnerDeclaration::id).containsExactly("acme-freight", "blue-ocean-lines");
        PartnerDeclaration acme = registry.find("acme-freight").orElseThrow();
        assertThat(acme.name()).isEqualTo("ACME Freight");
        assertThat(acme.owner()).isEqualTo("integrations@acme-freight.example");
        assertThat(acme.channels().restEnabled()).isTrue();
        assertThat(acme.channels().rest().formats()).containsExactly("json");
        assertThat(registry.find("blue-ocean-lines").orElseThrow().channels().restEnabled()).isFalse();
        assertThat(registry.find("globex")).isEmpty();
    }

    @Test
    void loads_the_partners_shipped_in_the_repository() {
        PartnerRegistry registry = PartnerRegistry.load(Path.of("..", "..", "mappings"));

        assertThat(registry.all()).extracting(PartnerDeclaration::id).contains("acme-freight", "blue-ocean-lines");
    }

    @Test
    void a_misspelt_key_names_the_file_and_its_line() throws IOException {
        Path file = declare("acme-freight", """
                id: acme-freight
                name: ACME Freight
                owner: integrations@acme-freight.example
                chanels:
                  rest:
                    formats: [json]
                """);

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file + ":4:")
                .hasMessageContaining("chanels");
    }

    @Test
    void a_misspelt_nested_key_names_the_file_and_its_line() throws IOException {
        Path file = declare("acme-freight", """
                id: acme-freight
                name: ACME Freight
                owner: integrations@acme-freight.example
                channels:
                  rest:
                    format: [json]
                """);

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file + ":6:")
                .hasMessageContaining("format");
    }

    @Test
    void a_value_of_the_wrong_shape_names_the_file_and_its_line() throws IOException {
        Path file = declare("acme-freight", """
                id: acme-freight
                name: ACME Freight
                owner: integrations@acme-freight.example
                channels:
                  rest:
                    formats: {json: true}
                """);

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file + ":6:");
    }

    @Test
    void broken_yaml_names_the_file_and_its_line() throws IOException {
        Path file = declare("acme-freight", """
                id: acme-freight
                name: ACME Freight
                owner: [integrations@acme-freight.example
                channels: {}
                """);

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageMatching("\\Q" + file + "\\E:[34]:.*");
    }

    @Test
    void an_id_that_differs_from_its_folder_is_refused() throws IOException {
        Path file = declare("acme", ACME);

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("id 'acme-freight' must equal its folder name 'acme'");
    }

    @Test
    void a_declaration_without_an_id_is_refused() throws IOException {
        Path file = declare("acme-freight", ACME.replace("id: acme-freight\n", ""));

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessage(file + ": 'id' is required");
    }

    @Test
    void a_declaration_without_a_name_is_refused() throws IOException {
        Path file = declare("acme-freight", ACME.replace("name: ACME Freight\n", ""));

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("'name'");
    }

    @Test
    void a_declaration_without_an_owner_is_refused() throws IOException {
        Path file = declare("acme-freight", ACME.replace("owner: integrations@acme-freight.example\n", ""));

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("'owner'");
    }

    @Test
    void a_declaration_without_channels_is_refused() throws IOException {
        Path file = declare("acme-freight", ACME.substring(0, ACME.indexOf("channels:")));

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("'channels' is required");
    }

    @Test
    void an_upper_case_id_is_refused() throws IOException {
        Path file = declare("ACME-freight", ACME.replace("id: acme-freight", "id: ACME-freight"));

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("must be lower-case letters, digits and dashes");
    }

    @Test
    void an_empty_declaration_is_refused() throws IOException {
        Path file = declare("acme-freight", "");

        assertThatThrownBy(() -> PartnerRegistry.load(mappings))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void secret_variable_name_is_the_upper_cased_id_with_underscores() {
        PartnerDeclaration blue = new PartnerDeclaration("blue-ocean-lines", "Blue Ocean Lines", "edi-team",
                new PartnerDeclaration.Channels(new PartnerDeclaration.Rest(List.of("json"))));

        assertThat(blue.secretEnvName()).isEqualTo("WAYBILL_SECRET_BLUE_OCEAN_LINES");
    }

    @Test
    void a_folder_without_a_declaration_is_not_a_partner() throws IOException {
        declare("acme-freight", ACME);
        Files.createDirectories(mappings.resolve("drafts"));
        Files.writeString(mappings.resolve("drafts").resolve("notes.txt"), "not a partner");
        Files.writeString(mappings.resolve("README.md"), "a file beside the folders");

        assertThat(PartnerRegistry.load(mappings).all()).extracting(PartnerDeclaration::id).containsExactly("acme-freight");
    }

    @Test
    void a_missing_mappings_directory_is_an_error_naming_it() {
        Path missing = mappings.resolve("nowhere");

        assertThatThrownBy(() -> PartnerRegistry.load(missing))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    private Path declare(String folder, String yaml) throws IOException {
        Path dir = Files.createDirectories(mappings.resolve(folder));
        return Files.writeString(dir.resolve(PartnerRegistry.DECLARATION_FILE), yaml);
    }
}
