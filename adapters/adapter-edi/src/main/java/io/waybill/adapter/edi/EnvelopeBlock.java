package io.waybill.adapter.edi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** The {@code envelope} block of a raw document (see docs/edi-raw-document.md). */
final class EnvelopeBlock {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EnvelopeBlock() {
    }

    static ObjectNode of(InterchangeState interchange, GroupState group, TransactionBuilder finished) {
        ObjectNode envelope = JSON.objectNode();
        envelope.put("standard", interchange.standard);
        envelope.put("type", finished.type);
        envelope.put("version", finished.version);
        envelope.put("controlNumber", finished.controlNumber);
        putIfPresent(envelope, "agency", finished.agency);
        putIfPresent(envelope, "implementation", finished.implementation);
        if (group != null) {
            ObjectNode groupJson = envelope.putObject("group");
            groupJson.put("functionalId", group.functionalId);
            groupJson.put("sender", group.sender);
            putIfPresent(groupJson, "senderQualifier", group.senderQualifier);
            groupJson.put("receiver", group.receiver);
            putIfPresent(groupJson, "receiverQualifier", group.receiverQualifier);
            groupJson.put("date", group.date);
            groupJson.put("time", group.time);
            putIfPresent(groupJson, "dateTime", group.dateTime);
            groupJson.put("controlNumber", group.controlNumber);
            putIfPresent(groupJson, "agency", group.agency);
            putIfPresent(groupJson, "version", group.version);
        }
        ObjectNode interchangeJson = envelope.putObject("interchange");
        interchangeJson.put("sender", interchange.sender);
        interchangeJson.put("senderQualifier", interchange.senderQualifier);
        interchangeJson.put("receiver", interchange.receiver);
        interchangeJson.put("receiverQualifier", interchange.receiverQualifier);
        interchangeJson.put("controlNumber", interchange.controlNumber);
        interchangeJson.put("date", interchange.date);
        interchangeJson.put("time", interchange.time);
        putIfPresent(interchangeJson, "dateTime", interchange.dateTime);
        interchangeJson.put("test", interchange.test);
        if (!interchange.isX12()) {
            interchangeJson.put("syntax", interchange.syntax);
        }
        interchangeJson.put("version", interchange.version);
        return envelope;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** {@code 2024-03-01T12:04} from YYMMDD or CCYYMMDD and HHMM[SS]; null when not a valid date and time. */
    static String isoDateTime(String date, String time) {
        if (date == null || time == null || !date.chars().allMatch(Character::isDigit)
                || !time.chars().allMatch(Character::isDigit) || time.length() < 4) {
            return null;
        }
        String fullDate;
        if (date.length() == 6) {
            fullDate = "20" + date;
        } else if (date.length() == 8) {
            fullDate = date;
        } else {
            return null;
        }
        String text = fullDate.substring(0, 4) + "-" + fullDate.substring(4, 6) + "-" + fullDate.substring(6, 8) + "T"
                + time.substring(0, 2) + ":" + time.substring(2, 4)
                + (time.length() >= 6 ? ":" + time.substring(4, 6) : "");
        try {
            LocalDateTime.parse(text);
            return text;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
