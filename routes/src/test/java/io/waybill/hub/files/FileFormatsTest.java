package io.waybill.hub.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FileFormatsTest {

    private static final String X12 = "ISA*00*          *00*          *ZZ*ACMEFRT        *ZZ*WAYBILL        *261127*1000*U*00401*000000001*0*P*>~";

    @ParameterizedTest
    @ValueSource(strings = {X12, "\n\r\n  " + X12, "\uFEFF" + X12})
    void an_x12_interchange_is_told_by_its_isa_even_after_a_byte_order_mark_or_blank_lines(String content) {
        assertThat(FileFormats.sniff(bytes(content))).contains("x12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNA:+.? 'UNB+UNOC:3+SENDER+RECEIVER+261127:1000+1'", "UNB+UNOA:2+SENDER+RECEIVER+961127:1000+1'"})
    void an_edifact_interchange_is_told_by_its_una_or_unb(String content) {
        assertThat(FileFormats.sniff(bytes(content))).contains("edifact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IS", "isa*00", "{\"ISA\": 1}", "UNH+1+IFTSTA:D:00B:UN'"})
    void anything_else_is_no_edi(String content) {
        assertThat(FileFormats.sniff(bytes(content))).isEmpty();
    }

    @Test
    void an_edi_interchange_of_a_format_the_partner_did_not_declare_is_refused_saying_so() {
        FileRefusal refusal = refused(X12, file("status.edi"), List.of("edifact"));

        assertThat(refusal.stage()).isEqualTo("parse");
        assertThat(refusal.deadLettered()).isTrue();
        assertThat(refusal.reason()).isEqualTo("the file is an X12 interchange (it starts with ISA), but partner 'acme-freight'"
                + " declares [edifact] for its drop channel");
    }

    @Test
    void content_that_is_no_edi_for_a_partner_declaring_only_edi_is_refused_showing_how_it_starts() {
        byte[] noise = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

        FileRefusal refusal = catchThrowableOfType(FileRefusal.class,
                () -> FileFormats.choose(noise, file("scan.png"), List.of("x12", "edifact")));

        assertThat(refusal.reason()).isEqualTo("the file is neither an X12 interchange (starting ISA) nor an EDIFACT one"
                + " (starting UNA or UNB), and partner 'acme-freight' declares [x12, edifact] for its drop channel;"
                + " it starts \"\\x89PNG\\x0D\\x0A\\x1A\\x0A\"");
    }

    @Test
    void a_partner_s_one_declared_non_edi_format_is_taken_whatever_the_name() {
        assertThat(FileFormats.choose(bytes("a|b"), file("whatever.txt"), List.of("x12", "test-lines"))).isEqualTo("test-lines");
    }

    @Test
    void edi_content_is_read_as_edi_even_when_the_partner_also_declares_another_format_and_the_name_says_otherwise() {
        assertThat(FileFormats.choose(bytes(X12), file("status.test-lines"), List.of("x12", "test-lines"))).isEqualTo("x12");
    }

    @Test
    void of_several_declared_non_edi_formats_the_one_the_name_ends_in_is_taken() {
        assertThat(FileFormats.choose(bytes("a,b"), file("batch.TEST-CELLS"), List.of("test-lines", "test-cells")))
                .isEqualTo("test-cells");
    }

    @Test
    void of_several_declared_non_edi_formats_a_name_ending_in_none_is_refused_saying_how_to_name_it() {
        assertThat(refused("a,b", file("batch.txt"), List.of("test-lines", "test-cells")).reason())
                .isEqualTo("cannot tell the file's format: partner 'acme-freight' declares [test-lines, test-cells] for its drop"
                        + " channel, and its name ends in none of them; name it <name>.<format>, e.g. batch.txt.test-lines");
    }

    private static FileRefusal refused(String content, ReceivedFile file, List<String> declared) {
        return catchThrowableOfType(FileRefusal.class, () -> FileFormats.choose(bytes(content), file, declared));
    }

    private static ReceivedFile file(String name) {
        return new ReceivedFile("id", "acme-freight", ReceivedFile.CHANNEL_FILE, name, "acme-freight", Path.of(name), 10,
                Instant.parse("2026-11-27T10:00:00Z"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
