package io.waybill.hub.carrier;

import io.waybill.hub.config.HubSettings;
import io.waybill.hub.kafka.Topics;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.DefaultRegistry;

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
        CarrierBreakers breakers = new CarrierBreakers();
        CarrierPolls polls = new CarrierPolls(mappings, breakers, clock);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                // Before start: the registry's list of repositories is not to change while the hub runs.
                ((DefaultRegistry) configured.getCamelContext().getRegistry()).addBeanRepository(breakers);
            }
        });
        main.bind("carrierPolls", polls);
        main.bind("pollSteps", new PollSteps(mappings, polls, new PollCursors(bootstrap, Topics.POLL_CURSORS), secrets, clock));
        main.bind("webhookAuthenticator", new WebhookAuthenticator(mappings, secrets, clock));
    }
}
