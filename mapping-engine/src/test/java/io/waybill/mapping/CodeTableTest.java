package io.waybill.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CodeTableTest {

    @TempDir
    Path dir;

    @Test
    void looks_codes_up_after_trimming_them() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv(PartnerFolder.STATUS_CODES));

        assertThat(table.lookup(" DL ")).contains("DELIVERED");
        assertThat(table.codes()).containsExactly("PU", "DL");
    }

    @Test
    void without_a_default_an_unknown_code_has_no_value() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv(PartnerFolder.STATUS_CODES));

        assertThat(table.lookup("ZZ")).isEmpty();
        assertThat(table.defaultValue()).isEmpty();
    }

    @Test
    void with_a_default_an_unknown_code_takes_it_and_a_listed_code_keeps_its_value() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv(PartnerFolder.STATUS_CODES), "EXCEPTION");

        assertThat(table.lookup("ZZ")).contains("EXCEPTION");
        assertThat(table.lookup("")).contains("EXCEPTION");
        assertThat(table.lookup("DL")).contains("DELIVERED");
        assertThat(table.codes()).containsExactly("PU", "DL");
    }

    @Test
    void a_blank_default_is_refused() throws IOException {
        Path csv = csv(PartnerFolder.STATUS_CODES);

        assertThatThrownBy(() -> CodeTable.load("acme-freight.status", "status", csv, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be blank");
    }

    @Test
    void columns_after_the_value_are_for_people_and_may_hold_commas() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv("""
                code,value,description,source
                EX,EXCEPTION,Exception: damaged, refused or lost,API docs 4.2
                """));

        assertThat(table.lookup("EX")).contains("EXCEPTION");
    }

    @Test
    void comments_and_blank_lines_may_stand_anywhere() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv("""
                # ACME codes, before the header.

                code,value
                # Pickup.
                PU,PICKED_UP

                DL,DELIVERED
                """));

        assertThat(table.codes()).containsExactly("PU", "DL");
    }

    @Test
    void a_spreadsheet_byte_order_mark_before_the_header_is_ignored() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv("\uFEFFcode,value\nDL,DELIVERED\n"));

        assertThat(table.lookup("DL")).contains("DELIVERED");
    }

    @Test
    void a_table_with_only_a_header_is_empty() throws IOException {
        CodeTable table = CodeTable.load("acme-freight.status", "status", csv("code,value\n"), "EXCEPTION");

        assertThat(table.codes()).isEmpty();
        assertThat(table.lookup("DL")).contains("EXCEPTION");
    }

    @Test
    void a_file_without_a_header_is_refused() throws IOException {
        Path csv = csv("# nothing yet\n\n");

        MappingException error = catchThrowableOfType(MappingException.class,
                () -> CodeTable.load("acme-freight.status", "status", csv));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo("tables.status");
        assertThat(error.getMessage()).contains(csv + ": the table is empty; its first line must be the header 'code,value'");
    }

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("codes.csv"), content);
    }
}
