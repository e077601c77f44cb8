package io.waybill.contract;

import io.waybill.hub.WaybillHub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/** The hub's Prometheus endpoint, as an operator scrapes it. */
final class Metrics {

    // HTTP/1.1: the JDK client's default h2c upgrade can leave a request unanswered (a test once hung here for minutes).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Metrics() {
    }

    /** A metric summed over its series (every tag), 0 when the hub has not counted it yet. */
    static double value(WaybillHub hub, String name) {
        return value(hub, name, "");
    }

    /** A metric summed over its series that carry the label, e.g. {@code partner="dockside-rfid"}. */
    static double value(WaybillHub hub, String name, String label) {
        return series(hub, name).filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Whether the hub exports the metric at all. */
    static boolean exported(WaybillHub hub, String name) {
        return series(hub, name).findAny().isPresent();
    }

    private static Stream<String> series(WaybillHub hub, String name) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"));
        } catch (Exception e) {
            throw new AssertionError("cannot read the hub's metrics", e);
        }
    }
}
