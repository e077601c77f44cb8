package io.waybill.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyLoaderTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void loads_every_policy_of_the_repository() {
        assertThat(Events.policies()).extracting(Policy::id)
                .containsExactly("delay-risk", "dwell", "eta-drift", "silence", "temperature-excursion");
        Policy temperature = Events.policies().stream().filter(p -> p.id().equals("temperature-excursion")).findFirst().orElseThrow();
        assertThat(temperature.parameter("window-minutes")).isEqualTo(60.0);
        assertThat(temperature.clear()).isLessThan(temperature.raise());
        assertThat(temperature.levelOf(temperature.tierOf(31))).isEqualTo("MAJOR");
    }

    @Test
    void refuses_a_misspelt_key_naming_it() {
        assertThatThrownBy(() -> parse("id: x\nversion: 1\nscore: dwell\nraise: 10\nclear: 5\nseverity: [{level: W, at: 10}]\nrasie: 3\n"))
                .hasMessageContaining("test.policy.yaml: unknown key 'rasie'");
    }

    @Test
    void refuses_a_clear_level_not_below_the_raise_level() {
        assertThatThrownBy(() -> parse("id: x\nversion: 1\nscore: dwell\nraise: 10\nclear: 10\nseverity: [{level: W, at: 10}]\n"))
                .hasMessageContaining("clear (10.0) must be below raise (10.0)");
    }

    @Test
    void refuses_a_parameter_the_score_does_not_have() {
        assertThatThrownBy(() -> parse("id: x\nversion: 1\nscore: temperature-excursion\nparameters: {window: 5}\nraise: 10\nclear: 5\n"
                + "severity: [{level: W, at: 10}]\n"))
                .hasMessageContaining("score temperature-excursion has no parameter 'window'");
    }

    private static Policy parse(String yaml) throws Exception {
        return PolicyLoader.parse(YAML.readTree(yaml), "test.policy.yaml");
    }
}
