package io.waybill.hub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSettingsTest {

    private static final Properties NO_SYSTEM_PROPERTIES = new Properties();

    @Test
    void every_setting_has_its_default_when_nothing_is_set() {
        HubSettings settings = HubSettings.resolve(Map.of(), NO_SYSTEM_PROPERTIES);

        assertThat(settings.get(HubSettings.DATA_DIR)).isEqualTo("./data");
        assertThat(settings.get(HubSettings.MAPPINGS_DIR)).isEqualTo("./mappings");
        assertThat(settings.get(HubSettings.HTTP_HOST)).isEqualTo("0.0.0.0");
        assertThat(settings.get(HubSettings.HTTP_PORT)).isEqualTo(8080);
        assertThat(settings.get(HubSettings.KAFKA_PORT)).isEqualTo(9092);
        assertThat(settings.get(HubSettings.PUSH_MAX_BODY_BYTES)).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.get(HubSettings.PUSH_MAX_ITEMS)).isEqualTo(10_000);
        assertThat(settings.get(HubSettings.PUSH_TOLERANCE_SECONDS)).isEqualTo(300);
        for (Setting<?> setting : HubSettings.ALL) {
            assertThat(String.valueOf(settings.get(setting))).as(setting.name()).isEqualTo(setting.defaultText());
        }
    }

    @Test
    void an_environment_variable_overrides_the_default() {
        HubSettings settings = HubSettings.resolve(
                Map.of("WAYBILL_HTTP_PORT", "9090", "WAYBILL_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"),
                NO_SYSTEM_PROPERTIES);

        assertThat(settings.get(HubSettings.HTTP_PORT)).isEqualTo(9090);
        assertThat(settings.get(HubSettings.KAFKA_BOOTSTRAP)).isEqualTo("kafka-1:9092,kafka-2:9092");
    }

    @Test
    void a_system_property_overrides_the_environment_variable() {
        HubSettings settings = HubSettings.resolve(Map.of("WAYBILL_HTTP_PORT", "9090"),
                properties("waybill.http.port", "9191"));

        assertThat(settings.get(HubSettings.HTTP_PORT)).isEqualTo(9191);
    }

    @Test
    void surrounding_whitespace_is_ignored() {
        HubSettings settings = HubSettings.resolve(Map.of("WAYBILL_HTTP_PORT", " 9090\n"), NO_SYSTEM_PROPERTIES);

        assertThat(settings.get(HubSettings.HTTP_PORT)).isEqualTo(9090);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "70000", "-1"})
    void a_port_out_of_range_from_the_environment_is_refused_naming_setting_variable_value_and_origin(String port) {
        assertThatThrownBy(() -> HubSettings.resolve(Map.of("WAYBILL_HTTP_PORT", port), NO_SYSTEM_PROPERTIES))
                .isInstanceOf(StartupException.class)
                .hasMessage("setting waybill.http.port (env WAYBILL_HTTP_PORT) has invalid value '" + port
                        + "' from environment variable WAYBILL_HTTP_PORT: must be a TCP port, 1 to 65535");
    }

    @Test
    void a_port_that_is_not_a_number_from_a_system_property_is_refused_naming_setting_variable_value_and_origin() {
        assertThatThrownBy(() -> HubSettings.resolve(Map.of(), properties("waybill.http.port", "abc")))
                .isInstanceOf(StartupException.class)
                .hasMessage("setting waybill.http.port (env WAYBILL_HTTP_PORT) has invalid value 'abc' "
                        + "from -Dwaybill.http.port: must be a TCP port, 1 to 65535");
    }

    @Test
    void a_count_too_large_for_its_type_is_refused_with_the_rule() {
        assertThatThrownBy(() -> HubSettings.resolve(Map.of("WAYBILL_PUSH_MAX_ITEMS", "99999999999"), NO_SYSTEM_PROPERTIES))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("waybill.push.max-items")
                .hasMessageContaining("'99999999999'")
                .hasMessageEndingWith("must be a whole number above 0");
    }

    @Test
    void a_blank_value_for_a_required_setting_is_refused() {
        assertThatThrownBy(() -> HubSettings.resolve(Map.of("WAYBILL_MAPPINGS_DIR", "  "), NO_SYSTEM_PROPERTIES))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("setting waybill.mappings-dir (env WAYBILL_MAPPINGS_DIR)")
                .hasMessageEndingWith("must not be blank");
    }

    @Test
    void an_empty_kafka_bootstrap_stays_empty_meaning_embedded() {
        HubSettings unset = HubSettings.resolve(Map.of(), NO_SYSTEM_PROPERTIES);
        HubSettings setEmpty = HubSettings.resolve(Map.of("WAYBILL_KAFKA_BOOTSTRAP_SERVERS", ""), NO_SYSTEM_PROPERTIES);

        assertThat(unset.get(HubSettings.KAFKA_BOOTSTRAP)).isEmpty();
        assertThat(setEmpty.get(HubSettings.KAFKA_BOOTSTRAP)).isEmpty();
        assertThat(unset.get(HubSettings.ARTEMIS_URL)).isEmpty();
    }

    @Test
    void environment_variable_names_are_derived_from_setting_names() {
        assertThat(HubSettings.KAFKA_BOOTSTRAP.envName()).isEqualTo("WAYBILL_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(HubSettings.PUSH_TOLERANCE_SECONDS.envName()).isEqualTo("WAYBILL_PUSH_SIGNATURE_TOLERANCE_SECONDS");
        assertThat(HubSettings.ALL).extracting(Setting::envName).doesNotHaveDuplicates();
    }

    @Test
    void resolved_values_are_available_as_camel_placeholders() {
        Properties properties = HubSettings.resolve(Map.of("WAYBILL_HTTP_PORT", "9090"), NO_SYSTEM_PROPERTIES).asProperties();

        assertThat(properties.getProperty("waybill.http.port")).isEqualTo("9090");
        assertThat(properties.getProperty("waybill.kafka.bootstrap-servers")).isEmpty();
        assertThat(properties.stringPropertyNames()).hasSize(HubSettings.ALL.size());
    }

    @Test
    void the_settings_table_has_one_row_per_setting_with_its_variable_and_default() {
        String table = HubSettings.markdownTable();

        assertThat(table.lines()).hasSize(HubSettings.ALL.size() + 2);
        assertThat(table).contains("| `waybill.http.port` | `WAYBILL_HTTP_PORT` | `8080` | ");
        assertThat(table).contains("| `waybill.kafka.bootstrap-servers` | `WAYBILL_KAFKA_BOOTSTRAP_SERVERS` | (empty) | ");
    }

    private static Properties properties(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }
}
