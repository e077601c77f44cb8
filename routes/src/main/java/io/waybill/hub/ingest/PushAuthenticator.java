package io.waybill.hub.ingest;

import io.waybill.adapter.rest.PushRejection;
import io.waybill.adapter.rest.ReplayGuard;
import io.waybill.adapter.rest.SignatureVerifier;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Clock;
import java.util.List;

/**
 * Checks that the push comes from the partner in its URL: a declared partner with the REST
 * channel open, a valid signature within the time window, and not a replay.
 */
public final class PushAuthenticator implements Processor {

    private final ActiveMappings active;
    private final SignatureVerifier verifier;
    private final ReplayGuard replayGuard;
    private final Clock clock;

    public PushAuthenticator(ActiveMappings active, SignatureVerifier verifier, ReplayGuard replayGuard, Clock clock) {
        this.active = active;
        this.verifier = verifier;
        this.replayGuard = replayGuard;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        PushRequest push = exchange.getVariable(Variables.PUSH, PushRequest.class);
        PartnerRegistry partners = active.partners();
        PartnerDeclaration partner = partners.find(push.partner()).orElseThrow(() ->
                new PushRejection(403, "unknown_partner", "partner '" + push.partner() + "' is not declared on this hub"));
        exchange.setVariable(Variables.PARTNER, partner.id());
        if (!partner.channels().restEnabled()) {
            throw new PushRejection(403, "channel_closed", "partner '" + partner.id() + "' may not push over HTTP");
        }
        List<String> others = partners.all().stream().map(PartnerDeclaration::id).toList();
        String seen = verifier.verify(partner.id(), others, push.timestamp(), push.signature(), push.body(), clock.instant());
        exchange.setVariable(Variables.SIGNATURE_KEY, seen);
    }

    /** A push that failed on the hub's side may be resent with the same signature. */
    public void forgetSignature(Exchange exchange) {
        String seen = exchange.getVariable(Variables.SIGNATURE_KEY, String.class);
        if (seen != null) {
            replayGuard.forget(seen);
        }
    }
}
