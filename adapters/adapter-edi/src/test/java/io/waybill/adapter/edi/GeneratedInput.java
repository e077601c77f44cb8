package io.waybill.adapter.edi;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * An input generated chunk by chunk as it is read, never held whole: chunk {@code i} is produced
 * when the reader gets to it. Counts the bytes handed out.
 */
final class GeneratedInput extends InputStream {

    private final IntFunction<String> chunks;
    private final int chunkCount;
    private int next;
    private byte[] current = new byte[0];
    private int position;
    private long bytesRead;

    /** @param chunks chunk {@code i} for {@code 0 <= i < chunkCount} */
    GeneratedInput(int chunkCount, IntFunction<String> chunks) {
        this.chunkCount = chunkCount;
        this.chunks = chunks;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        if (!ensure()) {
            return -1;
        }
        bytesRead++;
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!ensure()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        bytesRead += n;
        return n;
    }

    private boolean ensure() {
        while (position == current.length) {
            if (next == chunkCount) {
                return false;
            }
            current = chunks.apply(next++).getBytes(StandardCharsets.US_ASCII);
            position = 0;
        }
        return true;
    }
}
