package io.waybill.hub.carrier;

import io.waybill.adapter.rest.PushRejection;
import io.waybill.adapter.rest.WebhookSignatureVerifier;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.WebhookChannel;
import io.waybill.hub.ingest.PushRequest;
import io.waybill.hub.ingest.Variables;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that a webhook call comes from the partner in its URL, by the signature scheme that partner declares
 * ({@code channels.webhook.signature}), under its current secret or, during a rotation, its previous one. A body-only
 * scheme carries no time, so a replayed call is not refused here: its events are recognised as duplicates.
 */
public final class WebhookAuthenticator {

    /** Exchange variable: the request's headers, taken before the push reader clears them. */
    public static final String HEADERS = "webhookHeaders";
    /** Exchange variable {@link Variables#CHANNEL} value of webhook calls. */
    public static final String CHANNEL = "webhook";

    private final ActiveMappings active;
    private final NamedSecrets secrets;
    private final Clock clock;

    public WebhookAuthenticator(ActiveMappings active, NamedSecrets secrets, Clock clock) {
        this.active = active;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** First step of a webhook call: its headers, for the signature check after the reader. */
    public void capture(Exchange exchange) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel")) {
                headers.put(name, String.valueOf(value));
            }
        });
        exchange.setVariable(HEADERS, headers);
        exchange.setVariable(Variables.CHANNEL, CHANNEL);
    }

    @SuppressWarnings("unchecked")
    public void authenticate(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        PartnerDeclaration partner = active.partners().find(push.partner()).orElseThrow(() ->
                new PushRejection(403, "unknown_partner", "partner '" + push.partner() + "' is not declared on this hub"));
        exchange.setVariable(Variables.PARTNER, partner.id());
        WebhookChannel webhook = partner.channels().webhook();
        if (webhook == null) {
            throw new PushRejection(403, "channel_closed", "partner '" + partner.id() + "' has no webhook channel");
        }
        Map<String, String> headers = exchange.getVariable(HEADERS, Map.class);
        WebhookSignatureVerifier.verify(partner.id(), webhook.signature(), secretsOf(partner.id()), headers::get, push.body(),
                clock.instant());
    }

    /** The partner's valid webhook secrets: the current one, and the previous one while a rotation lasts. */
    List<String> secretsOf(String partner) {
        String variable = NamedSecrets.name(NamedSecrets.WEBHOOK_PREFIX, partner);
        List<String> valid = new ArrayList<>(2);
        secrets.get(variable).ifPresent(valid::add);
        secrets.get(variable + NamedSecrets.PREVIOUS_SUFFIX).ifPresent(valid::add);
        return valid;
    }
}
