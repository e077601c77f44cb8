package io.waybill.adapter.support;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The partners declared under the mappings directory: one folder per partner holding a
 * {@code partner.yaml}. Every problem with a declaration is one error naming the file, the line
 * and the key at fault (a misspelt key, a key written twice, a missing or empty value, a value of
 * the wrong type, an id that does not match its folder, a format the hub cannot read), so
 * onboarding mistakes surface at load time rather than as rejected traffic. The format is
 * {@link PartnerDeclaration}, described in {@code docs/mapping-format.md}.
 */
public final class PartnerRegistry {

    /** An EDI sender, {@code QUALIFIER:ID}: qualifier 1 to 4 characters, id 1 to 35, no blanks. */
    private static final java.util.regex.Pattern SENDER_FORM = java.util.regex.Pattern.compile("([A-Za-z0-9]{1,4}:)?[^\\s:]{1,35}");

    /** The declaration file in each partner folder. */
    public static final String DECLARATION_FILE = "partner.yaml";

    private final Map<String, PartnerDeclaration> partners;

    private PartnerRegistry(Map<String, PartnerDeclaration> partners) {
        this.partners = Collections.unmodifiableMap(partners);
    }

    /** Loads every {@code <dir>/<partner>/partner.yaml}. */
    public static PartnerRegistry load(Path mappingsDir) {
        if (!Files.isDirectory(mappingsDir)) {
            throw new InvalidDeclarationException(mappingsDir + ": mappings directory does not exist");
        }
        Map<String, PartnerDeclaration> found = new TreeMap<>();
        try (Stream<Path> folders = Files.list(mappingsDir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path file = folder.resolve(DECLARATION_FILE);
                if (Files.isRegularFile(file)) {
                    PartnerDeclaration declaration = read(file);
                    found.put(declaration.id(), declaration);
                }
            }
        } catch (IOException e) {
            throw new InvalidDeclarationException(mappingsDir + ": cannot list partner folders: " + e.getMessage(), e);
        }
        return new PartnerRegistry(found);
    }

    /** Reads and checks one declaration; the folder it is in is the partner id. */
    public static PartnerDeclaration read(Path file) {
        DeclarationFile in = new DeclarationFile(file, readTree(file));
        PartnerDeclaration declaration = in.bind();
        String folder = file.toAbsolutePath().getParent().getFileName().toString();

        String id = in.required(declaration.id(), "the partner id, equal to its folder name '" + folder + "'", "id");
        if (!PartnerDeclaration.ID_FORM.matcher(id).matches()) {
            throw in.error("id '" + id + "' must be lower-case letters, digits and dashes, starting with a letter,"
                    + " 2 to 63 characters", "id");
        }
        if (!id.equals(folder)) {
            throw in.error("id '" + id + "' must equal its folder name '" + folder + "'", "id");
        }
        in.required(declaration.name(), "the partner's display name, e.g. 'ACME Freight'", "name");
        in.required(declaration.owner(), "who to contact about this integration, e.g. an e-mail address", "owner");
        checkChannels(in, declaration.channels());
        checkEdi(in, declaration);
        return declaration;
    }

    /** This registry with one partner's declaration added or replaced (a partner reloaded). */
    public PartnerRegistry with(PartnerDeclaration declaration) {
        Map<String, PartnerDeclaration> changed = new TreeMap<>(partners);
        changed.put(declaration.id(), declaration);
        return new PartnerRegistry(changed);
    }

    /** This registry without a partner (its folder was removed). */
    public PartnerRegistry without(String partnerId) {
        Map<String, PartnerDeclaration> changed = new TreeMap<>(partners);
        changed.remove(partnerId);
        return new PartnerRegistry(changed);
    }

    public Optional<PartnerDeclaration> find(String partnerId) {
        return Optional.ofNullable(partners.get(partnerId));
    }

