package io.waybill.hub;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One route per partner from a route template, kept in step with the partner declarations: a partner that appears
 * gets its route, a partner whose parameters changed gets a new one, a withdrawn partner loses it. The carrier polls
 * and the SFTP pickups use it, each from a timer that calls {@link #reconcile} every few seconds.
 *
 * <p>Nothing is done before the Camel context has finished starting. Camel starts a route added to a context only
 * when the context is started and not starting ({@code DefaultModel.shouldStartRoutes}); a route added while it is
 * still starting is kept in the model and never started. A Camel timer first fires from a start-up listener, when the
 * context is almost but not yet started, so on a busy machine the first carriers of a hub were set up in that window
 * and never polled, without an error (the CI run of 2026-11-28).
 */
public final class PartnerRoutes {

    /** What a user of the routes adds around them: the per-partner set-up and the log lines. */
    public interface Lifecycle {

        /** Before the partner's route is added (its own breaker or client, say); a failure skips the partner. */
        default void preparing(String partner, Map<String, Object> parameters) {
        }

        /** The partner's route is added and, the context being started, running. */
        void added(String partner, Map<String, Object> parameters);

        /** The partner's route is stopped and removed; {@code changed} when a new one replaces it. */
        void removed(String partner, boolean changed);

        /** The partner's route could not be set up; it is tried again when the declarations next change. */
        void failed(String partner, RuntimeException e);
    }

    private final String template;
    private final String routePrefix;
    private final Map<String, Map<String, Object>> running = new HashMap<>();
    private Object reconciled;

    /**
     * @param template    the route template's id
     * @param routePrefix each partner's route is this prefix and the partner's id
     */
    public PartnerRoutes(String template, String routePrefix) {
        this.template = template;
        this.routePrefix = routePrefix;
    }

    /** Whether routes added now would run: the context has finished starting (and is not stopping). */
    public static boolean canAddRoutes(CamelContext context) {
        return context.isStarted() && !context.isStarting();
    }

    /**
     * Adds, replaces and removes routes until there is one per wanted partner, with its parameters.
     *
     * @param declarations the declarations {@code wanted} is read from; when they are the ones last acted on (the same
     *                     object), nothing is done
     * @param wanted       each partner's template parameters, read only when something may have changed
     */
    public synchronized void reconcile(CamelContext context, Object declarations,
                                          Supplier<Map<String, Map<String, Object>>> wanted,
                                          Lifecycle lifecycle) throws Exception {
        if (declarations == reconciled || !canAddRoutes(context)) {
            return; // unchanged, or the context still starting: the next call acts
        }
        Map<String, Map<String, Object>> parameters = wanted.get();
        for (String partner : running.keySet().toArray(String[]::new)) {
            if (!running.get(partner).equals(parameters.get(partner))) {
                context.getRouteController().stopRoute(routePrefix + partner);
                context.removeRoute(routePrefix + partner);
                running.remove(partner);
                lifecycle.removed(partner, parameters.containsKey(partner));
            }
        }
        parameters.forEach((partner, values) -> {
            if (!running.containsKey(partner)) {
                try {
                    lifecycle.preparing(partner, values);
                    TemplatedRouteBuilder.builder(context, template).routeId(routePrefix + partner).parameters(values).add();
                    running.put(partner, values);
                    lifecycle.added(partner, values);
                } catch (RuntimeException e) {
                    lifecycle.failed(partner, e);
                }
            }
        });
        // Only now: a route that could not be stopped above is tried again at the next call.
        reconciled = declarations;
    }
}
