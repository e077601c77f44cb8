package io.waybill.adapter.edi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LenientUtf8InputStreamTest {

    @Test
    void well_formed_utf8_passes_unchanged() throws IOException {
        String text = "São Paulo → Köln 東京 \uD83D\uDE9A";

        assertThat(decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void latin1_bytes_become_their_characters() throws IOException {
        assertThat(decode("Zollabfertigung in Köln, Éire".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("Zollabfertigung in Köln, Éire");
    }

    @Test
    void windows_1252_punctuation_becomes_its_characters() throws IOException {
        byte[] bytes = {'D', 'r', 'i', 'v', 'e', 'r', (byte) 0x92, 's', ' ', (byte) 0x80, '5', ' ', (byte) 0x96, ' ', (byte) 0x81};

        assertThat(decode(bytes)).isEqualTo("Driver’s €5 – \u0081");
    }

    @Test
    void utf8_and_latin1_mixed_in_one_file_both_come_out_right() throws IOException {
        byte[] utf8 = "Köln".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = " Köln".getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[utf8.length + latin1.length];
        System.arraycopy(utf8, 0, both, 0, utf8.length);
        System.arraycopy(latin1, 0, both, utf8.length, latin1.length);

        assertThat(decode(both)).isEqualTo("Köln Köln");
    }

    @Test
    void a_truncated_sequence_at_the_end_is_read_as_single_bytes() throws IOException {
        assertThat(decode(new byte[] {'A', (byte) 0xE2, (byte) 0x82})).isEqualTo("Aâ‚");
    }

    @Test
    void a_byte_order_mark_at_the_start_is_dropped() throws IOException {
        assertThat(decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'I', 'S', 'A'})).isEqualTo("ISA");
    }

    @Test
    void reset_serves_again_what_was_read_since_mark() throws IOException {
        InputStream in = new LenientUtf8InputStream(new ByteArrayInputStream("IEA*1*905~\n\nISA".getBytes(StandardCharsets.US_ASCII)));
        byte[] head = new byte[10];
        assertThat(in.read(head)).isEqualTo(10);

        in.mark(200);
        assertThat(in.readNBytes(3)).isEqualTo("\n\nI".getBytes(StandardCharsets.US_ASCII));
        in.reset();

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("\n\nISA");
    }

    private static String decode(byte[] bytes) throws IOException {
        try (InputStream in = new LenientUtf8InputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