    public Collection<PartnerDeclaration> all() {
        return partners.values();
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDeclarationException(file + ": " + (Files.exists(file) ? "is not a file" : "does not exist"));
        }
        JsonNode tree;
        try {
            tree = YamlLines.readTree(file);
        } catch (JsonProcessingException e) {
            throw new InvalidDeclarationException(YamlLines.syntaxError(file, e), e);
        } catch (IOException e) {
            throw new InvalidDeclarationException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new InvalidDeclarationException(file + ": the declaration is empty; it needs "
                    + YamlLines.keys(PartnerDeclaration.class));
        }
        if (!tree.isObject()) {
            throw new InvalidDeclarationException(file + ": a partner declaration is a map of keys ("
                    + YamlLines.keys(PartnerDeclaration.class) + "), not " + YamlLines.shown(tree));
        }
        return tree;
    }

    private static void checkChannels(DeclarationFile in, PartnerDeclaration.Channels channels) {
        if (channels == null) {
            throw in.error("'channels' is required: the channels the partner may use, e.g. 'rest: {formats: [json]}',"
                    + " or '{}' for none", "channels");
        }
        if (channels.rest() != null) {
            checkFormats(in, "rest", channels.rest().formats(), PartnerDeclaration.REST_FORMATS);
            checkRestItems(in, channels.rest());
        } else {
            refuseEmpty(in, "rest", "rest: {formats: [json]}");
        }
        if (channels.drop() != null) {
            checkFormats(in, "drop", channels.drop().formats(), PartnerDeclaration.fileFormats());
        } else {
            refuseEmpty(in, "drop", "drop: {formats: [x12]}");
        }
        PartnerDeclaration.Sftp sftp = channels.sftp();
        if (sftp != null) {
            in.required(sftp.host(), "the partner's SFTP server, e.g. sftp.partner.example", "channels", "sftp", "host");
            in.required(sftp.user(), "the login on the partner's SFTP server", "channels", "sftp", "user");
            in.required(sftp.path(), "the folder the partner leaves files in, e.g. /outbound", "channels", "sftp", "path");
            if (sftp.port() != null && (sftp.port() < 1 || sftp.port() > 65535)) {
                throw in.error("'channels.sftp.port' must be a TCP port, 1 to 65535, was " + sftp.port(), "channels", "sftp", "port");
            }
            if (sftp.pollSeconds() != null && sftp.pollSeconds() < 1) {
                throw in.error("'channels.sftp.poll-seconds' must be 1 or more, was " + sftp.pollSeconds(),
                        "channels", "sftp", "poll-seconds");
            }
            checkFormats(in, "sftp", sftp.formats(), PartnerDeclaration.fileFormats());
        } else {
            refuseEmpty(in, "sftp", "sftp: {host: ..., user: ..., path: ..., formats: [x12]}");
        }
        if (channels.mqtt() != null) {
            boolean list = in.tree().path("channels").path("mqtt").isArray();
            if (list && channels.mqtt().isEmpty()) {
                throw in.error("'channels.mqtt' is an empty list: give one declaration or more, or leave the channel out",
                        "channels", "mqtt");
            }
            for (int i = 0; i < channels.mqtt().size(); i++) {
                checkMqtt(in, channels.mqtt().get(i), list ? new String[]{"channels", "mqtt", Integer.toString(i)}
                        : new String[]{"channels", "mqtt"});
            }
        } else {
            refuseEmpty(in, "mqtt", "mqtt: {topic: telemetry/<partner>/{device}/#, formats: [json], device-field: .device_id, device-pattern: ...}");
        }
        checkPoll(in, channels.poll());
        checkWebhook(in, channels.webhook());
    }

    /** MQTT: a topic that names the device, known devices, and where the payload names its device ({@code at}: where the declaration is). */
    private static void checkMqtt(DeclarationFile in, PartnerDeclaration.Mqtt mqtt, String[] at) {
        String name = display(at);
        String topic = in.required(mqtt.topic(), "where the partner's devices publish, with a {device} level, e.g."
                + " telemetry/<partner>/{device}/#", key(at, "topic"));
        try {
            DeviceTopic.parse(topic);
        } catch (IllegalArgumentException e) {
            throw in.error("'" + name + ".topic' " + e.getMessage(), key(at, "topic"));
        }
        checkFormats(in, at, mqtt.formats(), PartnerDeclaration.MQTT_FORMATS);
        if ((mqtt.devices() == null || mqtt.devices().isEmpty()) && mqtt.devicePattern() == null) {
            throw in.error("'" + name + "' needs 'devices' (a list of device ids) or 'device-pattern' (a regular"
                    + " expression device ids match): a device the partner does not declare is refused", at);
        }
        if (mqtt.devices() != null) {
            for (int i = 0; i < mqtt.devices().size(); i++) {
                String device = mqtt.devices().get(i);
                if (device == null || !DeviceTopic.isDeviceId(device)) {
                    throw in.error("'" + name + ".devices' entry '" + device + "' is not a device id: one topic level,"
                            + " without / + # or blanks", JsonPointer.compile("/" + String.join("/", at) + "/devices/" + i));
                }
            }
        }
        if (mqtt.devicePattern() != null) {
            try {
                java.util.regex.Pattern.compile(in.required(mqtt.devicePattern(), "a regular expression", key(at, "device-pattern")));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw in.error("'" + name + ".device-pattern' is not a regular expression: " + e.getDescription(),
                        key(at, "device-pattern"));
            }
        }
        String field = in.required(mqtt.deviceField(), "the payload field holding the device id, e.g. .device_id",
                key(at, "device-field"));
        if (!DeviceTopic.FIELD_FORM.matcher(field).matches()) {
            throw in.error("'" + name + ".device-field' must be a field path such as .device_id or .meta.device, was '"
                    + field + "'", key(at, "device-field"));
        }
    }

    /** {@code at} plus one key. */
    private static String[] key(String[] at, String last) {
        String[] key = java.util.Arrays.copyOf(at, at.length + 1);
        key[at.length] = last;
        return key;
    }

    /** A key as the file's author writes it: {@code channels.mqtt} or {@code channels.mqtt[1]}. */
    private static String display(String[] at) {
        StringBuilder name = new StringBuilder();
        for (String step : at) {
            if (step.chars().allMatch(Character::isDigit)) {
                name.append('[').append(step).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(step);
            }
        }
        return name.toString();
    }

    private static void checkPoll(DeclarationFile in, PollChannel poll) {
        if (poll == null) {
            refuseEmpty(in, "poll", "poll: {base-url: https://api.carrier.example, path: /events, cursor: {type: last-event-id, ...}}");
            return;
        }
        String baseUrl = in.required(poll.baseUrl(), "the API's scheme, host and port, e.g. https://api.carrier.example",
                "channels", "poll", "base-url");
        if (!baseUrl.matches("https?://[^/?#\\s]+")) {
            throw in.error("'channels.poll.base-url' must be http(s)://host[:port] without a path, was '" + baseUrl + "'",
                    "channels", "poll", "base-url");
        }
        String path = in.required(poll.path(), "the events resource, e.g. /v2/events", "channels", "poll", "path");
        if (!path.startsWith("/")) {
            throw in.error("'channels.poll.path' must start with '/', was '" + path + "'", "channels", "poll", "path");
        }
        if (poll.pollSeconds() != null && poll.pollSeconds() < 1) {
            throw in.error("'channels.poll.poll-seconds' must be 1 or more, was " + poll.pollSeconds(), "channels", "poll", "poll-seconds");
        }
        pointer(in, poll.items(), "channels", "poll", "items");
        PollChannel.Auth auth = poll.auth();
        if (auth != null) {
            String type = oneOf(in, auth.type(), PollChannel.Auth.TYPES, "channels", "poll", "auth", "type");
            if (type.equals("basic")) {
                in.required(auth.user(), "the user name of basic authentication", "channels", "poll", "auth", "user");
            }
            if (type.equals("oauth2")) {
                String url = in.required(auth.tokenUrl(), "the OAuth2 token endpoint, an absolute URL", "channels", "poll", "auth", "token-url");
                if (!url.matches("https?://\\S+")) {
                    throw in.error("'channels.poll.auth.token-url' must be an absolute http(s) URL, was '" + url + "'",
                            "channels", "poll", "auth", "token-url");
                }
                in.required(auth.clientId(), "the OAuth2 client id", "channels", "poll", "auth", "client-id");
            }
        }
        PollChannel.Pagination pagination = poll.pagination();
        if (pagination != null) {
            String type = oneOf(in, pagination.type(), PollChannel.Pagination.TYPES, "channels", "poll", "pagination", "type");
            pointer(in, pagination.pointer(), "channels", "poll", "pagination", "pointer");
            if (!type.equals("page-number") && (pagination.header() == null) == (pagination.pointer() == null)) {
                throw in.error("'channels.poll.pagination' of type " + type + " needs exactly one of 'header' or 'pointer':"
                        + " where the response gives the next " + (type.equals("next-link") ? "page's URL" : "token"),
                        "channels", "poll", "pagination");
            }
            if (!type.equals("next-link")) {
                in.required(pagination.param(), "the query parameter carrying the " + (type.equals("page-number") ? "page number" : "token"),
                        "channels", "poll", "pagination", "param");
            }
            if (type.equals("page-number") && (pagination.size() == null || pagination.size() < 1)) {
                throw in.error("'channels.poll.pagination.size' is required for page-number, 1 or more: a shorter page is the last",
                        "channels", "poll", "pagination");
            }
        }
        PollChannel.Cursor cursor = poll.cursor();
        if (cursor == null) {
            throw in.error("'channels.poll.cursor' is required: where the next poll starts, e.g. '{type: last-event-id,"
                    + " param: after, pointer: /eventID}' or '{type: changed-since, param: updatedSince}'", "channels", "poll");
        }
        String type = oneOf(in, cursor.type(), PollChannel.Cursor.TYPES, "channels", "poll", "cursor", "type");
        in.required(cursor.param(), "the query parameter carrying the cursor", "channels", "poll", "cursor", "param");
        if (type.equals("last-event-id")) {
            in.required(cursor.pointer(), "the JSON Pointer to an event's id, e.g. /eventID", "channels", "poll", "cursor", "pointer");
            pointer(in, cursor.pointer(), "channels", "poll", "cursor", "pointer");
        }
        if (type.equals("changed-since") && cursor.initial() != null) {
            try {
                java.time.OffsetDateTime.parse(cursor.initial());
            } catch (java.time.format.DateTimeParseException e) {
                throw in.error("'channels.poll.cursor.initial' must be an ISO-8601 time with offset, was '" + cursor.initial() + "'",
                        "channels", "poll", "cursor", "initial");
            }
        }
        PollChannel.Resilience r = poll.resilience();
        if (r != null) {
            positive(in, r.timeoutMs(), "timeout-ms");
            positive(in, r.maxAttempts(), "max-attempts");
            positive(in, r.backoffMs(), "backoff-ms");
            positive(in, r.maxBackoffMs(), "max-backoff-ms");
            positive(in, r.window(), "window");
            positive(in, r.openSeconds(), "open-seconds");
            positive(in, r.halfOpenCalls(), "half-open-calls");
            positive(in, r.maxConcurrent(), "max-concurrent");
            if (r.failureRate() != null && (r.failureRate() < 1 || r.failureRate() > 100)) {
                throw in.error("'channels.poll.resilience.failure-rate' must be a percentage, 1 to 100, was " + r.failureRate(),
                        "channels", "poll", "resilience", "failure-rate");
            }
        }
    }

    private static void checkWebhook(DeclarationFile in, WebhookChannel webhook) {
        if (webhook == null) {
            refuseEmpty(in, "webhook", "webhook: {formats: [json], signature: {header: X-Signature}}");
            return;
        }
        checkFormats(in, "webhook", webhook.formats(), WebhookChannel.FORMATS);
        WebhookChannel.Signature signature = webhook.signature();
        if (signature == null) {
            throw in.error("'channels.webhook.signature' is required: how the partner's platform signs its calls, e.g."
                    + " '{header: Notification-Signature, prefix: \"sha256=\"}'", "channels", "webhook");
        }
        in.required(signature.header(), "the header carrying the signature", "channels", "webhook", "signature", "header");
        oneOf(in, signature.algorithmOrDefault(), WebhookChannel.Signature.ALGORITHMS, "channels", "webhook", "signature", "algorithm");
        String signs = oneOf(in, signature.signsOrDefault(), WebhookChannel.Signature.SIGNS, "channels", "webhook", "signature", "signs");
        oneOf(in, signature.encodingOrDefault(), WebhookChannel.Signature.ENCODINGS, "channels", "webhook", "signature", "encoding");
        if (signs.equals("timestamp+body") && signature.timestampHeader() == null) {
            throw in.error("'channels.webhook.signature.timestamp-header' is required when the timestamp is signed",
                    "channels", "webhook", "signature");
        }
        if (signature.toleranceSeconds() != null && signature.toleranceSeconds() < 1) {
            throw in.error("'channels.webhook.signature.tolerance-seconds' must be 1 or more, was " + signature.toleranceSeconds(),
                    "channels", "webhook", "signature", "tolerance-seconds");
        }
    }

    private static String oneOf(DeclarationFile in, String value, Set<String> allowed, String... key) {
        String known = String.join(", ", allowed.stream().sorted().toList());
        String given = in.required(value, "one of " + known, key);
        if (!allowed.contains(given)) {
            throw in.error("'" + String.join(".", key) + "' must be one of " + known + ", was '" + given + "'", key);
        }
        return given;
    }

    private static void pointer(DeclarationFile in, String value, String... key) {
        if (value != null && !value.isEmpty() && !value.startsWith("/")) {
            throw in.error("'" + String.join(".", key) + "' must be a JSON Pointer starting with '/', was '" + value + "'", key);
        }
    }

    /** {@code channels.rest.items} points into a JSON document, below its root (the root of a push is already its batch). */
    private static void checkRestItems(DeclarationFile in, PartnerDeclaration.Rest rest) {
        String items = rest.items();
        if (items == null) {
            return;
        }
        String key = "'" + PartnerDeclaration.Rest.ITEMS_KEY + "'";
        if (!items.startsWith("/") || items.equals("/")) {
            throw in.error(key + " must be a JSON Pointer to the array of items in a pushed document, e.g. /epcisBody/eventList,"
                    + " was '" + items + "'", "channels", "rest", "items");
        }
        if (!rest.formats().contains("json")) {
            throw in.error(key + " splits JSON documents, but 'channels.rest.formats' does not list json", "channels", "rest", "items");
        }
    }

    private static void positive(DeclarationFile in, Integer value, String key) {
        if (value != null && value < 1) {
            throw in.error("'channels.poll.resilience." + key + "' must be 1 or more, was " + value, "channels", "poll", "resilience", key);
        }
    }

    /** A channel key written without a value would close the channel its author meant to open. */
    private static void refuseEmpty(DeclarationFile in, String channel, String example) {
        if (in.has("channels", channel)) {
            throw in.error("'channels." + channel + "' is empty; give its settings, e.g. '" + example + "', or leave '"
                    + channel + "' out to close the channel", "channels", channel);
        }
    }

    private static void checkFormats(DeclarationFile in, String channel, List<String> formats, Set<String> readable) {
        checkFormats(in, new String[] {"channels", channel}, formats, readable);
    }

    /** The formats of the channel declared at {@code at} ({@code channels.mqtt[1]} for one of several MQTT declarations). */
    private static void checkFormats(DeclarationFile in, String[] at, List<String> formats, Set<String> readable) {
        String channel = at[1];
        String[] formatsKey = key(at, "formats");
        String key = "'" + display(at) + ".formats'";
        String known = String.join(", ", readable.stream().sorted().toList());
        if (formats == null) {
            throw in.error(key + " is required: the wire formats the partner may send this way; known: " + known,
                    in.has(formatsKey) ? formatsKey : at);
        }
        if (formats.isEmpty()) {
            throw in.error(key + " is empty; list the wire formats the partner may send this way (known: "
                    + known + "), or leave '" + channel + "' out to close the channel", formatsKey);
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < formats.size(); i++) {
            String format = formats.get(i);
            JsonPointer entry = JsonPointer.compile("/" + String.join("/", formatsKey) + "/" + i);
            if (format == null || format.isBlank()) {
                throw in.error(key + " has an empty entry; known formats: " + known, entry);
            }
            if (!readable.contains(format)) {
                throw in.error(key + " lists unknown format '" + format + "'; known: " + known, entry);
            }
            if (!listed.add(format)) {
                throw in.error(key + " lists '" + format + "' twice", entry);
            }
        }
    }

    /** EDI partners say who may send their interchanges and how envelope errors are treated; others have no 'edi'. */
    private static void checkEdi(DeclarationFile in, PartnerDeclaration declaration) {
        PartnerDeclaration.Edi edi = declaration.edi();
        if (!declaration.sendsEdi()) {
            if (edi != null || in.has("edi")) {
                throw in.error("'edi' applies only to a partner whose channels carry x12 or edifact", "edi");
            }
            return;
        }
        if (edi == null) {
            throw in.error("'edi' is required for a partner sending x12 or edifact: at least"
                    + " 'edi: {senders: [ZZ:SENDERID]}', the interchange senders it may use", in.has("edi") ? "edi" : "channels");
        }
        if (edi.senders() == null || edi.senders().isEmpty()) {
            throw in.error("'edi.senders' is required: the interchange senders the partner may use, as QUALIFIER:ID"
                    + " (e.g. ZZ:ACMEFRT); an interchange from another sender is refused", in.has("edi", "senders")
                    ? new String[] {"edi", "senders"} : new String[] {"edi"});
        }
        for (int i = 0; i < edi.senders().size(); i++) {
            String sender = edi.senders().get(i);
            if (sender == null || !SENDER_FORM.matcher(sender).matches()) {
                throw in.error("'edi.senders' entry '" + sender + "' must be QUALIFIER:ID, e.g. ZZ:ACMEFRT or 14:5412345000013"
                        + " (an EDIFACT sender whose UNB gives no qualifier: the ID alone)",
                        JsonPointer.compile("/edi/senders/" + i));
            }
        }
        if (edi.envelopeErrors() != null && !PartnerDeclaration.Edi.ENVELOPE_ERRORS.contains(edi.envelopeErrors())) {
            throw in.error("'edi.envelope-errors' must be reject or accept-and-report, was '" + edi.envelopeErrors() + "'",
                    "edi", "envelope-errors");
        }
        if (edi.x12Ack() != null && !PartnerDeclaration.Edi.X12_ACKS.contains(edi.x12Ack())) {
            throw in.error("'edi.x12-ack' must be \"997\" or \"999\", was '" + edi.x12Ack() + "'", "edi", "x12-ack");
        }
    }

    /** What the author must write where a part of the declaration belongs; null for text and lists. */
    private static String expected(Class<?> type) {
        if (type == PartnerDeclaration.Channels.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Channels.class);
        }
        if (type == PartnerDeclaration.Rest.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Rest.class);
        }
        if (type == PartnerDeclaration.Drop.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Drop.class);
        }
        if (type == PartnerDeclaration.Sftp.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Sftp.class);
        }
        if (type == PartnerDeclaration.Mqtt.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Mqtt.class);
        }
        if (type == PollChannel.class || type == WebhookChannel.class || type == PollChannel.Auth.class
                || type == PollChannel.Pagination.class || type == PollChannel.Cursor.class
                || type == PollChannel.Resilience.class || type == WebhookChannel.Signature.class) {
            return "a map of " + YamlLines.keys(type.asSubclass(Record.class));
        }
        if (type == PartnerDeclaration.Edi.class) {
            return "a map of " + YamlLines.keys(PartnerDeclaration.Edi.class);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list of formats, e.g. [json]";
        }
        return null;
    }

    /** The declaration being read, so that every check names the file, the line of the key at fault and the key. */
    private record DeclarationFile(Path path, JsonNode tree) {

        PartnerDeclaration bind() {
            try {
                return YamlLines.bind(tree, PartnerDeclaration.class);
            } catch (JsonProcessingException e) {
                throw new InvalidDeclarationException(YamlLines.at(path, e) + ": "
                        + YamlLines.describe(tree, e, PartnerRegistry::expected), e);
            }
        }

        /** The value, which must be given and not blank. */
        String required(String value, String what, String... key) {
            String name = String.join(".", key);
            if (value == null && !has(key)) {
                String[] parent = java.util.Arrays.copyOf(key, Math.max(1, key.length - 1));
                throw error("'" + name + "' is required: " + what, has(parent) ? parent : key);
            }
            if (value == null || value.isBlank()) {
                throw error("'" + name + "' is empty; give " + what, key);
            }
            return value;
        }

        InvalidDeclarationException error(String message, String... key) {
            return new InvalidDeclarationException(YamlLines.at(path, key) + ": " + message);
        }

        InvalidDeclarationException error(String message, JsonPointer at) {
            return new InvalidDeclarationException(YamlLines.at(path, at) + ": " + message);
        }

        boolean has(String... key) {
            JsonNode node = tree;
            for (String step : key) {
                node = node.isArray() && step.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(step)) : node.path(step);
            }
            return !node.isMissingNode();
        }
    }
}
