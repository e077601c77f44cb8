package io.waybill.hub;

import io.waybill.adapter.edi.Acknowledgments;
import io.waybill.adapter.edi.EdiReader;
import io.waybill.adapter.rest.PushBodyParser;
import io.waybill.adapter.rest.ReplayGuard;
import io.waybill.adapter.rest.SignatureVerifier;
import io.waybill.adapter.support.InvalidDeclarationException;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.hub.broker.EmbeddedBrokers;
import io.waybill.hub.carrier.CarrierChannels;
import io.waybill.hub.broker.PortCheck;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.config.PartnerSecrets;
import io.waybill.hub.config.StartupException;
import io.waybill.hub.edi.AckConnection;
import io.waybill.hub.edi.AckNumbers;
import io.waybill.hub.edi.EdiAcknowledger;
import io.waybill.hub.edi.EdiAnswer;
import io.waybill.hub.edi.EdiIntake;
import io.waybill.hub.edi.EdiReceiver;
import io.waybill.hub.edi.SeenInterchanges;
import io.waybill.hub.files.FileChannels;
import io.waybill.hub.ingest.DeadLetters;
import io.waybill.hub.ingest.ItemNormalizer;
import io.waybill.hub.ingest.ObservationSmoother;
import io.waybill.hub.ingest.PushAuthenticator;
import io.waybill.hub.ingest.PushItems;
import io.waybill.hub.ingest.PublishedIds;
import io.waybill.hub.ingest.PushPublication;
import io.waybill.hub.ingest.PushRequestReader;
import io.waybill.hub.ingest.PushResponse;
import io.waybill.hub.ingest.RawArchive;
import io.waybill.hub.kafka.StoppableIdempotentRepository;
import io.waybill.hub.kafka.TopicProvisioner;
import io.waybill.hub.kafka.Topics;
import io.waybill.hub.mapping.ActiveMappings;
import io.waybill.hub.mapping.MappingReloader;
import io.waybill.hub.mapping.MappingStatus;
import io.waybill.hub.mqtt.MqttChannel;
import io.waybill.hub.mqtt.MqttConnection;
import io.waybill.hub.scoring.ScoringSetup;
import io.waybill.mapping.MappingException;
import io.waybill.mapping.MappingLoader;
import io.waybill.schema.SchemaValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running hub: settings checked, embedded brokers (unless external ones are configured),
 * topics in place, then Camel with the YAML routes. {@link #close()} stops intake first (Camel's
 * graceful shutdown lets in-flight pushes finish), then the brokers.
 */
