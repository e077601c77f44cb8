package io.waybill.bench;

import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.ingest.RawArchive;
import io.waybill.mapping.CodeTable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Typical ACME Freight status messages, shaped like the golden cases in
 * {@code contract-tests/partners/acme-freight/}, turned into raw documents by the hub's own push
 * parser (one push, one document per item). Each message has its own {@code msg_id}; shipments,
 * status codes, timestamps and their offsets, and locations rotate; one message in four has no
 * position ({@code lat}/{@code lon}) and one in five carries a free-text {@code note}.
 */
final class StatusSamples {

    static final String PARTNER = "acme-freight";

    private static final String[] OFFSETS = {"-05:00", "-06:00", "-08:00", "Z", "-04:00", "+01:00"};
    private static final String[][] PLACES = {
            {"Chicago", "IL", "US", "USCHI", "41.8507", "-87.6512"},
            {"Columbus", "OH", "US", "USCMH", "39.9612", "-82.9988"},
            {"Indianapolis", "IN", "US", "USIND", "39.7684", "-86.158"},
            {"Dallas", "TX", "US", "USDAL", "32.7767", "-96.797"},
            {"Atlanta", "GA", "US", "USATL", "33.749", "-84.388"},
            {"Memphis", "TN", "US", "USMEM", "35.1495", "-90.049"},
            {"Los Angeles", "CA", "US", "USLAX", "34.0522", "-118.2437"},
    };
    private static final String[] NOTES = {
            "6 pallets, 2,140 lb, dock 4", "Consignee closed, retry next business day", "Seal intact, POD signed by J. Ortiz",
    };
    /** A W3C trace context, as a push that carries one hands on to its events. */
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private StatusSamples() {
    }

    /**
     * {@code count} status messages as the hub's push parser yields them for one push received at
     * {@code receivedAt}: parsed to JSON trees, each with its bytes and provenance.
     *
     * @param statusCodes the mapping's status code table: its codes rotate, its values give the descriptions
     */
    static List<RawDocument> documents(int count, CodeTable statusCodes, Instant receivedAt) {
        List<String> codes = List.copyOf(statusCodes.codes());
        StringBuilder json = new StringBuilder(count * 420).append('[');
        for (int n = 0; n < count; n++) {
            if (n > 0) {
                json.append(",\n");
            }
            String code = codes.get(n % codes.size());
            String[] place = PLACES[n % PLACES.length];
            json.append("{\"type\":\"status\",\"msg_id\":\"AF-ST-20261127-").append(String.format("%06d", 4417 + n / 8))
                    .append('-').append(two(n % 8 + 1))
                    .append("\",\"shipment_ref\":\"SO-2026-").append(118_000 + n * 7 % 997)
                    .append("\",\"pro\":\"04938").append(String.format("%05d", n * 13 % 100_000))
                    .append("\",\"scac\":\"ACMF\",\"code\":\"").append(code)
                    .append("\",\"description\":\"").append(description(statusCodes, code))
                    .append("\",\"ts\":\"2026-11-").append(two(20 + n % 8)).append('T').append(two(n % 24)).append(':')
                    .append(two(n * 7 % 60)).append(':').append(two(n * 11 % 60)).append(OFFSETS[n % OFFSETS.length])
                    .append("\",\"city\":\"").append(place[0]).append("\",\"state\":\"").append(place[1])
                    .append("\",\"country\":\"").append(place[2]).append("\",\"unlocode\":\"").append(place[3]).append('"');
            if (n % 4 != 3) {
                json.append(",\"lat\":").append(place[4]).append(",\"lon\":").append(place[5]);
            }
            json.append(",\"truck\":\"TRK-").append(1000 + n * 31 % 4000).append('"');
            if (n % 5 == 0) {
                json.append(",\"note\":\"").append(NOTES[n / 5 % NOTES.length]).append('"');
            }
            json.append('}');
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        Provenance push = new Provenance(PARTNER, RawArchive.CHANNEL_REST, "json", receivedAt, "raw.v1/0/0", 0,
                TRACEPARENT);
        return new PushBodyParser(count).parse(body, push);
    }

    /** ACME's wording is free text; Waybill's status in words ("Out for delivery") stands in for it. */
    private static String description(CodeTable statusCodes, String code) {
        String words = statusCodes.lookup(code).orElseThrow().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
