package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.xlate.edi.stream.EDIStreamValidationError;

import java.util.Map;

/**
 * The codes the standards give for what the reader finds, at each level. X12: TA1 note codes
 * (element I18), AK9 functional group syntax error codes (716), AK5/IK5 transaction set syntax error
 * codes (718), AK3/IK3 segment syntax error codes (720/620) and AK4/IK4 element syntax error codes
 * (723/621) — only codes valid in both 997 and 999 are used. EDIFACT: syntax error codes (0085)
 * for UCI, UCF, UCM, UCS and UCD.
 */
final class StandardCodes {

    static final String X12 = "X12";

    private StandardCodes() {
    }

    /** TA1 note code for an invalid ISA element, by position. */
    private static final Map<Integer, String> TA1_BY_ISA_ELEMENT = Map.ofEntries(
            Map.entry(1, "010"), Map.entry(2, "011"), Map.entry(3, "012"), Map.entry(4, "013"),
            Map.entry(5, "005"), Map.entry(6, "006"), Map.entry(7, "007"), Map.entry(8, "008"),
            Map.entry(9, "014"), Map.entry(10, "015"), Map.entry(11, "016"), Map.entry(12, "017"),
            Map.entry(13, "018"), Map.entry(14, "019"), Map.entry(15, "020"), Map.entry(16, "027"));

    static Code code(EDIStreamValidationError error) {
        switch (error) {
            case UNEXPECTED_SEGMENT:
            case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT:
            case SEGMENT_EXCLUSION_CONDITION_VIOLATED:
                return Code.UNEXPECTED_SEGMENT;
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET:
                return Code.SEGMENT_NOT_IN_TRANSACTION_SET;
            case SEGMENT_NOT_IN_PROPER_SEQUENCE:
                return Code.SEGMENT_OUT_OF_SEQUENCE;
            case MANDATORY_SEGMENT_MISSING:
            case CONDITIONAL_REQUIRED_SEGMENT_MISSING:
            case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES:
            case IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE:
                return Code.MANDATORY_SEGMENT_MISSING;
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES:
                return Code.LOOP_OVER_MAXIMUM;
            case SEGMENT_EXCEEDS_MAXIMUM_USE:
                return Code.SEGMENT_OVER_MAXIMUM;
            case REQUIRED_DATA_ELEMENT_MISSING:
            case IMPLEMENTATION_TOO_FEW_REPETITIONS:
                return Code.MANDATORY_ELEMENT_MISSING;
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING:
                return Code.CONDITIONAL_ELEMENT_MISSING;
            case TOO_MANY_DATA_ELEMENTS:
            case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT:
                return Code.TOO_MANY_ELEMENTS;
            case EXCLUSION_CONDITION_VIOLATED:
                return Code.EXCLUSION_VIOLATED;
            case TOO_MANY_REPETITIONS:
                return Code.TOO_MANY_REPETITIONS;
            case TOO_MANY_COMPONENTS:
                return Code.TOO_MANY_COMPONENTS;
            case DATA_ELEMENT_TOO_SHORT:
                return Code.ELEMENT_TOO_SHORT;
            case DATA_ELEMENT_TOO_LONG:
                return Code.ELEMENT_TOO_LONG;
            case INVALID_CHARACTER_DATA:
                return Code.INVALID_CHARACTER;
            case INVALID_DATE:
                return Code.INVALID_DATE;
            case INVALID_TIME:
                return Code.INVALID_TIME;
            default:
                return Code.INVALID_CODE;
        }
    }

    /** AK3/IK3 (X12) or UCS (EDIFACT) code of a segment finding. */
    static String segment(String standard, Code code) {
        boolean x12 = X12.equals(standard);
        switch (code) {
            case UNEXPECTED_SEGMENT:
                return x12 ? "2" : "15";
            case MANDATORY_SEGMENT_MISSING:
                return x12 ? "3" : "13";
            case LOOP_OVER_MAXIMUM:
                return x12 ? "4" : "36";
            case SEGMENT_OVER_MAXIMUM:
                return x12 ? "5" : "35";
            case SEGMENT_NOT_IN_TRANSACTION_SET:
                return x12 ? "6" : "15";
            case SEGMENT_OUT_OF_SEQUENCE:
                return x12 ? "7" : "15";
            default:
                return null;
        }
    }

