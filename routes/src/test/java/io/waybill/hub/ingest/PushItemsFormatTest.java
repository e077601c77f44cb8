package io.waybill.hub.ingest;

import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.rest.PushRejection;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.mapping.ActiveMappings;
import io.waybill.mapping.MappingCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The push's format comes from its Content-Type, and only a format the partner declares on rest is read. */
class PushItemsFormatTest {

    @TempDir
    Path mappings;

    private PushItems pushItems() throws IOException {
        Files.createDirectories(mappings.resolve("edi-carrier"));
        Files.writeString(mappings.resolve("edi-carrier/partner.yaml"), """
                id: edi-carrier
                name: EDI carrier
                owner: edi@carrier.example
                channels:
                  rest: {formats: [json, x12]}
                edi:
                  senders: [02:ACMF]
                """);
        return new PushItems(new PushBodyParser(10), new ActiveMappings(PartnerRegistry.load(mappings), new MappingCatalog(List.of())));
    }

    private static Exchange push(String contentType) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setVariable(Variables.PARTNER, "edi-carrier");
        exchange.setVariable(Variables.PUSH, new PushRequest("edi-carrier", null, null, contentType, null, new byte[0], Instant.now()));
        return exchange;
    }

    @Test
    void json_and_declared_edi_media_types_name_their_format() throws IOException {
        PushItems items = pushItems();
        for (String[] pair : new String[][] {{"application/json", "json"}, {"application/vnd.acme+json; charset=utf-8", "json"},
                {"Application/EDI-X12", "x12"}, {"application/edi-x12; charset=us-ascii", "x12"}}) {
            Exchange exchange = push(pair[0]);
            items.format(exchange);
            assertThat(exchange.getVariable(Variables.FORMAT, String.class)).as(pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void an_edi_format_the_partner_does_not_declare_is_refused_with_415_naming_what_it_may_send() throws IOException {
        PushRejection rejection = catchThrowableOfType(PushRejection.class, () -> pushItems().format(push("application/edifact")));

        assertThat(rejection.status()).isEqualTo(415);
        assertThat(rejection.reason()).contains("does not declare edifact", "[json, x12]", "application/json or application/edi-x12");
    }

    @Test
    void an_unknown_media_type_is_refused_with_415() throws IOException {
        PushRejection rejection = catchThrowableOfType(PushRejection.class, () -> pushItems().format(push("text/csv")));

        assertThat(rejection.status()).isEqualTo(415);
        assertThat(rejection.reason()).contains("'text/csv' is not accepted");
    }
}
