package io.waybill.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A mapping file ({@code mappings/<partner>/<kind>.mapping.yaml}) as written by an integration
 * engineer. Every key is declared here; an unknown key is an error naming the file and line.
 * The format is described for people in {@code docs/mapping-format.md}.
 *
 * @param id          unique id, {@code <partner>.<kind>}; travels in every event's lineage
 * @param version     increases with every change; travels in every event's lineage
 * @param description what the mapping is for
 * @param accepts     which raw documents it takes
 * @param produces    the canonical type and major version it produces, {@code shipment-status/v1}
 * @param identity    JSLT expression giving the partner's own message identity; feeds the deterministic event id
 * @param transform   the JSLT file (next to the mapping) turning a raw document into canonical data
 * @param tables      code tables by the name {@code code-lookup} uses
 * @param smoothing   for an {@code observation} mapping: aggregate the reads of one tag at one read point
 *                    within a window into one observation; null to publish every read
 */
public record MappingDefinition(String id, Integer version, String description, Accepts accepts, String produces,
                                String identity, String transform, Map<String, Table> tables, Smoothing smoothing) {

    /**
     * @param channel the channel the document must have arrived on ({@code rest}, {@code mqtt}...), or any
     * @param format  the wire format it must have ({@code json}, {@code x12}...), or any
     * @param when    JSLT predicate over the raw document, or always
     * @param shared  true: the mapping takes a document together with the partner's other shared mappings
     *                that accept it (one EPCIS document gives observations and telemetry); false or left
     *                out: it must be the only mapping that accepts it
     */
    public record Accepts(String channel, String format, String when, Boolean shared) {

        public boolean isShared() {
            return Boolean.TRUE.equals(shared);
        }
    }

    /**
     * Read smoothing: a reader reports one tag many times a second; the observations a batch gives
     * for one EPC at one read point (same action, business step, location) within one window become
     * one, with first and last seen, the summed read count and the peak RSSI. See {@link ReadSmoother}.
     *
     * @param window required; the window length, {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 {@code PT2S};
     *               1 ms to 1 hour. Windows are aligned on the epoch, so the same reads always meet in the same window
     */
    public record Smoothing(String window) {
    }

    /**
     * One code table: {@code status: status-codes.csv}, or in the long form
     * {@code status: {file: status-codes.csv, default: OTHER}}.
     *
     * @param file         the CSV file (next to the mapping) with {@code code,value} columns
     * @param defaultValue key {@code default}: the value for a code the table lacks; without it such a code is an error
     */
    public record Table(String file, @JsonProperty("default") String defaultValue) {

        /** The short form: just the file. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Table of(String file) {
            return new Table(file, null);
        }
    }
}