    /** AK4/IK4 (X12) or UCD / envelope-element (EDIFACT) code of an element finding. */
    static String element(String standard, Code code) {
        boolean x12 = X12.equals(standard);
        switch (code) {
            case MANDATORY_ELEMENT_MISSING:
                return x12 ? "1" : "13";
            case CONDITIONAL_ELEMENT_MISSING:
                return x12 ? "2" : "13";
            case TOO_MANY_ELEMENTS:
                return x12 ? "3" : "16";
            case ELEMENT_TOO_SHORT:
                return x12 ? "4" : "40";
            case ELEMENT_TOO_LONG:
                return x12 ? "5" : "39";
            case INVALID_CHARACTER:
                return x12 ? "6" : "37";
            case INVALID_CODE:
                return x12 ? "7" : "12";
            case INVALID_DATE:
                return x12 ? "8" : "12";
            case INVALID_TIME:
                return x12 ? "9" : "12";
            case EXCLUSION_VIOLATED:
                return x12 ? "10" : "12";
            case TOO_MANY_REPETITIONS:
                return x12 ? "12" : "16";
            case TOO_MANY_COMPONENTS:
                return x12 ? "13" : "16";
            default:
                return null;
        }
    }

    /** TA1 note code (X12) or UCI code (EDIFACT) for an invalid interchange header or trailer element. */
    static String interchangeElement(String standard, String segmentTag, int position, Code code) {
        if (!X12.equals(standard)) {
            return element(standard, code);
        }
        if ("IEA".equals(segmentTag)) {
            return position == 1 ? "021" : "018";
        }
        return TA1_BY_ISA_ELEMENT.getOrDefault(position, "022");
    }

    /** AK9 code (X12) or UCF code (EDIFACT) for an invalid group header or trailer element, or null. */
    static String groupElement(String standard, String segmentTag, int position, Code code) {
        if (!X12.equals(standard)) {
            return element(standard, code);
        }
        if (("GS".equals(segmentTag) && position == 6) || ("GE".equals(segmentTag) && position == 2)) {
            return "6";
        }
        if ("GS".equals(segmentTag) && position == 1) {
            return "1";
        }
        if ("GS".equals(segmentTag) && position == 8) {
            return "2";
        }
        return null;
    }

    /** AK5/IK5 code (X12) or UCM code (EDIFACT) for an invalid transaction header or trailer element. */
    static String transactionElement(String standard, String segmentTag, int position, Code code) {
        if (!X12.equals(standard)) {
            return element(standard, code);
        }
        if ("ST".equals(segmentTag)) {
            return position == 1 ? "6" : position == 2 ? "7" : null;
        }
        return position == 1 ? "4" : "7";
    }

    /** The code of an envelope structure finding at its level. */
    static String envelope(String standard, EdiFinding.Level level, Code code) {
        boolean x12 = X12.equals(standard);
        switch (level) {
            case INTERCHANGE:
                switch (code) {
                    case CONTROL_NUMBER_MISMATCH:
                        return x12 ? "001" : "28";
                    case COUNT_MISMATCH:
                        return x12 ? "021" : "29";
                    case TRAILER_MISSING:
                        return x12 ? "023" : "13";
                    case UNEXPECTED_SEGMENT:
                        return x12 ? "024" : "33";
                    case DUPLICATE_CONTROL_NUMBER:
                        return x12 ? "025" : "26";
                    case UNREADABLE:
                        return x12 ? "024" : "18";
                    default:
                        return null;
                }
            case GROUP:
                switch (code) {
                    case CONTROL_NUMBER_MISMATCH:
                        return x12 ? "4" : "28";
                    case COUNT_MISMATCH:
                        return x12 ? "5" : "29";
                    case TRAILER_MISSING:
                        return x12 ? "3" : "13";
                    case DUPLICATE_CONTROL_NUMBER:
                        return x12 ? null : "26";
                    default:
                        return null;
                }
            case TRANSACTION:
                switch (code) {
                    case CONTROL_NUMBER_MISMATCH:
                        return x12 ? "3" : "28";
                    case COUNT_MISMATCH:
                        return x12 ? "4" : "29";
                    case TRAILER_MISSING:
                        return x12 ? "2" : "13";
                    case DUPLICATE_CONTROL_NUMBER:
                        return x12 ? "23" : "26";
                    default:
                        return null;
                }
            default:
                return null;
        }
    }
}
