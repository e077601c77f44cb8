package io.waybill.adapter.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PartnerRegistryTest {

    /** A valid declaration; the tests below refer to its line numbers. */
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
    void every_format_the_hub_reads_may_be_declared_for_rest() throws IOException {
        String all = String.join(", ", PartnerDeclaration.REST_FORMATS);
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats: [" + all + "]")
                + "edi: {senders: [ZZ:ACMEFRT]}\n");

        assertThat(PartnerRegistry.read(file).channels().rest().formats())
                .containsExactlyInAnyOrderElementsOf(PartnerDeclaration.REST_FORMATS);
    }

    @Test
    void a_misspelt_key_names_the_file_line_key_and_the_keys_allowed() throws IOException {
        Path file = declare("acme-freight", declarationWith("channels:", "chanels:"));

        assertThat(loadFails()).isEqualTo(file + ":5: unknown key 'chanels'; allowed here: channels, edi, id, name, owner");
    }

    @Test
    void a_misspelt_nested_key_names_the_file_line_key_and_the_keys_allowed() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "format: [json]"));

        assertThat(loadFails()).isEqualTo(file + ":7: unknown key 'format'; allowed here: formats, items");
    }

    @Test
    void a_rest_channel_may_say_where_the_items_of_a_pushed_document_are() throws IOException {
        Path file = declare("acme-freight", ACME + "    items: /epcisBody/eventList\n");

        PartnerDeclaration.Rest rest = PartnerRegistry.read(file).channels().rest();

        assertThat(rest.items()).isEqualTo("/epcisBody/eventList");
        assertThat(rest.documentItems()).map(DocumentItems::pointer).contains("/epcisBody/eventList");
        assertThat(new PartnerDeclaration.Rest(List.of("json")).documentItems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "epcisBody/eventList | 'channels.rest.items' must be a JSON Pointer to the array of items in a pushed document, e.g. /epcisBody/eventList, was 'epcisBody/eventList'",
            "/ | 'channels.rest.items' must be a JSON Pointer to the array of items in a pushed document, e.g. /epcisBody/eventList, was '/'"})
    void rest_items_that_are_no_pointer_into_the_document_are_refused_with_the_line(String items, String reason) throws IOException {
        Path file = declare("acme-freight", ACME + "    items: \"" + items + "\"\n");

        assertThat(loadFails()).startsWith(file + ":8: " + reason);
    }

    @Test
    void rest_items_need_json_among_the_formats() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats: [x12]")
                + "    items: /epcisBody/eventList\nedi: {senders: [ZZ:ACMEFRT]}\n");

        assertThat(loadFails()).isEqualTo(file + ":8: 'channels.rest.items' splits JSON documents, but 'channels.rest.formats'"
                + " does not list json");
    }

    @Test
    void a_channel_the_hub_does_not_have_names_the_channels_it_has() throws IOException {
        Path file = declare("acme-freight", declarationWith("  rest:", "  amqp:"));

        assertThat(loadFails()).isEqualTo(file + ":6: unknown key 'amqp'; allowed here: drop, mqtt, poll, rest, sftp, webhook");
    }

    private static final String GATEWAYS = """
            id: gateways
            name: Gateways
            owner: iot@gateways.example
            channels:
              mqtt:
                topic: telemetry/gateways/{device}/#
                formats: [json]
                device-pattern: "GW-[0-9]{3}"
                devices: [LEGACY-1]
                device-field: .meta.device
            """;

    @Test
    void an_mqtt_channel_names_its_topic_devices_and_device_field() throws IOException {
        declare("gateways", GATEWAYS);

        PartnerDeclaration.Mqtt mqtt = PartnerRegistry.load(mappings).find("gateways").orElseThrow().channels().mqttFeeds().get(0);

        assertThat(mqtt.topic()).isEqualTo("telemetry/gateways/{device}/#");
        assertThat(mqtt.deviceField()).isEqualTo(".meta.device");
        assertThat(mqtt.knows("GW-001")).isTrue();
        assertThat(mqtt.knows("LEGACY-1")).isTrue();
        assertThat(mqtt.knows("GW-1")).isFalse();
        assertThat(DeviceTopic.parse(mqtt.topic()).filter()).isEqualTo("telemetry/gateways/+/#");
    }

    private static final String PORTALS_AND_SCANNERS = """
            id: dc
            name: DC
            owner: dc@example.com
            channels:
              mqtt:
                - topic: telemetry/dc/{device}/#
                  formats: [json]
                  device-pattern: "door-[0-9]{2}"
                  device-field: .reader_name
                - topic: scans/dc/{device}
                  formats: [json]
                  device-pattern: "TC52-[0-9]{4}"
                  device-field: .device
            """;

    @Test
    void an_mqtt_channel_may_list_one_declaration_per_kind_of_device() throws IOException {
        declare("dc", PORTALS_AND_SCANNERS);

        List<PartnerDeclaration.Mqtt> feeds = PartnerRegistry.load(mappings).find("dc").orElseThrow().channels().mqttFeeds();

        assertThat(feeds).extracting(PartnerDeclaration.Mqtt::topic).containsExactly("telemetry/dc/{device}/#", "scans/dc/{device}");
        assertThat(feeds).extracting(PartnerDeclaration.Mqtt::deviceField).containsExactly(".reader_name", ".device");
        assertThat(feeds.get(1).knows("TC52-0009")).isTrue();
        assertThat(feeds.get(1).knows("door-07")).isFalse();
    }

    @Test
    void a_mistake_in_one_of_several_mqtt_declarations_names_which_one_and_its_line() throws IOException {
        Path file = declare("dc", PORTALS_AND_SCANNERS.replace("device-field: .device\n", "device-field: device\n"));

        assertThat(loadFails()).startsWith(file + ":13: ").contains("'channels.mqtt[1].device-field' must be a field path");
        file = declare("dc", PORTALS_AND_SCANNERS.replace("      formats: [json]\n      device-pattern: \"TC52", "      formats: [csv]\n      device-pattern: \"TC52"));
        assertThat(loadFails()).startsWith(file + ":11: ").contains("'channels.mqtt[1].formats' lists unknown format 'csv'; known: json");
        file = declare("dc", PORTALS_AND_SCANNERS.substring(0, PORTALS_AND_SCANNERS.indexOf("    - topic")) + "    []\n");
        assertThat(loadFails()).startsWith(file + ":").contains("'channels.mqtt' is an empty list");
    }

    static Stream<Arguments> mqtt_mistakes() {
        return Stream.of(
                Arguments.of("    topic: telemetry/gateways/{device}/#", "    topic: telemetry/gateways/#", 6,
                        "'channels.mqtt.topic' 'telemetry/gateways/#' has no {device} level"),
                Arguments.of("    topic: telemetry/gateways/{device}/#", "    topic: $share/g/telemetry/{device}", 6,
                        "'channels.mqtt.topic' '$share/g/telemetry/{device}' starts with $"),
                Arguments.of("    topic: telemetry/gateways/{device}/#", "    topic: telemetry/#/{device}", 6,
                        "has # before its last level"),
                Arguments.of("    formats: [json]", "    formats: [x12]", 7,
                        "'channels.mqtt.formats' lists unknown format 'x12'; known: json"),
                Arguments.of("    device-pattern: \"GW-[0-9]{3}\"", "    device-pattern: \"GW-[0-9\"", 8,
                        "'channels.mqtt.device-pattern' is not a regular expression"),
                Arguments.of("    device-field: .meta.device", "    device-field: meta/device", 10,
                        "'channels.mqtt.device-field' must be a field path such as .device_id"),
                Arguments.of("    devices: [LEGACY-1]", "    devices: [\"a/b\"]", 9,
                        "'channels.mqtt.devices' entry 'a/b' is not a device id"));
    }

    @ParameterizedTest
    @MethodSource("mqtt_mistakes")
    void an_mqtt_channel_is_checked_strictly(String line, String wrong, int lineNumber, String message) throws IOException {
        Path file = declare("gateways", GATEWAYS.replace(line, wrong));

        assertThat(loadFails()).startsWith(file + ":" + lineNumber + ": ").contains(message);
    }

    @Test
    void an_mqtt_channel_needs_declared_devices() throws IOException {
        Path file = declare("gateways", GATEWAYS.replace("    device-pattern: \"GW-[0-9]{3}\"\n", "").replace("    devices: [LEGACY-1]\n", ""));

        assertThat(loadFails()).startsWith(file + ":5: ").contains("'channels.mqtt' needs 'devices'");
    }

    static Stream<Arguments> values_of_the_wrong_type() {
        return Stream.of(
                Arguments.of("id: acme-freight", "id: 42", 2, "'id' must be text, not the number 42; put it in quotes"),
                Arguments.of("name: ACME Freight", "name: 42", 3, "'name' must be text, not the number 42; put it in quotes"),
                Arguments.of("name: ACME Freight", "name: true", 3, "'name' must be text, not true; put it in quotes"),
                Arguments.of("name: ACME Freight", "name: [ACME, Freight]", 3, "'name' must be text, not a list"),
                Arguments.of("owner: integrations@acme-freight.example", "owner: {team: integrations}", 4,
                        "'owner' must be text, not a map"),
                Arguments.of("channels:\n  rest:\n    formats: [json]", "channels: rest", 5,
                        "'channels' must be a map of rest, drop, sftp, mqtt, poll, webhook, not the text 'rest'"),
                Arguments.of("channels:\n  rest:\n    formats: [json]", "channels: [rest]", 5,
                        "'channels' must be a map of rest, drop, sftp, mqtt, poll, webhook, not a list"),
                Arguments.of("  rest:\n    formats: [json]", "  rest: [json]", 6,
                        "'channels.rest' must be a map of formats, items, not a list"),
                Arguments.of("formats: [json]", "formats: json", 7,
                        "'channels.rest.formats' must be a list of formats, e.g. [json], not the text 'json'"),
                Arguments.of("formats: [json]", "formats: {json: true}", 7,
                        "'channels.rest.formats' must be a list of formats, e.g. [json], not a map"),
                Arguments.of("formats: [json]", "formats: [1]", 7,
                        "'channels.rest.formats[0]' must be text, not the number 1; put it in quotes"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("values_of_the_wrong_type")
    void a_value_of_the_wrong_type_is_one_line_in_words_naming_the_key_and_line(String line, String wrong, int lineNumber,
                                                                               String message) throws IOException {
        Path file = declare("acme-freight", declarationWith(line, wrong));

        assertThat(loadFails()).isEqualTo(file + ":" + lineNumber + ": " + message);
    }

    @Test
    void a_key_written_twice_names_the_line_of_the_second() throws IOException {
        Path file = declare("acme-freight", declarationWith("channels:", "owner: someone-else@acme-freight.example\nchannels:"));

        assertThat(loadFails()).isEqualTo(file + ":5: key 'owner' appears twice");
    }

    @Test
    void a_nested_key_written_twice_names_the_line_of_the_second() throws IOException {
        Path file = declare("acme-freight", ACME + "    formats: [json]\n");

        assertThat(loadFails()).isEqualTo(file + ":8: key 'formats' appears twice");
    }

    @Test
    void broken_yaml_is_one_line_at_the_exact_line_and_column() throws IOException {
        Path file = declare("acme-freight", declarationWith("name: ACME Freight", "name: ACME: Freight"));

        assertThat(loadFails()).isEqualTo(file + ":3:11: mapping values are not allowed here");
    }

    @Test
    void broken_yaml_names_where_the_unclosed_part_began() throws IOException {
        Path file = declare("acme-freight", declarationWith("owner: integrations@acme-freight.example",
                "owner: [integrations@acme-freight.example"));

        assertThat(loadFails()).startsWith(file + ":5:9: while parsing a flow sequence started at line 4, column 8:"
                + " expected ',' or ']'").doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"  rest:", "    formats: [json]"})
    void a_tab_indent_is_named_at_the_line_and_column_of_the_tab(String line) throws IOException {
        Path file = declare("acme-freight", declarationWith(line, "\t" + line.strip()));
        int lineNumber = ACME.lines().toList().indexOf(line) + 1;

        assertThat(loadFails()).isEqualTo(file + ":" + lineNumber + ":1: while scanning for the next token: found"
                + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void a_second_yaml_document_is_refused_rather_than_ignored() throws IOException {
        Path file = declare("acme-freight", ACME + "---\nid: acme-freight-2\n");

        assertThat(loadFails()).isEqualTo(file + ":9: a second YAML document ('---') is not allowed; the file is one document");
    }

    @Test
    void an_id_that_differs_from_its_folder_names_the_line() throws IOException {
        Path file = declare("acme", ACME);

        assertThat(loadFails()).isEqualTo(file + ":2: id 'acme-freight' must equal its folder name 'acme'");
    }

    @Test
    void an_upper_case_id_names_the_line() throws IOException {
        Path file = declare("ACME-freight", declarationWith("id: acme-freight", "id: ACME-freight"));

        assertThat(loadFails()).isEqualTo(file + ":2: id 'ACME-freight' must be lower-case letters, digits and dashes,"
                + " starting with a letter, 2 to 63 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "name", "owner"})
    void a_missing_required_key_is_named_with_what_belongs_there(String key) throws IOException {
        Path file = declare("acme-freight", ACME.lines().filter(line -> !line.startsWith(key + ":"))
                .reduce("", (text, line) -> text + line + "\n"));

        assertThat(loadFails()).startsWith(file + ": '" + key + "' is required: ");
    }

    @Test
    void a_missing_id_says_it_must_equal_the_folder_name() throws IOException {
        Path file = declare("acme-freight", declarationWith("id: acme-freight\n", ""));

        assertThat(loadFails()).isEqualTo(file + ": 'id' is required: the partner id, equal to its folder name 'acme-freight'");
    }

    @Test
    void missing_channels_are_named_with_an_example() throws IOException {
        Path file = declare("acme-freight", ACME.substring(0, ACME.indexOf("channels:")));

        assertThat(loadFails()).isEqualTo(file + ": 'channels' is required: the channels the partner may use,"
                + " e.g. 'rest: {formats: [json]}', or '{}' for none");
    }

    static Stream<Arguments> empty_values() {
        return Stream.of(
                Arguments.of("id: acme-freight", "id: ''", 2, "'id' is empty; give the partner id, equal to its folder name 'acme-freight'"),
                Arguments.of("name: ACME Freight", "name: ''", 3, "'name' is empty; give the partner's display name, e.g. 'ACME Freight'"),
                Arguments.of("name: ACME Freight", "name:", 3, "'name' is empty; give the partner's display name, e.g. 'ACME Freight'"),
                Arguments.of("owner: integrations@acme-freight.example", "owner: '  '", 4,
                        "'owner' is empty; give who to contact about this integration, e.g. an e-mail address"),
                Arguments.of("channels:\n  rest:\n    formats: [json]", "channels:", 5,
                        "'channels' is required: the channels the partner may use, e.g. 'rest: {formats: [json]}', or '{}' for none"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("empty_values")
    void a_required_key_without_a_value_names_its_line(String line, String empty, int lineNumber, String message)
            throws IOException {
        Path file = declare("acme-freight", declarationWith(line, empty));

        assertThat(loadFails()).isEqualTo(file + ":" + lineNumber + ": " + message);
    }

    @Test
    void an_unknown_format_is_named_with_the_formats_the_hub_reads() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats: [jsn]"));

        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.rest.formats' lists unknown format 'jsn'; known: edifact, json, x12");
    }

    @Test
    void an_unknown_format_on_its_own_line_names_that_line() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats:\n      - json\n      - JSON"));

        assertThat(loadFails()).isEqualTo(file + ":9: 'channels.rest.formats' lists unknown format 'JSON'; known: edifact, json, x12");
    }

    @Test
    void a_format_listed_twice_is_refused() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats: [json, json]"));

        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.rest.formats' lists 'json' twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "null", "~"})
    void an_empty_format_entry_is_refused(String entry) throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats: [json, " + entry + "]"));

        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.rest.formats' has an empty entry; known formats: edifact, json, x12");
    }

    @Test
    void a_rest_channel_without_formats_is_refused() throws IOException {
        Path file = declare("acme-freight", declarationWith("  rest:\n    formats: [json]", "  rest: {}"));

        assertThat(loadFails()).isEqualTo(file + ":6: 'channels.rest.formats' is required: the wire formats the partner"
                + " may send this way; known: edifact, json, x12");
    }

    @Test
    void a_formats_key_without_a_value_names_its_line() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats:"));

        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.rest.formats' is required: the wire formats the partner"
                + " may send this way; known: edifact, json, x12");
    }

    @Test
    void a_rest_channel_with_an_empty_list_of_formats_is_refused() throws IOException {
        Path file = declare("acme-freight", declarationWith("formats: [json]", "formats: []"));

        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.rest.formats' is empty; list the wire formats the partner"
                + " may send this way (known: edifact, json, x12), or leave 'rest' out to close the channel");
    }

    @Test
    void a_rest_key_without_a_value_is_refused_rather_than_closing_the_channel() throws IOException {
        Path file = declare("acme-freight", declarationWith("  rest:\n    formats: [json]", "  rest:"));

        assertThat(loadFails()).isEqualTo(file + ":6: 'channels.rest' is empty; give its settings, e.g."
                + " 'rest: {formats: [json]}', or leave 'rest' out to close the channel");
    }

    @Test
    void an_empty_declaration_is_refused() throws IOException {
        Path file = declare("acme-freight", "# nothing yet\n");

        assertThat(loadFails()).isEqualTo(file + ": the declaration is empty; it needs id, name, owner, channels, edi");
    }

    @Test
    void a_declaration_that_is_a_list_is_refused() throws IOException {
        Path file = declare("acme-freight", "- id: acme-freight\n");

        assertThat(loadFails()).isEqualTo(file + ": a partner declaration is a map of keys (id, name, owner, channels, edi),"
                + " not a list");
    }

    @Test
    void reading_a_declaration_that_does_not_exist_names_it() {
        Path file = mappings.resolve("acme-freight").resolve(PartnerRegistry.DECLARATION_FILE);

        assertThatThrownBy(() -> PartnerRegistry.read(file))
                .isInstanceOf(InvalidDeclarationException.class)
                .hasMessage(file + ": does not exist");
    }

    @Test
    void secret_variable_name_is_the_upper_cased_id_with_underscores() {
        PartnerDeclaration blue = new PartnerDeclaration("blue-ocean-lines", "Blue Ocean Lines", "edi-team",
                new PartnerDeclaration.Channels(new PartnerDeclaration.Rest(List.of("json")), null, null, null), null);

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
                .hasMessage(missing + ": mappings directory does not exist");
    }

    /** The ACME declaration with one line replaced; fails if the line is not there, so a test cannot pass by accident. */
    /** An EDI partner on all three channels; the tests below refer to its line numbers. */
    private static final String EDI_PARTNER = """
            id: acme-freight
            name: ACME Freight
            owner: edi@acme-freight.example
            channels:
              rest: {formats: [json, x12]}
              drop: {formats: [x12, edifact]}
              sftp:
                host: sftp.acme-freight.example
                user: waybill
                path: /outbound
                formats: [x12]
                poll-seconds: 30
            edi:
              senders: [ZZ:ACMEFRT, "14:5412345000013", ACMEFREIGHTEU]
              envelope-errors: accept-and-report
              x12-ack: "999"
            """;

    @Test
    void an_edi_partner_declares_its_channels_senders_and_envelope_policy() throws IOException {
        PartnerDeclaration acme = PartnerRegistry.read(declare("acme-freight", EDI_PARTNER));

        assertThat(acme.channels().formats()).containsExactly("edifact", "json", "x12");
        assertThat(acme.channels().sftp().pollSeconds()).isEqualTo(30);
        assertThat(acme.channels().sftp().port()).isNull();
        assertThat(acme.sendsEdi()).isTrue();
        assertThat(acme.edi().senders()).containsExactly("ZZ:ACMEFRT", "14:5412345000013", "ACMEFREIGHTEU");
        assertThat(acme.edi().rejectsEnvelopeErrors()).isFalse();
        assertThat(acme.edi().x12AckOrDefault()).isEqualTo("999");
    }

    @Test
    void edi_defaults_reject_envelope_errors_and_answer_with_a_997() throws IOException {
        PartnerDeclaration acme = PartnerRegistry.read(declare("acme-freight", EDI_PARTNER
                .replace("  envelope-errors: accept-and-report\n", "").replace("  x12-ack: \"999\"\n", "")));

        assertThat(acme.edi().rejectsEnvelopeErrors()).isTrue();
        assertThat(acme.edi().x12AckOrDefault()).isEqualTo("997");
    }

    @Test
    void a_partner_sending_edi_must_name_its_senders() throws IOException {
        Path file = declare("acme-freight", EDI_PARTNER.substring(0, EDI_PARTNER.indexOf("edi:")));

        assertThat(loadFails()).isEqualTo(file + ":4: 'edi' is required for a partner sending x12 or edifact: at least"
                + " 'edi: {senders: [ZZ:SENDERID]}', the interchange senders it may use");
    }

    @Test
    void an_edi_block_on_a_json_only_partner_is_refused() throws IOException {
        Path file = declare("acme-freight", ACME + "edi: {senders: [ZZ:ACMEFRT]}\n");

        assertThat(loadFails()).isEqualTo(file + ":8: 'edi' applies only to a partner whose channels carry x12 or edifact");
    }

    @Test
    void edi_and_file_channel_mistakes_each_name_their_line() throws IOException {
        Path file = declare("acme-freight", EDI_PARTNER.replace("ZZ:ACMEFRT", "ZZ:ACME FRT"));
        assertThat(loadFails()).isEqualTo(file + ":14: 'edi.senders' entry 'ZZ:ACME FRT' must be QUALIFIER:ID,"
                + " e.g. ZZ:ACMEFRT or 14:5412345000013 (an EDIFACT sender whose UNB gives no qualifier: the ID alone)");

        declare("acme-freight", EDI_PARTNER.replace("accept-and-report", "report"));
        assertThat(loadFails()).isEqualTo(file + ":15: 'edi.envelope-errors' must be reject or accept-and-report, was 'report'");

        declare("acme-freight", EDI_PARTNER.replace("\"999\"", "\"998\""));
        assertThat(loadFails()).isEqualTo(file + ":16: 'edi.x12-ack' must be \"997\" or \"999\", was '998'");

        declare("acme-freight", EDI_PARTNER.replace("drop: {formats: [x12, edifact]}", "drop: {formats: [x12, json]}"));
        assertThat(loadFails()).isEqualTo(file + ":6: 'channels.drop.formats' lists unknown format 'json'; known: comma-lines, csv, edifact, x12");

        declare("acme-freight", EDI_PARTNER.replace("    user: waybill\n", ""));
        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.sftp.user' is required: the login on the partner's SFTP server");

        declare("acme-freight", EDI_PARTNER.replace("poll-seconds: 30", "poll-seconds: 0"));
        assertThat(loadFails()).isEqualTo(file + ":12: 'channels.sftp.poll-seconds' must be 1 or more, was 0");

        declare("acme-freight", EDI_PARTNER.replace("poll-seconds: 30", "poll-secs: 30"));
        assertThat(loadFails()).isEqualTo(file + ":12: unknown key 'poll-secs'; allowed here: formats, host, path, poll-seconds, port, user");
    }

    @Test
    void a_format_a_document_reader_on_the_class_path_reads_may_be_declared_for_files_but_not_for_rest() throws IOException {
        Path file = declare("acme-freight", EDI_PARTNER.replace("drop: {formats: [x12, edifact]}", "drop: {formats: [comma-lines]}")
                .replace("formats: [x12]\n", "formats: [x12, comma-lines]\n"));

        PartnerDeclaration acme = PartnerRegistry.read(file);
        assertThat(acme.channels().drop().formats()).containsExactly("comma-lines");
        assertThat(acme.channels().sftp().formats()).containsExactly("x12", "comma-lines");
        assertThat(PartnerDeclaration.fileFormats()).containsExactlyInAnyOrder("comma-lines", "csv", "edifact", "x12");

        declare("acme-freight", EDI_PARTNER.replace("rest: {formats: [json, x12]}", "rest: {formats: [comma-lines]}"));
        assertThat(loadFails()).isEqualTo(file + ":5: 'channels.rest.formats' lists unknown format 'comma-lines'; known: edifact, json, x12");
    }

    private static String declarationWith(String line, String replacement) {
        assertThat(ACME).contains(line);
        return ACME.replace(line, replacement);
    }

    private Path declare(String folder, String yaml) throws IOException {
        Path dir = Files.createDirectories(mappings.resolve(folder));
        return Files.writeString(dir.resolve(PartnerRegistry.DECLARATION_FILE), yaml);
    }

    /** The message of loading the mappings directory, which must fail. */
    private String loadFails() {
        InvalidDeclarationException error = catchThrowableOfType(InvalidDeclarationException.class,
                () -> PartnerRegistry.load(mappings));
        assertThat(error).as("loading %s should fail", mappings).isNotNull();
        return error.getMessage();
    }

    @Test
    void a_polled_carrier_and_a_webhook_are_declared_as_channels() throws IOException {
        declare("ocean-carrier", """
                id: ocean-carrier
                name: Ocean Carrier
                owner: ops@ocean.example
                channels:
                  poll:
                    base-url: https://api.ocean.example
                    path: /v2/events
                    poll-seconds: 30
                    auth: {type: oauth2, token-url: https://auth.ocean.example/token, client-id: waybill}
                    pagination: {type: next-link, header: Next-Page}
                    cursor: {type: changed-since, param: "eventUpdatedDateTime:gte", initial: "2026-01-01T00:00:00Z"}
                    resilience: {timeout-ms: 2000, open-seconds: 5}
                  webhook:
                    formats: [json]
                    signature: {header: Notification-Signature, prefix: "sha256="}
                """);

        PartnerDeclaration partner = PartnerRegistry.load(mappings).find("ocean-carrier").orElseThrow();
        assertThat(partner.channels().poll().auth().type()).isEqualTo("oauth2");
        assertThat(partner.channels().poll().resilienceOrDefault().openSecondsOrDefault()).isEqualTo(5);
        assertThat(partner.channels().poll().resilienceOrDefault().maxAttemptsOrDefault()).isEqualTo(3);
        assertThat(partner.channels().webhook().signature().algorithmOrDefault()).isEqualTo("hmac-sha256");
    }

    @Test
    void a_poll_without_a_cursor_or_with_an_unknown_pagination_is_refused_naming_the_key() throws IOException {
        Path file = declare("ocean-carrier", """
                id: ocean-carrier
                name: Ocean Carrier
                owner: ops@ocean.example
                channels:
                  poll: {base-url: https://api.ocean.example, path: /events}
                """);
        assertThat(loadFails()).startsWith(file + ":5: 'channels.poll.cursor' is required");

        declare("ocean-carrier", """
                id: ocean-carrier
                name: Ocean Carrier
                owner: ops@ocean.example
                channels:
                  poll:
                    base-url: https://api.ocean.example
                    path: /events
                    pagination: {type: link-header}
                    cursor: {type: last-event-id, param: after, pointer: /eventID}
                """);
        assertThat(loadFails()).isEqualTo(file + ":8: 'channels.poll.pagination.type' must be one of cursor-token, next-link, page-number, was 'link-header'");
    }

    @Test
    void a_webhook_signing_the_timestamp_needs_its_header() throws IOException {
        Path file = declare("ocean-carrier", """
                id: ocean-carrier
                name: Ocean Carrier
                owner: ops@ocean.example
                channels:
                  webhook:
                    formats: [json]
                    signature: {header: X-Signature, signs: timestamp+body}
                """);
        assertThat(loadFails()).isEqualTo(file + ":7: 'channels.webhook.signature.timestamp-header' is required when the timestamp is signed");
    }
}
