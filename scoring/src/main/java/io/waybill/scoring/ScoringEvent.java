package io.waybill.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What scoring keeps of one canonical event: its id, its entity, its event time and the few
 * fields the scores read. Kept compact because an entity's window of these is snapshotted.
 * Times are epoch milliseconds of event time; nothing here ever reads the wall clock.
 *
 * @param id            the CloudEvents id (deterministic: a replayed event has the same one)
 * @param kind          {@link #TELEMETRY}, {@link #STATUS} or {@link #ETA}
 * @param entityId      asset id (telemetry) or shipment id (status, ETA)
 * @param time          event time, epoch ms
 * @param temperatureC  telemetry readings.temperatureC (else the warmest probe), or status measurements.temperatureC
 * @param setpointC     telemetry readings.setpointC
 * @param status        shipment-status status
 * @param location      shipment-status location: UN/LOCODE, else name, else lat/lon to 2 decimals
 * @param etaType       eta etaType
 * @param estimated     eta estimatedTime, epoch ms
 * @param promised      what the ETA event says was promised: window.latest, else previousEstimatedTime (epoch ms)
 * @param promisedFrom  {@code window} or {@code previous-estimate} when {@code promised} is set
 * @param source        eta source (CARRIER, PARTNER, PREDICTED)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoringEvent(String id, String kind, String entityId, long time, Double temperatureC, Double setpointC,
                           String status, String location, String etaType, Long estimated, Long promised,
                           String promisedFrom, String source) {

    public static final String TELEMETRY = "telemetry";
    public static final String STATUS = "shipment-status";
    public static final String ETA = "eta";

    public EntityRef entity() {
        return kind.equals(TELEMETRY) ? EntityRef.asset(entityId) : EntityRef.shipment(entityId);
    }

    @JsonIgnore
    public boolean isTelemetry() {
        return kind.equals(TELEMETRY);
    }

    @JsonIgnore
    public boolean isStatus() {
        return kind.equals(STATUS);
    }

    @JsonIgnore
    public boolean isEta() {
        return kind.equals(ETA);
    }

    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }

    /**
     * Reads a canonical CloudEvent (structured JSON). Returns null for an event type scoring does
     * not use (observation, shipment-notice).
     *
     * @throws IllegalArgumentException naming the field when the event lacks what its schema requires
     */
    public static ScoringEvent fromCloudEvent(JsonNode event) {
        String type = text(event, "type");
        String id = text(event, "id");
        if (type == null || id == null) {
            throw new IllegalArgumentException("not a canonical event: no type or id");
        }
        JsonNode data = event.path("data");
        switch (type) {
            case "io.waybill.telemetry.v1": {
                JsonNode readings = data.path("readings");
                Double temperature = number(readings, "temperatureC");
                if (temperature == null && readings.path("probes").isArray()) {
                    for (JsonNode probe : readings.path("probes")) {
                        Double t = number(probe, "temperatureC");
                        if (t != null && (temperature == null || t > temperature)) {
                            temperature = t;
                        }
                    }
                }
                return new ScoringEvent(id, TELEMETRY, required(data, "assetId"), time(data, "eventTime"), temperature,
                        number(readings, "setpointC"), null, null, null, null, null, null, null);
            }
            case "io.waybill.shipment-status.v1":
                return new ScoringEvent(id, STATUS, required(data, "shipmentId"), time(data, "eventTime"),
                        number(data.path("measurements"), "temperatureC"), null, required(data, "status"),
                        location(data.path("location")), null, null, null, null, null);
            case "io.waybill.eta.v1": {
                Long promised = null;
                String promisedFrom = null;
                if (data.path("window").hasNonNull("latest")) {
                    promised = time(data.path("window"), "latest");
                    promisedFrom = "window";
                } else if (data.hasNonNull("previousEstimatedTime")) {
                    promised = time(data, "previousEstimatedTime");
                    promisedFrom = "previous-estimate";
                }
                return new ScoringEvent(id, ETA, required(data, "shipmentId"), time(data, "eventTime"), null, null, null,
                        null, required(data, "etaType"), time(data, "estimatedTime"), promised, promisedFrom,
                        text(data, "source"));
            }
            default:
                return null;
        }
    }

    private static String location(JsonNode location) {
        if (location.isMissingNode() || location.isNull()) {
            return null;
        }
        if (location.hasNonNull("unlocode")) {
            return location.get("unlocode").asText();
        }
        if (location.hasNonNull("name")) {
            return location.get("name").asText();
        }
        JsonNode geo = location.path("geo");
        if (geo.hasNonNull("lat") && geo.hasNonNull("lon")) {
            return String.format(Locale.ROOT, "%.2f,%.2f", geo.get("lat").asDouble(), geo.get("lon").asDouble());
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode data, String field) {
        String value = text(data, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("canonical event has no data." + field);
        }
        return value;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    private static long time(JsonNode node, String field) {
        String value = required(node, field);
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("canonical event field " + field + " is not a UTC instant: " + value, e);
        }
    }
}
