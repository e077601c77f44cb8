package io.waybill.hub.ingest;

import io.waybill.hub.kafka.RecordHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The {@code raw.v1} records of one received message, whatever channel brought it: its bytes as
 * received, in parts of at most {@link #PART_BYTES}, keyed by partner (so all parts land in one
 * partition, in order), each with the partner, channel and received-at headers, the channel's own
 * headers, the message's id and the part's place ({@code 2/5}). Parts keep every record under
 * Kafka's default 1 MB limit on any broker, without raising it for the topic; each part is read from
 * its source only when the producer takes it, so a large file is never held in memory. The
 * message's {@code rawref} is its first part's place; a replay reads on from there, gathering the
 * records with the same {@link #RAW_ID} until it has them all.
 */
public final class RawParts implements Iterable<Exchange> {

    /** Largest value of one raw.v1 record. */
    public static final int PART_BYTES = 512 * 1024;

    /** raw.v1: the id shared by the parts of one received message. */
    public static final String RAW_ID = "waybill.raw.id";
    /** raw.v1: which part of the message this record holds, and of how many: {@code 1/1}, {@code 2/5}. */
    public static final String RAW_PART = "waybill.raw.part";

    /** Where the bytes are read from, part by part. */
    public interface Source {
        long size();

        byte[] read(long offset, int length) throws IOException;
    }

    private final CamelContext context;
    private final String partner;
    private final Map<String, String> headers;
    private final String id;
    private final Source source;

    /**
     * @param headers the channel's own headers for every part, on top of partner, channel and received-at
     */
    public RawParts(CamelContext context, String id, String partner, String channel, Instant receivedAt,
                    Map<String, String> headers, Source source) {
        this.context = context;
        this.id = Objects.requireNonNull(id, "id");
        this.partner = partner;
        this.headers = new LinkedHashMap<>();
        this.headers.put(RecordHeaders.PARTNER, partner);
        this.headers.put(RecordHeaders.CHANNEL, channel);
        this.headers.put(RecordHeaders.RECEIVED_AT, receivedAt.toString());
        this.headers.putAll(headers);
        this.source = source;
    }

    /** How many parts a message of {@code size} bytes is archived in. */
    public static int count(long size) {
        return (int) Math.max(1, (size + PART_BYTES - 1) / PART_BYTES);
    }

    /** Bytes held in memory (a push's body). */
    public static Source of(byte[] bytes) {
        return new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                byte[] part = new byte[length];
                System.arraycopy(bytes, (int) offset, part, 0, length);
                return part;
            }
        };
    }

    /** A local file of {@code size} bytes (its size when received: a file that shrank since is an error). */
    public static Source of(Path path, long size) {
        return new Source() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, offset + buffer.position()) < 0) {
                            throw new IOException(path + " is shorter than the " + size + " bytes it had when received");
                        }
                    }
                }
                return buffer.array();
            }
        };
    }

    @Override
    public Iterator<Exchange> iterator() {
        int total = count(source.size());
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < total;
            }

            // An exchange per record, not a bare message: camel-kafka only propagates record headers from an exchange.
            @Override
            public Exchange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Exchange part = new DefaultExchange(context);
                Message record = part.getMessage();
                record.setHeader(KafkaConstants.KEY, partner);
                headers.forEach(record::setHeader);
                record.setHeader(RAW_ID, id);
                record.setHeader(RAW_PART, (next + 1) + "/" + total);
                long offset = (long) next * PART_BYTES;
                try {
                    record.setBody(source.read(offset, (int) Math.min(PART_BYTES, source.size() - offset)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                next++;
                return part;
            }
        };
    }
}
