package io.waybill.adapter.support;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A partner as declared in {@code mappings/<partner>/partner.yaml}: who they are, who owns the
 * integration, and which channels they may use. Secrets are never declared here: a partner's
 * push secret comes from the environment variable {@link #secretEnvName()}. Every key is declared
 * here; {@link PartnerRegistry} refuses any other, and checks the rules given below. The format is
 * described for people in {@code docs/mapping-format.md}.
 *
 * @param id       required; the partner id ({@link #ID_FORM}), equal to its folder name; the {@code partner}
 *                 attribute of its events
 * @param name     required, not blank; display name
 * @param owner    required, not blank; who to contact about this integration
 * @param channels required; the channels the partner may use ({@code {}} for none)
 * @param edi      how the partner's EDI is checked and answered; required when a channel carries
 *                 {@code x12} or {@code edifact}, refused otherwise
 */
public record PartnerDeclaration(String id, String name, String owner, Channels channels, Edi edi) {

    /** Partner ids: 2 to 63 lower-case letters, digits and dashes, starting with a letter. */
    public static final Pattern ID_FORM = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    /**
     * The wire formats the hub can read from a partner's {@code rest} channel, and so the only ones a
     * declaration may list there. An adapter that reads another format adds it here.
     */
    public static final Set<String> REST_FORMATS = Set.of("json", "x12", "edifact");

    /**
     * The wire formats the hub reads from files (the drop folder, SFTP) whichever adapters are present:
     * EDI ({@code adapter-edi}) and CSV, one document per row ({@code adapter-csv}).
     */
    public static final Set<String> FILE_FORMATS = Set.of("x12", "edifact", "csv");

    /**
     * The wire formats a partner may declare for its {@code drop} and {@code sftp} channels:
     * {@link #FILE_FORMATS}, plus every format a {@link DocumentReader} on the class path reads
     * (so a new file format is an adapter on the class path, not a change here).
     */
    public static Set<String> fileFormats() {
        Set<String> formats = new java.util.TreeSet<>(FILE_FORMATS);
        formats.addAll(DocumentReaders.formats());
        return Set.copyOf(formats);
    }

    /** The wire formats the hub reads from a partner's {@code mqtt} channel. */
    public static final Set<String> MQTT_FORMATS = Set.of("json");

    /** The EDI formats: a partner sending one of these needs an {@link Edi} block. */
    public static final Set<String> EDI_FORMATS = Set.of("x12", "edifact");

    /** Prefix of the environment variable holding a partner's push secret. */
    public static final String SECRET_ENV_PREFIX = "WAYBILL_SECRET_";

    /** {@code WAYBILL_SECRET_ACME_FREIGHT} for partner {@code acme-freight}. */
    public String secretEnvName() {
        return secretEnvName(id);
    }

    public static String secretEnvName(String partnerId) {
        return SECRET_ENV_PREFIX + partnerId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Whether any open channel of this partner carries an EDI format. */
    public boolean sendsEdi() {
        return channels != null && channels.formats().stream().anyMatch(EDI_FORMATS::contains);
    }

    /**
     * Channels a partner may use; a channel left out is closed to the partner.
     *
     * @param rest the signed HTTP push, or null when closed
     * @param drop files the partner (or an operator) drops into {@code <inbox>/<partner>/}, or null when closed
     * @param sftp files the hub fetches from the partner's SFTP server, or null when closed
     * @param mqtt    messages the partner's devices publish to the hub's MQTT broker, or null when closed:
     *                one declaration, or a list of them for kinds of device that publish on other topics
     *                or name themselves in other fields (portals and handheld scanners, say)
     * @param poll    the partner's tracking API, polled by the hub, or null when closed
     * @param webhook signed callbacks from the partner's platform, or null when closed
     */
    public record Channels(Rest rest, Drop drop, Sftp sftp,
                           @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Mqtt> mqtt,
                           PollChannel poll, WebhookChannel webhook) {

        public Channels(Rest rest, Drop drop, Sftp sftp) {
            this(rest, drop, sftp, null, null, null);
        }

        public Channels(Rest rest, Drop drop, Sftp sftp, Mqtt mqtt) {
            this(rest, drop, sftp, mqtt == null ? null : List.of(mqtt), null, null);
        }

        /** The MQTT declarations, none when the channel is closed. */
        public List<Mqtt> mqttFeeds() {
            return mqtt == null ? List.of() : mqtt;
        }

        public Channels(Rest rest, Drop drop, Sftp sftp, PollChannel poll, WebhookChannel webhook) {
            this(rest, drop, sftp, null, poll, webhook);
        }

        public boolean restEnabled() {
            return rest != null;
        }

        /** Every format some open channel carries. */
        public Set<String> formats() {
            Set<String> formats = new java.util.TreeSet<>();
            if (rest != null && rest.formats() != null) {
                formats.addAll(rest.formats());
            }
            if (drop != null && drop.formats() != null) {
                formats.addAll(drop.formats());
            }
            if (sftp != null && sftp.formats() != null) {
                formats.addAll(sftp.formats());
            }
            for (Mqtt feed : mqttFeeds()) {
                if (feed != null && feed.formats() != null) {
                    formats.addAll(feed.formats());
                }
            }
            return formats;
        }
    }

    /**
     * The signed HTTP push channel.
     *
     * @param formats required, at least one, each once; wire formats the partner may push, from
     *                {@link #REST_FORMATS}, e.g. {@code [json]}
     * @param items   JSON Pointer to the array of items in each JSON document pushed, e.g.
     *                {@code /epcisBody/eventList} for an EPCIS 2.0 document: every element is then an item of
     *                its own, mapped, validated, deduplicated and dead-lettered on its own, as the whole
     *                document holding that one element ({@link DocumentItems}). Left out: the document is the item
     */
    public record Rest(List<String> formats, String items) {

        /** The key {@link #items} is declared under, as refusals name it. */
        public static final String ITEMS_KEY = "channels.rest.items";

        public Rest(List<String> formats) {
            this(formats, null);
        }

        /** How a pushed JSON document is split into items, or empty when the document is the item. */
        public java.util.Optional<DocumentItems> documentItems() {
            return items == null ? java.util.Optional.empty() : java.util.Optional.of(new DocumentItems(items, ITEMS_KEY));
        }
    }

    /**
     * The drop folder: files in {@code <waybill.inbox-dir>/<partner>/} are read, then moved to
     * {@code .done/} or {@code .error/} (with a reason file).
     *
     * @param formats required, at least one, from {@link #fileFormats()}
     */
    public record Drop(List<String> formats) {
    }

    /**
     * Pickup from the partner's SFTP server. The password comes from the environment variable
     * {@code WAYBILL_SFTP_PASSWORD_<PARTNER>} (or {@code ..._FILE}), never from this file.
     *
     * @param host        required; the server
     * @param port        the port, 22 when left out
     * @param user        required; the login
     * @param path        required; the folder the partner leaves files in
     * @param formats     required, at least one, from {@link #fileFormats()}
     * @param pollSeconds how often to look, 60 when left out
     */
    public record Sftp(String host, Integer port, String user, String path, List<String> formats,
                       @JsonProperty("poll-seconds") Integer pollSeconds) {
    }

    /**
     * MQTT: the partner's devices publish to the broker the hub subscribes to. The topic names the
     * partner and the device, so a message is the device's that the topic says, whatever its payload
     * claims: a payload whose {@code device-field} names another device is refused as spoofed.
     *
     * @param topic         required; where the partner's devices publish, as an MQTT topic filter with
     *                      one level written {@code {device}} that names the device, e.g.
     *                      {@code telemetry/coldchain-gateways/{device}/#} ({@link DeviceTopic})
     * @param formats       required, at least one, from {@link #MQTT_FORMATS}
     * @param devices       the devices that may publish; a device neither listed here nor matching
     *                      {@code device-pattern} is refused. At least one of the two is required
     * @param devicePattern a regular expression a device id must match whole, e.g. {@code CG-[0-9]{4}}
     * @param deviceField   required; the payload field holding the device id, {@code .device_id} or
     *                      {@code .meta.device}. A payload naming another device there is refused;
     *                      one without it gets the topic's device there before it is mapped
     */
    public record Mqtt(String topic, List<String> formats, List<String> devices,
                       @JsonProperty("device-pattern") String devicePattern,
                       @JsonProperty("device-field") String deviceField) {

        /** Compiled device patterns: a partner's messages are checked one by one, at thousands a second. */
        private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

        /** Whether {@code device} may publish for this partner. */
        public boolean knows(String device) {
            return (devices != null && devices.contains(device))
                    || (devicePattern != null && PATTERNS.computeIfAbsent(devicePattern, Pattern::compile).matcher(device).matches());
        }
    }

    /**
     * How a partner's EDI is checked and answered.
     *
     * @param senders        required, at least one: the interchange senders the partner may use, as
     *                       {@code QUALIFIER:ID} ({@code ZZ:ACMEFRT}; ISA05:ISA06 or UNB S002); an
     *                       interchange from another sender is refused as spoofed
     * @param envelopeErrors {@code reject} (default): a wrong control number or count rejects the
     *                       interchange; {@code accept-and-report}: its transactions are still mapped,
     *                       and the acknowledgment reports the error
     * @param x12Ack         the X12 functional acknowledgment: {@code 997} (default) or {@code 999}
     *                       (for 005010 and later)
     */
    public record Edi(List<String> senders, @JsonProperty("envelope-errors") String envelopeErrors,
                      @JsonProperty("x12-ack") String x12Ack) {

        public static final Set<String> ENVELOPE_ERRORS = Set.of("reject", "accept-and-report");
        public static final Set<String> X12_ACKS = Set.of("997", "999");

        /** True when envelope errors reject the interchange (the default). */
        public boolean rejectsEnvelopeErrors() {
            return envelopeErrors == null || envelopeErrors.equals("reject");
        }

        /** The X12 functional acknowledgment to send: 997 unless 999 is declared. */
        public String x12AckOrDefault() {
            return x12Ack == null ? "997" : x12Ack;
        }
    }
}
