package io.waybill.hub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerSecretsTest {

    @TempDir
    Path dir;

    @Test
    void reads_the_secret_from_the_partners_environment_variable() {
        PartnerSecrets secrets = new PartnerSecrets(Map.of("WAYBILL_SECRET_BLUE_OCEAN_LINES", "s3cret"));

        assertThat(secrets.apply("blue-ocean-lines")).contains("s3cret");
        assertThat(secrets.apply("acme-freight")).isEmpty();
    }

    @Test
    void reads_the_secret_from_the_file_named_by_the_file_variable_trimmed() throws Exception {
        Path mounted = Files.writeString(dir.resolve("acme-secret"), "  s3cret\n");
        PartnerSecrets secrets = new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT_FILE", mounted.toString()));

        assertThat(secrets.apply("acme-freight")).contains("s3cret");
    }

    @Test
    void a_secret_file_is_read_once_so_a_push_never_depends_on_it() throws Exception {
        Path mounted = Files.writeString(dir.resolve("acme-secret"), "s3cret");
        PartnerSecrets secrets = new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT_FILE", mounted.toString()));
        assertThat(secrets.apply("acme-freight")).contains("s3cret");

        Files.delete(mounted);

        assertThat(secrets.apply("acme-freight")).contains("s3cret");
    }

    @Test
    void the_variable_wins_over_the_file() throws Exception {
        Path mounted = Files.writeString(dir.resolve("acme-secret"), "from-file");
        PartnerSecrets secrets = new PartnerSecrets(Map.of(
                "WAYBILL_SECRET_ACME_FREIGHT", "from-variable",
                "WAYBILL_SECRET_ACME_FREIGHT_FILE", mounted.toString()));

        assertThat(secrets.apply("acme-freight")).contains("from-variable");
    }

    @Test
    void a_blank_variable_falls_back_to_the_file() throws Exception {
        Path mounted = Files.writeString(dir.resolve("acme-secret"), "from-file");
        PartnerSecrets secrets = new PartnerSecrets(Map.of(
                "WAYBILL_SECRET_ACME_FREIGHT", " ",
                "WAYBILL_SECRET_ACME_FREIGHT_FILE", mounted.toString()));

        assertThat(secrets.apply("acme-freight")).contains("from-file");
    }

    @Test
    void a_blank_variable_or_blank_file_means_no_secret() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");

        assertThat(new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT", "  ")).apply("acme-freight")).isEmpty();
        assertThat(new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT_FILE", " ")).apply("acme-freight")).isEmpty();
        assertThat(new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT_FILE", empty.toString())).apply("acme-freight"))
                .isEmpty();
    }

    @Test
    void an_unreadable_secret_file_stops_start_up_naming_the_variable_and_file() {
        Path missing = dir.resolve("no-such-secret");
        PartnerSecrets secrets = new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT_FILE", missing.toString()));

        assertThatThrownBy(() -> secrets.apply("acme-freight"))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("WAYBILL_SECRET_ACME_FREIGHT_FILE names " + missing + ", which cannot be read");
    }

    @Test
    void a_secret_mounted_after_its_partner_was_onboarded_is_found_and_a_rotated_one_once_forgotten() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("secrets"));
        PartnerSecrets secrets = new PartnerSecrets(Map.of(), folder);
        assertThat(secrets.apply("cold-chain-co")).isEmpty();

        Path mounted = Files.writeString(folder.resolve("WAYBILL_SECRET_COLD_CHAIN_CO"), "mounted-later\n");
        assertThat(secrets.apply("cold-chain-co")).contains("mounted-later");

        Files.writeString(mounted, "rotated");
        assertThat(secrets.apply("cold-chain-co")).as("kept until the partner is reloaded").contains("mounted-later");
        secrets.forget("cold-chain-co");
        assertThat(secrets.apply("cold-chain-co")).contains("rotated");
    }

    @Test
    void the_environment_wins_over_the_secrets_folder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(folder.resolve("WAYBILL_SECRET_ACME_FREIGHT"), "from-folder");

        assertThat(new PartnerSecrets(Map.of("WAYBILL_SECRET_ACME_FREIGHT", "from-variable"), folder).apply("acme-freight"))
                .contains("from-variable");
    }
}
