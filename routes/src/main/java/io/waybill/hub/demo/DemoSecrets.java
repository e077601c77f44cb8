package io.waybill.hub.demo;

import io.waybill.adapter.support.PartnerDeclaration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Push secrets for the demo partners, so {@code ./waybill demo} runs with nothing set up.
 * DEMO ONLY: these values are public (they are in the source); never configure a real partner
 * with them. A real {@code WAYBILL_SECRET_<PARTNER>} (or {@code ..._FILE}) in the environment wins.
 */
public final class DemoSecrets {

    /** The partners the demo pushes for; each is declared under mappings/. */
    public static final List<String> PARTNERS = List.of("acme-freight", "blue-ocean-lines", "northwind-haulage",
            "pacific-rail", "skyline-air-cargo", "reefer-link");

    private DemoSecrets() {
    }

    /** The demo-only secret of a demo partner: {@code demo-secret-<partner>}. */
    public static String secretOf(String partner) {
        return "demo-secret-" + partner;
    }

    /**
     * The environment plus a demo secret for each demo partner that has none configured there:
     * neither {@code WAYBILL_SECRET_<PARTNER>} nor {@code WAYBILL_SECRET_<PARTNER>_FILE}.
     */
    public static Map<String, String> withDemoSecrets(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(environment);
        for (String partner : PARTNERS) {
            String variable = PartnerDeclaration.secretEnvName(partner);
            if (isBlank(environment.get(variable)) && isBlank(environment.get(variable + "_FILE"))) {
                merged.put(variable, secretOf(partner));
            }
        }
        putIfUnset(environment, merged, POLL_KEY_VARIABLE, "demo-poll-key-meridian-ocean");
        putIfUnset(environment, merged, WEBHOOK_SECRET_VARIABLE, "demo-webhook-secret-coral-line");
        return merged;
    }

    /** The demo polled carrier's API key variable (meridian-ocean). */
    public static final String POLL_KEY_VARIABLE = "WAYBILL_POLL_SECRET_MERIDIAN_OCEAN";
    /** The demo webhook carrier's secret variable (coral-line). */
    public static final String WEBHOOK_SECRET_VARIABLE = "WAYBILL_WEBHOOK_SECRET_CORAL_LINE";

    private static void putIfUnset(Map<String, String> environment, Map<String, String> merged, String variable, String demoValue) {
        if (isBlank(environment.get(variable)) && isBlank(environment.get(variable + "_FILE"))) {
            merged.put(variable, demoValue);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
