package io.waybill.hub.carrier;

import io.waybill.hub.config.HubSettings;
import io.waybill.hub.kafka.Topics;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The beans the carrier routes call: polled APIs (ingress-poll.camel.yaml) and signed webhooks (ingress-webhook.camel.yaml). */
public final class CarrierChannels {

    private CarrierChannels() {
    }

    public static void bind(Main main, HubSettings settings, ActiveMappings mappings, Map<String, String> environment,
                            String bootstrap, Clock clock) {
        String secretsDir = settings.get(HubSettings.SECRETS_DIR);
        NamedSecrets secrets = new NamedSecrets(environment, secretsDir.isBlank() ? null : Path.of(secretsDir));
        CarrierPolls polls = new CarrierPolls(mappings, clock);
        main.bind("carrierPolls", polls);
        main.bind("pollSteps", new PollSteps(mappings, polls, new PollCursors(bootstrap, Topics.POLL_CURSORS), secrets, clock));
        main.bind("webhookAuthenticator", new WebhookAuthenticator(mappings, secrets, clock));
    }
}
