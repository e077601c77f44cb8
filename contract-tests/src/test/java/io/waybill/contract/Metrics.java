package io.waybill.contract;

import io.waybill.hub.WaybillHub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

/** The hub's Prometheus endpoint, as an operator scrapes it. */
final class Metrics {

    private Metrics() {
    }

    /** A metric summed over its series (every tag), 0 when the hub has not counted it yet. */
    static double value(WaybillHub hub, String name) {
        return series(hub, name).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Whether the hub exports the metric at all. */
    static boolean exported(WaybillHub hub, String name) {
        return series(hub, name).findAny().isPresent();
    }

    private static Stream<String> series(WaybillHub hub, String name) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.httpBaseUrl() + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"));
        } catch (Exception e) {
            throw new AssertionError("cannot read the hub's metrics", e);
        }
    }
}
