package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.xlate.edi.stream.Location;

/** The messages of findings: what is wrong and where, for the partner's engineer. */
final class FindingMessages {

    private static final int MAX_DATA = 99;

    private FindingMessages() {
    }

    static String segmentMessage(Code code, String tag, int position, String loop) {
        String place = " at segment " + position + " of the transaction" + (loop == null ? "" : " (loop " + loop + ")");
        switch (code) {
            case MANDATORY_SEGMENT_MISSING:
                return "mandatory segment " + tag + " is missing" + place;
            case SEGMENT_NOT_IN_TRANSACTION_SET:
                return "segment " + tag + place + " is not part of this transaction type; it is kept where it was found";
            case SEGMENT_OUT_OF_SEQUENCE:
                return "segment " + tag + place + " is out of sequence";
            case LOOP_OVER_MAXIMUM:
                return "loop started by " + tag + place + " repeats more often than allowed";
            case SEGMENT_OVER_MAXIMUM:
                return "segment " + tag + place + " repeats more often than allowed";
            default:
                return "segment " + tag + place + " is not expected there; it is kept where it was found";
        }
    }

    static String elementMessage(Code code, Location location, String text) {
        return contentElementMessage(code, elementName(location), location.getSegmentTag(), text);
    }

    static String contentElementMessage(Code code, String name, String segmentTag, String text) {
        String value = text == null || text.isEmpty() ? "" : " '" + truncate(text) + "'";
        switch (code) {
            case MANDATORY_ELEMENT_MISSING:
                return "mandatory element " + name + " is missing";
            case CONDITIONAL_ELEMENT_MISSING:
                return "element " + name + " is required by another element of the segment but missing";
            case TOO_MANY_ELEMENTS:
                return "segment " + segmentTag + " has too many elements (" + name + value + ")";
            case TOO_MANY_COMPONENTS:
                return "element " + name + " has too many components";
            case TOO_MANY_REPETITIONS:
                return "element " + name + " repeats too often";
            case ELEMENT_TOO_SHORT:
                return "element " + name + value + " is too short";
            case ELEMENT_TOO_LONG:
                return "element " + name + value + " is too long";
            case INVALID_CHARACTER:
                return "element " + name + value + " has characters its type does not allow";
            case INVALID_DATE:
                return "element " + name + value + " is not a valid date";
            case INVALID_TIME:
                return "element " + name + value + " is not a valid time";
            case EXCLUSION_VIOLATED:
                return "element " + name + value + " excludes another element present in the segment";
            default:
                return "element " + name + value + " has an invalid value";
        }
    }

    static String elementName(Location location) {
        String tag = location.getSegmentTag() == null ? "?" : location.getSegmentTag();
        int element = location.getElementPosition();
        String name = tag + (element < 10 ? "0" : "") + Math.max(element, 0);
        if (location.getComponentPosition() > 0) {
            name += "-" + location.getComponentPosition();
        }
        return name;
    }

    static String truncate(String data) {
        return data.length() <= MAX_DATA ? data : data.substring(0, MAX_DATA);
    }
}
