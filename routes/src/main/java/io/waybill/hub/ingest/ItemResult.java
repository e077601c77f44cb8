package io.waybill.hub.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What happened to one item of a push, as the partner sees it in the answer.
 *
 * @param index        position of the item in the push (0 for a single object)
 * @param status       {@code accepted}, {@code duplicate} (every event already published), {@code no_events}
 *                     (the mapping produced none) or {@code rejected}
 * @param events       the item's events and their outcome
 * @param stage        for a rejected item: {@code map} or {@code validate}
 * @param reason       for a rejected item: why
 * @param deadLettered for a rejected item: its bytes are on dlq.v1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(int index, String status, List<EventResult> events, String stage, String reason,
                         Boolean deadLettered) {

    public static final String REJECTED = "rejected";
    public static final String NO_EVENTS = "no_events";

    static ItemResult published(int index, List<EventResult> events) {
        String status;
        if (events.isEmpty()) {
            status = NO_EVENTS;
        } else if (events.stream().allMatch(e -> e.status().equals(EventResult.DUPLICATE))) {
            status = EventResult.DUPLICATE;
        } else {
            status = EventResult.ACCEPTED;
        }
        return new ItemResult(index, status, List.copyOf(events), null, null, null);
    }

    static ItemResult rejected(int index, String stage, String reason) {
        return new ItemResult(index, REJECTED, null, stage, reason, true);
    }
}
