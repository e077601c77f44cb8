package io.waybill.hub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An item that mapped and validated cleanly: its canonical events, waiting to be published
 * together with the rest of the push.
 *
 * @param index  position of the item in the push
 * @param events its canonical events (possibly none)
 */
public record NormalizedItem(int index, List<ObjectNode> events) {
}
