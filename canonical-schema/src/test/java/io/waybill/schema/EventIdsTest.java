package io.waybill.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventIdsTest {

    private static final UUID RFC_URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    private static final UUID RFC_DNS_NAMESPACE = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    @Test
    void id_of_a_fixed_message_never_changes() {
        // Pinned: a change here re-keys every event ever published. Cross-checked with Python's uuid.uuid5.
        assertThat(EventIds.deterministic("acme-freight", "MSG-000123", 0))
                .isEqualTo("90f68ff8-41d4-5bc7-99b7-cd7715c38f0c");
        assertThat(EventIds.deterministic("acme-freight", "MSG-000123", 1))
                .isEqualTo("bb5e052e-f303-5565-ba01-44c8ba98a485");
    }

    @Test
    void same_inputs_give_the_same_id() {
        assertThat(EventIds.deterministic("acme-freight", "ISA-000000912/ST-0001", 4))
                .isEqualTo(EventIds.deterministic("acme-freight", "ISA-000000912/ST-0001", 4));
    }

    @Test
    void any_differing_input_gives_a_different_id() {
        String id = EventIds.deterministic("acme-freight", "MSG-000123", 0);

        assertThat(EventIds.deterministic("acme-freight", "MSG-000123", 1)).isNotEqualTo(id);
        assertThat(EventIds.deterministic("acme-freight", "MSG-000124", 0)).isNotEqualTo(id);
        assertThat(EventIds.deterministic("globex", "MSG-000123", 0)).isNotEqualTo(id);
    }

    @Test
    void moving_text_between_partner_and_identity_gives_a_different_id() {
        assertThat(EventIds.deterministic("acme", "freight\nMSG-1", 0))
                .isNotEqualTo(EventIds.deterministic("acme-freight", "MSG-1", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> EventIds.deterministic("acme\nfreight", "MSG-1", 0))
                .withMessageContaining("partner");
    }

    @Test
    void id_is_an_rfc_9562_version_5_uuid() {
        UUID id = UUID.fromString(EventIds.deterministic("acme-freight", "MSG-000123", 0));

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void name_based_uuid_matches_the_rfc_9562_example() {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        assertThat(EventIds.nameBased(RFC_DNS_NAMESPACE, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }

    @Test
    void namespace_is_the_documented_url_name() {
        assertThat(EventIds.nameBased(RFC_URL_NAMESPACE, "https://schemas.waybill.io/event-id"))
                .isEqualTo(EventIds.NAMESPACE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void blank_partner_is_refused_by_name(String partner) {
        assertThatIllegalArgumentException().isThrownBy(() -> EventIds.deterministic(partner, "MSG-1", 0))
                .withMessageStartingWith("partner");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "\t"})
    void blank_identity_is_refused_by_name(String identity) {
        assertThatIllegalArgumentException().isThrownBy(() -> EventIds.deterministic("acme-freight", identity, 0))
                .withMessageStartingWith("identity");
    }

    @Test
    void negative_position_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventIds.deterministic("acme-freight", "MSG-1", -1))
                .withMessageStartingWith("position");
    }
}
