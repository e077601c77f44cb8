package io.waybill.adapter.edi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes well-formed UTF-8 through unchanged and turns every byte that is not part of a well-formed
 * UTF-8 sequence into the UTF-8 encoding of that byte read as Windows-1252 (ISO-8859-1 with
 * printable characters such as ’ and € in 0x80-0x9F). Partners send UTF-8 (UNOW/UNOY), Latin-1
 * (UNOC), Windows text and plain ASCII without saying which; this way names come out right in every
 * case and the parser never fails on a decoding error. A UTF-8 byte order mark at the start is dropped.
 *
 * <p>Supports mark/reset: StAEDI then reads it byte by byte without a read-ahead buffer of its own,
 * so that after one interchange's trailer the stream stands exactly behind it and a new reader can
 * take the next interchange (see {@link ReadSession}).
 */
final class LenientUtf8InputStream extends InputStream {

    private final InputStream in;
    private final byte[] input = new byte[8192];
    private int inputPos;
    private int inputLen;
    private boolean eof;
    private boolean started;
    private final byte[] output = new byte[2 * 8192];
    private int outputPos;
    private int outputLen;
    /** Bytes read since mark(), to be served again after reset(); null when no mark is set. */
    private byte[] recorded;
    private int recordedLen;
    private int recordLimit;
    /** Bytes served again after reset(), before new ones. */
    private byte[] replay = new byte[0];
    private int replayPos;

    /** Marks stay valid for at least this many bytes, whatever the caller asks for. */
    private static final int MIN_MARK_LIMIT = 1 << 20;

    LenientUtf8InputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int b;
        if (replayPos < replay.length) {
            b = replay[replayPos++] & 0xFF;
        } else {
            if (outputPos == outputLen && !fill()) {
                return -1;
            }
            b = output[outputPos++] & 0xFF;
        }
        record(b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int next = read();
            if (next < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) next;
            if (replayPos >= replay.length && outputPos == outputLen) {
                break;
            }
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        recorded = new byte[256];
        recordedLen = 0;
        recordLimit = Math.max(readLimit, MIN_MARK_LIMIT);
    }

    @Override
    public synchronized void reset() throws IOException {
        if (recorded == null) {
            throw new IOException("reset without a valid mark");
        }
        byte[] again = new byte[recordedLen + replay.length - replayPos];
        System.arraycopy(recorded, 0, again, 0, recordedLen);
        System.arraycopy(replay, replayPos, again, recordedLen, replay.length - replayPos);
        replay = again;
        replayPos = 0;
        recorded = null;
    }

    private void record(int b) {
        if (recorded == null) {
            return;
        }
        if (recordedLen == recordLimit) {
            recorded = null;
            return;
        }
        if (recordedLen == recorded.length) {
            recorded = java.util.Arrays.copyOf(recorded, Math.min(recorded.length * 2, recordLimit));
        }
        recorded[recordedLen++] = (byte) b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        outputPos = 0;
        outputLen = 0;
        while (outputLen == 0) {
            if (!ensureInput()) {
                return false;
            }
            if (!started && !skipByteOrderMark()) {
                continue;
            }
            while (inputPos < inputLen && outputLen <= output.length - 6) {
                if (inputLen - inputPos < 4 && !eof) {
                    break;
                }
                convertOne();
            }
        }
        return true;
    }

    /** Makes at least 4 bytes available unless the input ends; false when nothing is left. */
    private boolean ensureInput() throws IOException {
        if (inputLen - inputPos >= 4 || eof) {
            return inputPos < inputLen;
        }
        System.arraycopy(input, inputPos, input, 0, inputLen - inputPos);
        inputLen -= inputPos;
        inputPos = 0;
        while (inputLen < 4 && !eof) {
            int n = in.read(input, inputLen, input.length - inputLen);
            if (n < 0) {
                eof = true;
            } else {
                inputLen += n;
            }
        }
        return inputPos < inputLen;
    }

    /** True once decided; false when more input is needed to decide. */
    private boolean skipByteOrderMark() {
        if (inputLen - inputPos < 3 && !eof) {
            return false;
        }
        started = true;
        if (inputLen - inputPos >= 3 && (input[inputPos] & 0xFF) == 0xEF && (input[inputPos + 1] & 0xFF) == 0xBB
                && (input[inputPos + 2] & 0xFF) == 0xBF) {
            inputPos += 3;
        }
        return true;
    }

    private void convertOne() {
        int b0 = input[inputPos] & 0xFF;
        if (b0 < 0x80) {
            output[outputLen++] = (byte) b0;
            inputPos++;
            return;
        }
        int length = sequenceLength(b0);
        if (length > 0 && wellFormed(b0, length)) {
            System.arraycopy(input, inputPos, output, outputLen, length);
            outputLen += length;
            inputPos += length;
            return;
        }
        char c = b0 >= 0x80 && b0 <= 0x9F ? WINDOWS_1252_C1.charAt(b0 - 0x80) : (char) b0;
        if (c < 0x800) {
            output[outputLen++] = (byte) (0xC0 | (c >> 6));
            output[outputLen++] = (byte) (0x80 | (c & 0x3F));
        } else {
            output[outputLen++] = (byte) (0xE0 | (c >> 12));
            output[outputLen++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            output[outputLen++] = (byte) (0x80 | (c & 0x3F));
        }
        inputPos++;
    }

    /** Windows-1252 for 0x80-0x9F; its five unassigned bytes stay as they are in ISO-8859-1. */
    private static final String WINDOWS_1252_C1 = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160"
            + "\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161"
            + "\u203A\u0153\u009D\u017E\u0178";

    private static int sequenceLength(int b0) {
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            return 2;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            return 3;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            return 4;
        }
        return 0;
    }

    private boolean wellFormed(int b0, int length) {
        if (inputPos + length > inputLen) {
            return false;
        }
        int b1 = input[inputPos + 1] & 0xFF;
        int low = 0x80;
        int high = 0xBF;
        if (b0 == 0xE0) {
            low = 0xA0;
        } else if (b0 == 0xED) {
            high = 0x9F;
        } else if (b0 == 0xF0) {
            low = 0x90;
        } else if (b0 == 0xF4) {
            high = 0x8F;
        }
        if (b1 < low || b1 > high) {
            return false;
        }
        for (int i = 2; i < length; i++) {
            int b = input[inputPos + i] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return false;
            }
        }
        return true;
    }
}
