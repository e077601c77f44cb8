package io.waybill.hub.broker;

import io.waybill.hub.config.StartupException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Locale;

/**
 * Checks, before an embedded broker starts, that the port it will listen on can be bound. This is
 * not just politeness: a clash on Kafka's controller port reaches Kafka's fault handler, which halts
 * the whole JVM without a word, so the hub must find the clash first and say which setting to change.
 */
public final class PortCheck {

    // Bind the way the brokers bind. Kafka and Artemis (Netty) listen with SO_REUSEADDR on, so on
    // Linux and macOS a port whose only users are closed connections in TIME_WAIT (left for a minute
    // after a broker stops while clients are connected) is free for them; a check without the flag
    // would call it "in use" and block a quick restart. On Windows the flag lets a socket take over a
    // port another process listens on, so the check binds exclusively there.
    private static final boolean REUSE_ADDRESS =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private PortCheck() {
    }

    /**
     * Fails with a one-line {@link StartupException} naming the setting and its environment variable
     * when {@code host:port} cannot be bound.
     *
     * @param settingName the setting that chose this port, e.g. {@code waybill.kafka.port}
     */
    public static void requireFree(String settingName, String host, int port) {
        if (port < 1 || port > 65535) {
            throw new StartupException(String.format(
                    "port %d (setting %s, env %s) is not a port number: choose one from 1 to 65535",
                    port, settingName, envName(settingName)));
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new StartupException(String.format(
                    "host %s, where port %d (setting %s, env %s) should listen, cannot be resolved: use an address of this machine",
                    host, port, settingName, envName(settingName)));
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(REUSE_ADDRESS);
            socket.bind(address);
        } catch (BindException e) {
            if (!isLocal(address.getAddress())) {
                throw new StartupException(String.format(
                        "host %s, where port %d (setting %s, env %s) should listen, is not an address of this machine",
                        host, port, settingName, envName(settingName)), e);
            }
            throw new StartupException(String.format(
                    "port %d (setting %s, env %s) on %s is already in use: stop what holds it or choose another port",
                    port, settingName, envName(settingName), host));
        } catch (IOException e) {
            throw new StartupException(String.format(
                    "port %d (setting %s, env %s) on %s cannot be bound (%s): check the host and the port",
                    port, settingName, envName(settingName), host, e.getMessage()), e);
        }
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    /** A port that was free a moment ago, for tests. */
    /**
     * {@code count} distinct free ports. Each socket stays open until all are chosen: asking
     * {@link #freePort()} several times can get the same port back once its socket is closed.
     */
    public static int[] freePorts(int count) {
        java.util.List<ServerSocket> held = new java.util.ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no " + count + " free ports on this machine", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket we opened; nothing to do
                }
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this machine", e);
        }
    }

    /** The environment variable that carries a setting: {@code waybill.kafka.controller-port} → {@code WAYBILL_KAFKA_CONTROLLER_PORT}. */
    static String envName(String settingName) {
        return settingName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
