package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Code;
import io.waybill.adapter.edi.TransactionStructure.Element;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * Checks one segment's elements against its definition in the transaction schema: mandatory
 * elements and components, too many elements, components or repetitions, and the base types that
 * matter to mappings (dates, times, numbers) and lengths. Code values are not judged.
 */
final class SegmentChecks {

    /** Receives one element finding. */
    interface Sink {
        void element(Code code, int element, int component, int repetition, String data);
    }

    private SegmentChecks() {
    }

    static void check(SegmentBuilder segment, TransactionStructure.Segment definition, Sink sink) {
        Element[] elements = definition.elements;
        int count = Math.max(segment.elementCount(), elements.length);
        for (int position = 1; position <= count; position++) {
            List<SegmentBuilder.Occurrence> occurrences = segment.occurrences(position);
            Element element = position <= elements.length ? elements[position - 1] : null;
            if (element == null) {
                String data = firstValue(occurrences);
                if (data != null) {
                    sink.element(Code.TOO_MANY_ELEMENTS, position, -1, 1, data);
                }
                continue;
            }
            if (firstValue(occurrences) == null) {
                if (element.min >= 1) {
                    sink.element(Code.MANDATORY_ELEMENT_MISSING, position, -1, 1, null);
                }
                continue;
            }
            if (occurrences.size() > 1 && element.max <= 1) {
                sink.element(Code.TOO_MANY_REPETITIONS, position, -1, 2, null);
            }
            for (int r = 0; r < occurrences.size(); r++) {
                checkOccurrence(occurrences.get(r), element, position, r + 1, sink);
            }
        }
    }

    private static void checkOccurrence(SegmentBuilder.Occurrence occurrence, Element element, int position,
                                        int repetition, Sink sink) {
        List<String> values = occurrence.components;
        if (element.components == null) {
            for (int c = 1; c < values.size(); c++) {
                if (!values.get(c).isEmpty()) {
                    sink.element(Code.TOO_MANY_COMPONENTS, position, c + 1, repetition, values.get(c));
                    break;
                }
            }
            checkValue(values.isEmpty() ? "" : values.get(0), element, position, -1, repetition, sink);
            return;
        }
        if (occurrence.isEmpty()) {
            return;
        }
        Element[] components = element.components;
        for (int c = 1; c <= Math.max(values.size(), components.length); c++) {
            String value = c <= values.size() ? values.get(c - 1) : "";
            if (c > components.length) {
                if (!value.isEmpty()) {
                    sink.element(Code.TOO_MANY_COMPONENTS, position, c, repetition, value);
                    return;
                }
                continue;
            }
            if (value.isEmpty()) {
                if (components[c - 1].min >= 1) {
                    sink.element(Code.MANDATORY_ELEMENT_MISSING, position, c, repetition, null);
                }
                continue;
            }
            checkValue(value, components[c - 1], position, c, repetition, sink);
        }
    }

    private static void checkValue(String value, Element element, int position, int component, int repetition,
                                   Sink sink) {
        if (value.isEmpty() || element.base == null) {
            return;
        }
        Code problem = null;
        switch (element.base) {
            case DATE:
                problem = validDate(value) ? null : Code.INVALID_DATE;
                break;
            case TIME:
                problem = validTime(value) ? null : Code.INVALID_TIME;
                break;
            case NUMERIC:
                problem = isNumber(value, false) ? null : Code.INVALID_CHARACTER;
                break;
            case DECIMAL:
                problem = isNumber(value, true) ? null : Code.INVALID_CHARACTER;
                break;
            default:
                break;
        }
        if (problem == null && value.length() > element.maxLength) {
            problem = Code.ELEMENT_TOO_LONG;
        }
        if (problem != null) {
            sink.element(problem, position, component, repetition, value);
        }
    }

    /** CCYYMMDD or YYMMDD (20YY), a real calendar day. */
    static boolean validDate(String value) {
        if ((value.length() != 8 && value.length() != 6) || !digits(value)) {
            return false;
        }
        int offset = value.length() - 6;
        int year = value.length() == 8 ? Integer.parseInt(value.substring(0, 4)) : 2000 + Integer.parseInt(value.substring(0, 2));
        try {
            LocalDate.of(year, Integer.parseInt(value.substring(2 + offset, 4 + offset)),
                    Integer.parseInt(value.substring(4 + offset, 6 + offset)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** HHMM, HHMMSS or HHMMSS followed by decimal seconds. */
    static boolean validTime(String value) {
        if (value.length() < 4 || value.length() == 5 || value.length() > 8 || !digits(value)) {
            return false;
        }
        if (Integer.parseInt(value.substring(0, 2)) > 23 || Integer.parseInt(value.substring(2, 4)) > 59) {
            return false;
        }
        return value.length() < 6 || Integer.parseInt(value.substring(4, 6)) <= 59;
    }

    /** Digits with an optional leading minus; decimals may hold one decimal mark ('.' or ','). */
    private static boolean isNumber(String value, boolean decimal) {
        int start = value.charAt(0) == '-' ? 1 : 0;
        boolean digit = false;
        boolean mark = false;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (decimal && !mark && (c == '.' || c == ',')) {
                mark = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static boolean digits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String firstValue(List<SegmentBuilder.Occurrence> occurrences) {
        for (SegmentBuilder.Occurrence occurrence : occurrences) {
            for (String component : occurrence.components) {
                if (!component.isEmpty()) {
                    return component;
                }
            }
        }
        return null;
    }
}
