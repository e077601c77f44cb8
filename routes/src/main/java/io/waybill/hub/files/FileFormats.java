package io.waybill.hub.files;

import io.waybill.adapter.support.DocumentReaders;
import io.waybill.adapter.support.PartnerDeclaration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells the wire format of a file from its first bytes and the formats its partner declares for
 * the channel. EDI announces itself: an X12 interchange starts with {@code ISA}, an EDIFACT one with
 * {@code UNA} or {@code UNB}. Any other format is the partner's one declared non-EDI format, or,
 * when it declares several, the one the file's name ends in ({@code status.csv}). Everything else
 * is refused with the reason.
 */
final class FileFormats {

    /** How much of a file is looked at. */
    static final int HEAD_BYTES = 64;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private FileFormats() {
    }

    /** {@code x12} or {@code edifact} when the content starts like an interchange (after a byte order mark and blanks). */
    static Optional<String> sniff(byte[] head) {
        int start = startsWith(head, 0, UTF8_BOM) ? UTF8_BOM.length : 0;
        while (start < head.length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (startsWith(head, start, "ISA".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("x12");
        }
        if (startsWith(head, start, "UNA".getBytes(StandardCharsets.US_ASCII)) || startsWith(head, start, "UNB".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("edifact");
        }
        return Optional.empty();
    }

    /**
     * The format to read the file as, which a reader on the class path reads.
     *
     * @param declared the formats the partner declares for the channel the file came on
     * @throws FileRefusal when the format is unknown, undeclared, or has no reader
     */
    static String choose(byte[] head, ReceivedFile file, List<String> declared) {
        String where = "partner '" + file.partner() + "' declares " + declared + " for its " + file.channelKey() + " channel";
        String format = sniff(head).map(edi -> {
            if (!declared.contains(edi)) {
                throw FileRefusal.unreadable("the file is an " + describe(edi) + ", but " + where);
            }
            return edi;
        }).orElseGet(() -> notEdi(head, file, declared, where));
        if (DocumentReaders.forFormat(format).isEmpty()) {
            throw FileRefusal.unreadable("no reader for format '" + format + "' is installed on this hub");
        }
        return format;
    }

    private static String notEdi(byte[] head, ReceivedFile file, List<String> declared, String where) {
        List<String> others = declared.stream().filter(f -> !PartnerDeclaration.EDI_FORMATS.contains(f)).toList();
        if (others.isEmpty()) {
            throw FileRefusal.unreadable("the file is neither an X12 interchange (starting ISA) nor an EDIFACT one"
                    + " (starting UNA or UNB), and " + where + "; it starts " + shown(head));
        }
        if (others.size() == 1) {
            return others.get(0);
        }
        String name = file.name().toLowerCase(Locale.ROOT);
        return others.stream().filter(f -> name.endsWith("." + f)).findFirst().orElseThrow(() -> FileRefusal.unreadable(
                "cannot tell the file's format: " + where + ", and its name ends in none of them;"
                        + " name it <name>.<format>, e.g. " + file.name() + "." + others.get(0)));
    }

    private static String describe(String edi) {
        return edi.equals("x12") ? "X12 interchange (it starts with ISA)" : "EDIFACT interchange (it starts with UNA or UNB)";
    }

    /** The first bytes as a person can read them: printable ASCII as is, anything else as {@code \xNN}. */
    static String shown(byte[] head) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < Math.min(head.length, 16); i++) {
            int b = head[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.append(head.length > 16 ? "...\"" : "\"").toString();
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        if (bytes.length - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
