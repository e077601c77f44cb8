package io.waybill.hub.edi;

import java.util.Locale;

/**
 * The media types of EDI on the partner push (RFC 1767), and the wire formats ({@code x12},
 * {@code edifact}, as partner declarations and raw documents name them) they stand for.
 */
public final class EdiMediaTypes {

    /** An X12 body, and an answer made of X12 acknowledgments. */
    public static final String X12 = "application/edi-x12";
    /** An EDIFACT body, and an answer made of CONTRL messages. */
    public static final String EDIFACT = "application/edifact";

    public static final String FORMAT_X12 = "x12";
    public static final String FORMAT_EDIFACT = "edifact";

    private EdiMediaTypes() {
    }

    /** {@code x12} or {@code edifact} for an EDI media type (parameters and case ignored), else null. */
    public static String formatOf(String contentType) {
        String mediaType = mediaType(contentType);
        if (mediaType.equals(X12)) {
            return FORMAT_X12;
        }
        if (mediaType.equals(EDIFACT)) {
            return FORMAT_EDIFACT;
        }
        return null;
    }

    /** The media type of a wire format, for messages to the partner. */
    public static String mediaTypeOf(String format) {
        return switch (format) {
            case FORMAT_X12 -> X12;
            case FORMAT_EDIFACT -> EDIFACT;
            default -> "application/" + format;
        };
    }

    /** The standard an EDI format carries, as interchange ids name it: {@code X12} or {@code EDIFACT}. */
    public static String standardOf(String format) {
        return FORMAT_X12.equals(format) ? "X12" : "EDIFACT";
    }

    /** Whether an {@code Accept} header asks for the acknowledgments themselves: its first type is an EDI type. */
    public static boolean acceptsEdi(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        return formatOf(accept.split(",", 2)[0]) != null;
    }

    /** The media type of a Content-Type or Accept entry: lower case, without parameters. */
    public static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }
}
