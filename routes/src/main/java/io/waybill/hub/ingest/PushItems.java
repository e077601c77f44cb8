package io.waybill.hub.ingest;

import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.rest.PushRejection;
import io.waybill.adapter.support.DocumentItems;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.Provenance;
import io.waybill.hub.edi.EdiMediaTypes;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;

import java.util.List;
import java.util.stream.Collectors;

/** Parses the push body into raw documents, one per item, carrying their provenance. */
public final class PushItems {

    private static final String JSON = "json";

    private final PushBodyParser parser;
    private final ActiveMappings mappings;

    public PushItems(PushBodyParser parser, ActiveMappings mappings) {
        this.parser = parser;
        this.mappings = mappings;
    }

    /**
     * The push's wire format from its Content-Type ({@code json}, {@code x12}, {@code edifact}) into
     * {@link Variables#FORMAT}; 415 unless the partner declares that format on its {@code rest} channel.
     */
    public void format(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        String partnerId = exchange.getVariable(Variables.PARTNER, String.class);
        boolean webhook = "webhook".equals(Variables.channel(exchange));
        List<String> declared = webhook ? List.of(JSON) : mappings.partners().find(partnerId)
                .map(PartnerDeclaration::channels).map(PartnerDeclaration.Channels::rest).map(PartnerDeclaration.Rest::formats)
                .orElse(List.of(JSON));
        String format = formatOf(push.contentType());
        String accepted = declared.stream().map(f -> f.equals(JSON) ? PushBodyParser.JSON : EdiMediaTypes.mediaTypeOf(f))
                .collect(Collectors.joining(" or "));
        if (format == null) {
            throw new PushRejection(415, "unsupported_media_type", "content type '" + (push.contentType() == null ? ""
                    : push.contentType()) + "' is not accepted; send " + accepted);
        }
        if (!declared.contains(format)) {
            throw new PushRejection(415, "unsupported_media_type", "partner '" + partnerId + "' does not declare " + format
                    + " on its rest channel (channels.rest.formats: " + declared + "); send " + accepted);
        }
        exchange.setVariable(Variables.FORMAT, format);
    }

    /**
     * Parses a JSON body: one document per object of the batch, or, for a partner whose rest channel
     * declares {@code items}, one per item of each document (the events of an EPCIS document).
     */
    public void parse(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        String channel = Variables.channel(exchange);
        Provenance provenance = new Provenance(push.partner(), channel, JSON, push.receivedAt(),
                exchange.getVariable(Variables.RAW_REF, String.class), 0, push.traceparent());
        DocumentItems items = RawArchive.CHANNEL_REST.equals(channel) ? mappings.partners().find(push.partner())
                .map(PartnerDeclaration::channels).map(PartnerDeclaration.Channels::rest)
                .flatMap(PartnerDeclaration.Rest::documentItems).orElse(null) : null;
        exchange.getMessage().setBody(parser.parse(push.body(), provenance, items));
    }

    /** {@code json} for JSON media types (and {@code +json} ones), {@code x12} or {@code edifact} for EDI, else null. */
    static String formatOf(String contentType) {
        String mediaType = EdiMediaTypes.mediaType(contentType);
        if (mediaType.equals(PushBodyParser.JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            return JSON;
        }
        return EdiMediaTypes.formatOf(mediaType);
    }
}
