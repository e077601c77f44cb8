package io.waybill.adapter.mqtt;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.support.DeviceTopic;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a device published, made into the hub's terms, in two steps:
 * <ol>
 *   <li>{@link #attribute}: which partner's device the topic names. The topic, never the payload,
 *       says who sent a message: the broker let the device publish there.</li>
 *   <li>{@link #read}: the payload as a raw document, once it is archived. Refused: a payload over
 *       the size limit, one that is not a JSON object, one whose device field names another device
 *       than its topic (spoofed). A payload without the device field gets the topic's device there,
 *       so a mapping always reads the device that published.</li>
 * </ol>
 * Knows nothing of the canonical schema, nor of Camel.
 */
public final class DeviceMessages {

    /** {@link Provenance#channel()} of everything that arrives over MQTT. */
    public static final String CHANNEL = "mqtt";
    /** Stage of a refusal before the payload is read: topic, partner, device, size. */
    public static final String STAGE_RECEIVE = "receive";
    /** Stage of a refusal of the payload: not a JSON object, or a spoofed device. */
    public static final String STAGE_PARSE = "parse";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxPayloadBytes;
    private final String limitName;
    private final Map<String, DeviceTopic> topics = new ConcurrentHashMap<>();

    /**
     * @param maxPayloadBytes largest payload read
     * @param limitName       what sets that limit, named in refusals (a setting)
     */
    public DeviceMessages(int maxPayloadBytes, String limitName) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.limitName = limitName;
    }

    /**
     * The partner and device a topic names, among the declared partners with an MQTT channel. A topic
     * no partner declares, or that two do, an undeclared device and an oversized payload are refused
     * here (the partner is then known when the topic named one).
     */
    public Attribution attribute(Collection<PartnerDeclaration> partners, String topic, int payloadBytes) {
        List<String> claimed = new ArrayList<>(1);
        PartnerDeclaration partner = null;
        PartnerDeclaration.Mqtt feed = null;
        String device = null;
        for (PartnerDeclaration candidate : partners) {
            for (PartnerDeclaration.Mqtt mqtt : candidate.channels().mqttFeeds()) {
                var named = topics.computeIfAbsent(mqtt.topic(), DeviceTopic::parse).device(topic);
                if (named.isEmpty()) {
                    continue;
                }
                if (partner != candidate) {
                    claimed.add(candidate.id());
                }
                // Of one partner's declarations matching the topic, the first that knows the device speaks for it.
                if (partner != candidate || (!feed.knows(device) && mqtt.knows(named.get()))) {
                    partner = candidate;
                    feed = mqtt;
                    device = named.get();
                }
            }
        }
        if (claimed.isEmpty()) {
            return Attribution.refused(null, null, "no partner declares topic '" + topic + "' (channels.mqtt.topic in partner.yaml)");
        }
        if (claimed.size() > 1) {
            return Attribution.refused(null, null, "topic '" + topic + "' is declared by several partners: " + claimed);
        }
        if (!feed.knows(device)) {
            return Attribution.refused(partner.id(), device, "unknown device '" + device + "' on topic '" + topic
                    + "': partner " + partner.id() + " does not declare it (channels.mqtt.devices / device-pattern)");
        }
        if (payloadBytes > maxPayloadBytes) {
            return Attribution.refused(partner.id(), device, "payload of " + payloadBytes + " bytes is over the limit of "
                    + maxPayloadBytes + " bytes (" + limitName + "); it was not read");
        }
        return new Attribution(partner.id(), device, feed.deviceField(), null);
    }

    /**
     * The payload of an attributed message as a raw document.
     *
     * @throws RefusedMessageException when it is not a JSON object, or names another device
     */
    public RawDocument read(Attribution from, byte[] payload, Instant receivedAt, String rawRef) {
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (JsonParseException e) {
            throw new RefusedMessageException(STAGE_PARSE, "not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (JsonProcessingException e) {
            throw new RefusedMessageException(STAGE_PARSE, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RefusedMessageException(STAGE_PARSE, "not JSON: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode body)) {
            throw new RefusedMessageException(STAGE_PARSE, "the payload must be a JSON object, not "
                    + (tree == null || tree.isMissingNode() ? "empty" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        claimDevice(body, from);
        return new RawDocument(body, payload, new Provenance(from.partner(), CHANNEL, "json", receivedAt, rawRef, 0, null));
    }

    /** Checks the payload's device field against the topic's device, or fills it in when absent. */
    private static void claimDevice(ObjectNode body, Attribution from) {
        String[] path = from.deviceField().substring(1).split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = parent.get(path[i]);
            if (next == null || next.isNull()) {
                next = parent.putObject(path[i]);
            }
            if (!(next instanceof ObjectNode object)) {
                throw new RefusedMessageException(STAGE_PARSE, "spoofed device: " + from.deviceField() + " cannot hold the"
                        + " device id here (" + path[i] + " is not an object); the topic names device '" + from.device() + "'");
            }
            parent = object;
        }
        String leaf = path[path.length - 1];
        JsonNode claimed = parent.get(leaf);
        if (claimed == null || claimed.isNull()) {
            parent.put(leaf, from.device());
        } else if (!claimed.isValueNode() || !claimed.asText().equals(from.device())) {
            throw new RefusedMessageException(STAGE_PARSE, "spoofed device: the payload's " + from.deviceField() + " is "
                    + claimed + " but it was published on the topic of device '" + from.device() + "'");
        }
    }

    /**
     * Who a message is from, or why it is refused before its payload is read.
     *
     * @param partner     the partner the topic names, or null when none (or several) do
     * @param device      the device the topic names, or null when no partner claims the topic
     * @param deviceField where the partner's payloads name their device
     * @param refusal     why it is refused ({@link #STAGE_RECEIVE}), or null when it is accepted for reading
     */
    public record Attribution(String partner, String device, String deviceField, String refusal) {

        static Attribution refused(String partner, String device, String reason) {
            return new Attribution(partner, device, null, reason);
        }

        public boolean refused() {
            return refusal != null;
        }
    }
}
