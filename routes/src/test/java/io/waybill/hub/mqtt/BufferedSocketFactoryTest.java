package io.waybill.hub.mqtt;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BufferedSocketFactoryTest {

    @Test
    void aSocketReadsEveryByteThroughOneBufferedStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new BufferedSocketFactory().createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            try (Socket accepted = server.accept()) {
                OutputStream out = accepted.getOutputStream();
                // An MQTT PUBLISH as a broker may write it: the fixed header, then the rest, in separate writes.
                out.write(0x32);
                out.flush();
                out.write(new byte[] {0x05, 0x00, 0x01, 't', 0x00, 0x07});
                out.flush();
                out.write("payload".getBytes(StandardCharsets.US_ASCII));
                out.flush();

                InputStream in = client.getInputStream();
                assertThat(in).isInstanceOf(BufferedInputStream.class).isSameAs(client.getInputStream());
                byte[] read = in.readNBytes(14);
                assertThat(read).startsWith(0x32, 0x05, 0x00, 0x01, 't', 0x00, 0x07);
                assertThat(new String(read, 7, 7, StandardCharsets.US_ASCII)).isEqualTo("payload");

                accepted.close();
                assertThat(in.read()).as("end of stream once the broker closes").isEqualTo(-1);
            }
        }
    }

    @Test
    void theConnectingFormsConnect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BufferedSocketFactory factory = new BufferedSocketFactory();
            try (Socket byName = factory.createSocket("127.0.0.1", server.getLocalPort());
                 Socket accepted = server.accept()) {
                assertThat(byName.isConnected()).isTrue();
                accepted.getOutputStream().write(42);
                assertThat(byName.getInputStream().read()).isEqualTo(42);
            }
            try (Socket byAddress = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 Socket accepted = server.accept()) {
                assertThat(byAddress.getInputStream()).isInstanceOf(BufferedInputStream.class);
                assertThat(accepted.getRemoteSocketAddress()).isEqualTo(byAddress.getLocalSocketAddress());
            }
        }
    }
}
