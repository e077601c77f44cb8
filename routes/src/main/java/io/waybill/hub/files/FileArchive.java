package io.waybill.hub.files;

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
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Shapes the {@code raw.v1} records of a file: its bytes as received, in parts of at most
 * {@link #PART_BYTES}, keyed by partner (so all parts land in one partition, in order), each with
 * the partner, channel and received-at headers a push's record has, plus the file's name, id and
 * the part's place ({@code 2/5}). Parts keep every record under Kafka's default 1 MB limit on any
 * broker, without raising it for the topic, and let a large file be archived without ever being
 * held in memory: each part is read from disk only when the producer takes it. The file's
 * {@code rawRef} is its first part's place; a replay reads on from there, gathering the records
 * with the same {@link #FILE_ID} until it has them all.
 */
public final class FileArchive {

    /** Largest value of one raw.v1 record of a file. */
    public static final int PART_BYTES = 512 * 1024;

    /** raw.v1 and dlq.v1: the file's name as the partner gave it. */
    public static final String FILE_NAME = "waybill.file.name";
    /** raw.v1: the id shared by the parts of one received file. */
    public static final String FILE_ID = "waybill.file.id";
    /** raw.v1: which part of the file this record holds, and of how many: {@code 1/1}, {@code 2/5}. */
    public static final String FILE_PART = "waybill.file.part";

    /** Before the raw.v1 send: the body becomes the file's parts, each read when the producer asks for it. */
    public void prepare(Exchange exchange) {
        ReceivedFile file = exchange.getVariable(FileVariables.RECEIVED, ReceivedFile.class);
        exchange.getMessage().setBody((Iterable<Exchange>) () -> new Parts(exchange.getContext(), file));
    }

    /** How many parts a file of {@code size} bytes is archived in. */
    static int parts(long size) {
        return (int) Math.max(1, (size + PART_BYTES - 1) / PART_BYTES);
    }

    private static final class Parts implements Iterator<Exchange> {

        private final CamelContext context;
        private final ReceivedFile file;
        private final int count;
        private int next;

        Parts(CamelContext context, ReceivedFile file) {
            this.context = context;
            this.file = file;
            this.count = parts(file.size());
        }

        @Override
        public boolean hasNext() {
            return next < count;
        }

        // An exchange per record, not a bare message: camel-kafka only propagates record headers from an exchange.
        @Override
        public Exchange next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Exchange part = new DefaultExchange(context);
            Message record = part.getMessage();
            record.setHeader(KafkaConstants.KEY, file.partner());
            record.setHeader(RecordHeaders.PARTNER, file.partner());
            record.setHeader(RecordHeaders.CHANNEL, file.channel());
            record.setHeader(RecordHeaders.RECEIVED_AT, file.receivedAt().toString());
            record.setHeader(FILE_NAME, file.name());
            record.setHeader(FILE_ID, file.id());
            record.setHeader(FILE_PART, (next + 1) + "/" + count);
            record.setBody(read((long) next * PART_BYTES));
            next++;
            return part;
        }

        private byte[] read(long offset) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(PART_BYTES, file.size() - offset));
            try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new IOException(file.path() + " is shorter than the " + file.size() + " bytes it had when received");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.array();
        }
    }
}
