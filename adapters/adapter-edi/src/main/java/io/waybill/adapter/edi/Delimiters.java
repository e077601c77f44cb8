package io.waybill.adapter.edi;

import io.xlate.edi.stream.EDIStreamConstants;

import java.util.Map;

/** The delimiters of one interchange, for writing its segments back as text. */
record Delimiters(char segment, char element, char component, char repetition, char release) {

    static Delimiters of(Map<String, Character> fromReader) {
        return new Delimiters(
                fromReader.getOrDefault(EDIStreamConstants.Delimiters.SEGMENT, '~'),
                fromReader.getOrDefault(EDIStreamConstants.Delimiters.DATA_ELEMENT, '*'),
                fromReader.getOrDefault(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, ':'),
                fromReader.getOrDefault(EDIStreamConstants.Delimiters.REPETITION, '\0'),
                fromReader.getOrDefault(EDIStreamConstants.Delimiters.RELEASE, '\0'));
    }

    /** Appends {@code value}, putting the release character before delimiters (EDIFACT) when there is one. */
    void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (release != '\0' && (c == segment || c == element || c == component || c == release
                    || (repetition != '\0' && c == repetition))) {
                out.append(release);
            }
            out.append(c);
        }
    }
}
