package io.waybill.hub.mqtt;

import io.waybill.adapter.mqtt.DeviceMessages;
import io.waybill.hub.ingest.Variables;
import io.waybill.hub.mapping.ActiveMappings;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gathers the messages the MQTT subscription receives into batches and hands each batch to the
 * batch route ({@code direct:ingest-mqtt-batch}), which archives, maps, dead-letters and publishes
 * it like a push's items. Batches go in several lanes at once (a batch waits for Kafka most of its
 * time); a device's messages always take the same lane, one batch after the other, so they reach
 * Kafka in the order they arrived. A message's own exchange stays in flight
 * until its batch is durable in Kafka: only then does it complete, and only then does the MQTT
 * consumer (manual acknowledgements) send the broker its PUBACK. A message the hub has not made
 * durable is therefore never acknowledged, and the broker delivers it again (same bytes, same event
 * ids) when the hub's session resumes.
 *
 * <p>Why not Camel's aggregator: it completes each incoming exchange as soon as it is aggregated,
 * which would acknowledge messages before they are durable. Why batches at all: one Kafka round
 * trip per message caps the rate at a few thousand per second; a batch costs about what one push
 * costs.
 *
 * <p>A batch Kafka refuses (Kafka down longer than the producer's delivery timeout) is tried again,
 * with growing pauses, until it is taken or the hub stops; meanwhile nothing is acknowledged, and the
 * broker stops sending once {@code waybill.mqtt.receive-maximum} messages wait.
 */
public final class MqttBatches extends ServiceSupport implements AsyncProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBatches.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final DeviceMessages messages;
    private final LongSupplier connection;
    private final ActiveMappings active;
    private final int batchSize;
    private final long lingerNanos;
    private final String batchEndpoint;
    private final Clock clock;
    private final List<BlockingQueue<Pending>> lanes = new ArrayList<>();
    private final List<Thread> flushers = new ArrayList<>();

    private CamelContext context;
    private ProducerTemplate template;
    private volatile boolean running;

    public MqttBatches(DeviceMessages messages, ActiveMappings active, LongSupplier connection, int lanes, int batchSize,
                       Duration linger, String batchEndpoint, Clock clock) {
        this.messages = messages;
        this.connection = connection;
        this.active = active;
        for (int lane = 0; lane < lanes; lane++) {
            this.lanes.add(new LinkedBlockingQueue<>());
        }
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.batchEndpoint = batchEndpoint;
        this.clock = clock;
    }

    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    /** A message from the subscription: attributed to its partner and device, then queued for its batch. */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        if (payload == null) {
            payload = new byte[0];
        }
        DeviceMessage message = new DeviceMessage(topic, payload, clock.instant(),
                messages.attribute(active.partners().all(), topic, payload.length));
        if (!running) {
            exchange.setException(new IllegalStateException("the hub is stopping; the broker delivers this message again"));
            callback.done(true);
            return true;
        }
        // One device's messages always take the same lane, so they reach Kafka in the order they arrived.
        String device = message.partnerOrUnknown() + "/" + message.attribution().device();
        lanes.get(Math.floorMod(device.hashCode(), lanes.size())).add(new Pending(message, exchange, callback, connection.getAsLong()));
        return false;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        process(exchange, sync -> done.complete(null));
        done.join();
    }

    @Override
    public CompletableFuture<Exchange> processAsync(Exchange exchange) {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        process(exchange, sync -> done.complete(exchange));
        return done;
    }

    @Override
    protected void doStart() {
        template = context.createProducerTemplate();
        running = true;
        for (int lane = 0; lane < lanes.size(); lane++) {
            BlockingQueue<Pending> queue = lanes.get(lane);
            Thread flusher = new Thread(() -> flushLoop(queue), "waybill-mqtt-batches-" + lane);
            flusher.setDaemon(true);
            flusher.start();
            flushers.add(flusher);
        }
    }

    /** Stops taking messages; what is queued is still handed on (the routes stop first, so little is). */
    @Override
    protected void doStop() throws Exception {
        running = false;
        for (Thread flusher : flushers) {
            flusher.join(TimeUnit.SECONDS.toMillis(30));
        }
        flushers.clear();
        for (BlockingQueue<Pending> queue : lanes) {
            Pending left;
            while ((left = queue.poll()) != null) {
                left.fail(new IllegalStateException("the hub stopped before this message was made durable; the broker delivers it again"));
            }
        }
        if (template != null) {
            template.stop();
        }
    }

    private void flushLoop(BlockingQueue<Pending> queue) {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                long deadline = System.nanoTime() + lingerNanos;
                while (batch.size() < batchSize) {
                    Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, batchSize - batch.size());
                }
                Map<String, List<Pending>> byPartner = new LinkedHashMap<>();
                for (Pending pending : batch) {
                    byPartner.computeIfAbsent(pending.message.partnerOrUnknown(), p -> new ArrayList<>()).add(pending);
                }
                byPartner.forEach(this::handOn);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("MQTT batching failed", e);
            }
        }
    }

    /** One partner's part of a batch, through the batch route until Kafka has it; then each message completes. */
    private void handOn(String partner, List<Pending> batch) {
        List<DeviceMessage> body = batch.stream().map(Pending::message).toList();
        Duration pause = FIRST_RETRY;
        while (true) {
            Exchange exchange = new DefaultExchange(context);
            exchange.setVariable(Variables.PARTNER, partner);
            exchange.getMessage().setBody(body);
            template.send(batchEndpoint, exchange);
            if (!exchange.isFailed()) {
                long now = connection.getAsLong();
                batch.forEach(pending -> pending.complete(now));
                return;
            }
            if (!running) {
                batch.forEach(p -> p.fail(exchange.getException()));
                return;
            }
            LOG.warn("{} MQTT message(s) of partner {} are not durable yet, trying again in {} ms (nothing is acknowledged"
                    + " meanwhile): {}", batch.size(), partner, pause.toMillis(), String.valueOf(exchange.getException()));
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.fail(exchange.getException()));
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
        }
    }


    private record Pending(DeviceMessage message, Exchange exchange, AsyncCallback callback, long connection) {

        /**
         * Completes the message's exchange, so the consumer acknowledges it; unless it came on an earlier
         * connection. The consumer would acknowledge its packet id on the current connection, where the
         * id may be another message's. The broker delivers it again on the resumed session instead, and
         * it is then a duplicate.
         */
        void complete(long currentConnection) {
            if (connection == currentConnection) {
                callback.done(false);
            } else {
                fail(new IllegalStateException("durable, but received on an earlier MQTT connection: not acknowledged on"
                        + " this one; the broker delivers it again and it is recognised as a duplicate"));
            }
        }

        void fail(Throwable cause) {
            exchange.setException(cause);
            callback.done(false);
        }
    }
}
