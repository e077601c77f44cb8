package io.waybill.hub.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The demo's polled carrier: an in-process DCSA Track &amp; Trace 2.2 API ({@code GET /v2/events}) for
 * {@code meridian-ocean}, on the address its partner.yaml declares. It serves two pages linked by the
 * {@code Next-Page-Cursor} header (the bundled samples), then, to a poll that asks for events changed since
 * then, an empty page. Requests without the partner's API key get 401, as a real carrier's would.
 */
public final class CarrierSimulator implements AutoCloseable {

    /** Where meridian-ocean's partner.yaml points. */
    public static final int PORT = 8089;
    public static final String PARTNER = "meridian-ocean";
    private static final List<String> PAGES = List.of("/demo/meridian-ocean/page-1.json", "/demo/meridian-ocean/page-2.json");

    private final HttpServer server;

    private CarrierSimulator(HttpServer server) {
        this.server = server;
    }

    /** Starts serving; {@code report} gets one line per request served. */
    public static CarrierSimulator start(String apiKey, Consumer<String> report) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/v2/events", exchange -> serve(exchange, apiKey, report));
        server.start();
        return new CarrierSimulator(server);
    }

    private static void serve(HttpExchange exchange, String apiKey, Consumer<String> report) throws IOException {
        try (exchange) {
            if (!Objects.equals(exchange.getRequestHeaders().getFirst("API-Key"), apiKey)) {
                respond(exchange, 401, "{\"message\": \"unknown API key\"}", null);
                report.accept("carrier " + PARTNER + " (simulator): refused a request without its API key (401)");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            int page = query.contains("cursor=page-2") ? 1 : 0;
            if (page == 0 && query.contains("eventCreatedDateTime")) {
                respond(exchange, 200, "[]", null);
                report.accept("carrier " + PARTNER + " (simulator): polled again from its cursor, nothing new");
                return;
            }
            String body;
            try (InputStream in = CarrierSimulator.class.getResourceAsStream(PAGES.get(page))) {
                body = new String(Objects.requireNonNull(in, PAGES.get(page)).readAllBytes(), StandardCharsets.UTF_8);
            }
            respond(exchange, 200, body, page == 0 ? "page-2" : null);
            report.accept("carrier " + PARTNER + " (simulator): served page " + (page + 1) + " of its DCSA T&T 2.2 events to the hub's poll");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, String nextCursor) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("API-Version", "2.2.0");
        if (nextCursor != null) {
            exchange.getResponseHeaders().set("Next-Page-Cursor", nextCursor);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