public final class WaybillHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WaybillHub.class);
    /** Ids this instance recorded lately, recognised before the shared repository reads them back. */
    private static final int RECENT_IDS = 100_000;

    private final HubSettings settings;
    private final EmbeddedBrokers brokers;
    private final String bootstrapServers;
    private final String artemisUrl;
    private final Main main;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final MqttConnection mqtt;

    private WaybillHub(HubSettings settings, EmbeddedBrokers brokers, String bootstrapServers, String artemisUrl, Main main,
                       MqttConnection mqtt) {
        this.mqtt = mqtt;
        this.settings = settings;
        this.brokers = brokers;
        this.bootstrapServers = bootstrapServers;
        this.artemisUrl = artemisUrl;
        this.main = main;
    }

    /** Starts everything; returns once the routes accept traffic. */
    public static WaybillHub start(HubSettings settings, Map<String, String> environment) {
        long began = System.nanoTime();
        Path mappingsDir = settings.path(HubSettings.MAPPINGS_DIR);
        PartnerRegistry partners;
        ActiveMappings mappings;
        try {
            partners = PartnerRegistry.load(mappingsDir);
            mappings = new ActiveMappings(partners, MappingLoader.loadAll(mappingsDir));
        } catch (InvalidDeclarationException | MappingException e) {
            throw new StartupException(e.getMessage() + " (setting waybill.mappings-dir is " + mappingsDir + ")", e);
        }
        String secretsDir = settings.get(HubSettings.SECRETS_DIR);
        PartnerSecrets secrets = new PartnerSecrets(environment, secretsDir.isBlank() ? null : Path.of(secretsDir));
        for (PartnerDeclaration partner : partners.all()) {
            if (partner.channels().restEnabled() && secrets.apply(partner.id()).isEmpty()) {
                LOG.warn("Partner {} has no push secret: set {} (its pushes are refused with 403 until then)",
                        partner.id(), partner.secretEnvName());
            }
        }

        PortCheck.requireFree(HubSettings.HTTP_PORT.name(), settings.get(HubSettings.HTTP_HOST), settings.get(HubSettings.HTTP_PORT));
        String externalKafka = settings.get(HubSettings.KAFKA_BOOTSTRAP);
        String externalArtemis = settings.get(HubSettings.ARTEMIS_URL);
        EmbeddedBrokers brokers = EmbeddedBrokers.start(settings.path(HubSettings.DATA_DIR), settings.get(HubSettings.BROKER_HOST),
                settings.get(HubSettings.KAFKA_PORT), settings.get(HubSettings.KAFKA_CONTROLLER_PORT),
                settings.get(HubSettings.ARTEMIS_PORT), settings.get(HubSettings.MQTT_PORT),
                externalKafka.isBlank(), externalArtemis.isBlank());
        try {
            String bootstrap = externalKafka.isBlank() ? brokers.bootstrapServers() : externalKafka;
            String artemis = externalArtemis.isBlank() ? brokers.artemisUrl() : externalArtemis;
            TopicProvisioner.ensureTopics(bootstrap, settings.get(HubSettings.KAFKA_PARTITIONS),
                    settings.get(HubSettings.KAFKA_REPLICATION));
            AckNumbers.ensureTopic(bootstrap, settings.get(HubSettings.KAFKA_REPLICATION));

            Main main = new Main();
            // No Camel hangup hook: on SIGTERM the hub's own hook stops Camel first, then the brokers.
            main.setShutdownStrategy(new SimpleMainShutdownStrategy());
            Properties properties = settings.asProperties();
            properties.setProperty(HubSettings.KAFKA_BOOTSTRAP.name(), bootstrap);
            properties.setProperty(HubSettings.ARTEMIS_URL.name(), artemis);
            properties.setProperty("waybill.topic.raw", Topics.RAW);
            properties.setProperty("waybill.topic.dlq", Topics.DLQ);
            properties.setProperty("waybill.topic.canonical-default", "canonical");
            properties.setProperty("waybill.topic.idempotency", Topics.IDEMPOTENCY);
            properties.setProperty("waybill.topic.edi-ack-numbers", AckNumbers.TOPIC);
            properties.setProperty("waybill.topic.poll-cursors", Topics.POLL_CURSORS);
            properties.setProperty("waybill.address.edi-acks", EdiAcknowledger.ADDRESS_PREFIX);
            Path goldenCases = settings.goldenCasesDir();
            boolean watchGolden = settings.get(HubSettings.MAPPINGS_WATCH) && Files.isDirectory(goldenCases);
            properties.setProperty("waybill.golden-cases-dir.resolved", goldenCases.toString());
            properties.setProperty("waybill.mappings.watch-golden-cases", Boolean.toString(watchGolden));
            if (settings.get(HubSettings.MAPPINGS_WATCH) && !watchGolden) {
                LOG.warn("No golden cases folder at {} (setting {}): changed mappings will be refused until it has the partner's cases",
                        goldenCases, HubSettings.GOLDEN_CASES_DIR.name());
            }
            MqttConnection mqtt = bindMqtt(main, settings, properties, mappings, externalArtemis.isBlank());
            ScoringSetup.bind(main, properties, settings, bootstrap, artemis);
            main.setInitialProperties(properties);
            bindBeans(main, settings, mappings, secrets, bootstrap, artemis);
            FileChannels.bind(main, settings, mappings, environment, Clock.systemUTC());
            CarrierChannels.bind(main, settings, mappings, environment, bootstrap, Clock.systemUTC());

            WaybillHub hub = new WaybillHub(settings, brokers, bootstrap, artemis, main, mqtt);
            main.start();
            // Subscribed before "started" when the broker is there; otherwise mqtt-watchdog keeps trying.
            mqtt.check(main.getCamelContext());
            LOG.info("Waybill hub started in {} ms: HTTP on {}:{}, Kafka {}, Artemis {}, {} partner(s), {} mapping(s)",
                    Duration.ofNanos(System.nanoTime() - began).toMillis(), settings.get(HubSettings.HTTP_HOST),
                    settings.get(HubSettings.HTTP_PORT), bootstrap, artemis, partners.all().size(),
                    mappings.catalog().all().size());
            if (settings.get(HubSettings.MAPPINGS_WATCH)) {
                LOG.info("Watching {} for mapping changes; a changed partner goes live once its golden cases in {} pass",
                        mappingsDir, settings.goldenCasesDir());
            }
            return hub;
        } catch (RuntimeException e) {
            brokers.close();
            throw e;
        } catch (Exception e) {
            brokers.close();
            throw new StartupException("the hub failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * The MQTT channel. Its broker is waybill.mqtt.url, else the embedded Artemis's MQTT port. With an
     * external Artemis and no MQTT URL there is no broker to subscribe to: the hub then runs without
     * the MQTT channel, and says so.
     */
    private static MqttConnection bindMqtt(Main main, HubSettings settings, Properties properties, ActiveMappings mappings,
                                           boolean embeddedArtemis) {
        HubSettings effective = settings;
        if (settings.get(HubSettings.MQTT_ENABLED) && !embeddedArtemis && settings.get(HubSettings.MQTT_URL).isBlank()) {
            LOG.warn("No MQTT broker: Artemis is external ({}) and {} (env {}) is empty, so the hub does not subscribe to MQTT;"
                    + " set it to the broker's MQTT URL", HubSettings.ARTEMIS_URL.name(), HubSettings.MQTT_URL.name(),
                    HubSettings.MQTT_URL.envName());
            effective = settings.with(HubSettings.MQTT_ENABLED, false);
        }
        String embedded = "tcp://" + settings.get(HubSettings.BROKER_HOST) + ":" + settings.get(HubSettings.MQTT_PORT);
        return MqttChannel.bind(main, effective, properties, mappings, embedded, Clock.systemUTC());
    }

    private static void bindBeans(Main main, HubSettings settings, ActiveMappings mappings, PartnerSecrets secrets,
                                  String bootstrap, String artemis) {
        Clock clock = Clock.systemUTC();
        SchemaValidator validator = SchemaValidator.load();
        ReplayGuard replayGuard = new ReplayGuard();
        SignatureVerifier verifier = new SignatureVerifier(secrets,
                Duration.ofSeconds(settings.get(HubSettings.PUSH_TOLERANCE_SECONDS)), replayGuard);
        main.bind("pushRequestReader", new PushRequestReader(settings.get(HubSettings.PUSH_MAX_BODY_BYTES), clock));
        main.bind("pushAuthenticator", new PushAuthenticator(mappings, verifier, replayGuard, clock));
        main.bind("rawArchive", new RawArchive());
        main.bind("pushItems", new PushItems(new PushBodyParser(settings.get(HubSettings.PUSH_MAX_ITEMS)), mappings));
        main.bind("itemNormalizer", new ItemNormalizer(mappings, validator));
        MappingStatus status = new MappingStatus(clock, settings.path(HubSettings.MAPPINGS_DIR));
        status.recordStartup(mappings.catalog().all());
        main.bind("mappingStatus", status);
        main.bind("mappingReloader", new MappingReloader(settings.path(HubSettings.MAPPINGS_DIR), settings.goldenCasesDir(),
                mappings, secrets, validator, status));
        main.bind("deadLetters", new DeadLetters(clock));
        PushResponse pushResponse = new PushResponse();
        main.bind("pushResponse", pushResponse);
        StoppableIdempotentRepository idempotency = idempotencyRepository(settings, bootstrap);
        main.bind("idempotencyRepository", idempotency);
        PublishedIds publishedIds = new PublishedIds(idempotency, RECENT_IDS);
        main.bind("pushPublication", new PushPublication(publishedIds, mappings));
        ObservationSmoother smoother = new ObservationSmoother(bootstrap, Topics.SMOOTHING, "direct:publish-push",
                Duration.ofMillis(settings.get(HubSettings.SMOOTHING_GRACE_MS)), ObservationSmoother.MAX_OPEN_WINDOWS, clock);
        main.bind("ediIntake", new EdiIntake(mappings, new EdiReceiver(new EdiReader()), new SeenInterchanges(publishedIds), clock));
        main.bind("ediAcknowledgments", new EdiAcknowledger(new Acknowledgments(clock)));
        main.bind("ediAnswer", new EdiAnswer(pushResponse));
        AckConnection artemisConnection = new AckConnection(artemis);
        main.bind("artemisConnectionFactory", artemisConnection.connectionFactory());
        // Used from a bean rather than an EIP, so Camel neither hands it its context nor starts it by itself.
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                idempotency.setCamelContext(context);
                smoother.setCamelContext(context);
                try {
                    context.addService(artemisConnection, true, true);
                    context.addService(idempotency, true, true);
                    context.addService(smoother, true, true);
                } catch (Exception e) {
                    throw new StartupException("cannot start the idempotent repository on topic " + Topics.IDEMPOTENCY
                            + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * The shared idempotent repository: reads every instance's published ids from the compacted
     * topic. The hub writes ids itself, in batches (see publish.camel.yaml), so the repository's own
     * producer only serves its unused add()/remove().
     */
    private static StoppableIdempotentRepository idempotencyRepository(HubSettings settings, String bootstrap) {
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", bootstrap);
        StoppableIdempotentRepository repository = new StoppableIdempotentRepository(Topics.IDEMPOTENCY, producer, consumer);
        repository.setMaxCacheSize(settings.get(HubSettings.DEDUP_CACHE_SIZE));
        return repository;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether the MQTT subscription is connected now. */
    public boolean mqttConnected() {
        return mqtt.connected();
    }

    /** The URL of the MQTT broker the hub subscribes to. */
    public String mqttUrl() {
        return main.getCamelContext().getPropertiesComponent().resolveProperty(HubSettings.MQTT_URL.name()).orElseThrow();
    }

    public String artemisUrl() {
        return artemisUrl;
    }

    public String httpBaseUrl() {
        String host = settings.get(HubSettings.HTTP_HOST);
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + settings.get(HubSettings.HTTP_PORT);
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Stops intake and in-flight work (graceful, bounded by the shutdown timeout), then the brokers. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Waybill hub stopping: finishing in-flight work");
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Camel did not stop cleanly: {}", e.getMessage());
        } finally {
            mqtt.release();
            brokers.close();
            LOG.info("Waybill hub stopped");
            stopped.countDown();
        }
    }
}
