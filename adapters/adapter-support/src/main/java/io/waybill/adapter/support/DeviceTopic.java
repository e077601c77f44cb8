package io.waybill.adapter.support;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A partner's MQTT topic, as {@code channels.mqtt.topic} declares it: an MQTT topic filter in which
 * one level, written {@code {device}}, names the device that published. Levels are literal text,
 * {@code +} (any one level) or {@code {device}}; a final {@code #} takes any further levels. So
 * {@code telemetry/coldchain-gateways/{device}/#} receives {@code telemetry/coldchain-gateways/CG-0001/status}
 * from device {@code CG-0001}.
 */
public final class DeviceTopic {

    /** The level that names the device. */
    public static final String DEVICE_LEVEL = "{device}";
    /** A payload field path: {@code .device_id}, {@code .meta.device}. */
    public static final Pattern FIELD_FORM = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_-]*)+");

    private final String template;
    private final List<String> levels;
    private final int deviceLevel;

    private DeviceTopic(String template, List<String> levels, int deviceLevel) {
        this.template = template;
        this.levels = levels;
        this.deviceLevel = deviceLevel;
    }

    /**
     * Reads a declared topic.
     *
     * @throws IllegalArgumentException with a reason that completes "'channels.mqtt.topic' ..."
     */
    public static DeviceTopic parse(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        if (template.startsWith("$")) {
            throw new IllegalArgumentException("'" + template + "' starts with $: topics starting with $ are the broker's"
                    + " (the hub adds $share/<group>/ itself)");
        }
        if (template.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + template + "' holds a blank");
        }
        List<String> levels = List.of(template.split("/", -1));
        int device = -1;
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.equals(DEVICE_LEVEL)) {
                if (device >= 0) {
                    throw new IllegalArgumentException("'" + template + "' names {device} twice");
                }
                device = i;
            } else if (level.equals("#")) {
                if (i != levels.size() - 1) {
                    throw new IllegalArgumentException("'" + template + "' has # before its last level");
                }
            } else if (!level.equals("+") && (level.contains("+") || level.contains("#") || level.contains("{") || level.contains("}"))) {
                throw new IllegalArgumentException("'" + template + "' has level '" + level + "': a level is text, +, {device} or a final #");
            } else if (level.isEmpty()) {
                throw new IllegalArgumentException("'" + template + "' has an empty level");
            }
        }
        if (device < 0) {
            throw new IllegalArgumentException("'" + template + "' has no {device} level: write the level that names the"
                    + " device as {device}, e.g. telemetry/<partner>/{device}/#");
        }
        return new DeviceTopic(template, levels, device);
    }

    /** Whether {@code id} can be a device id: one non-empty topic level without wildcards or blanks. */
    public static boolean isDeviceId(String id) {
        return !id.isEmpty() && id.chars().noneMatch(c -> c == '/' || c == '+' || c == '#' || Character.isWhitespace(c) || c == 0);
    }

    /** The MQTT topic filter to subscribe to: {@code {device}} becomes {@code +}. */
    public String filter() {
        return String.join("/", levels.stream().map(l -> l.equals(DEVICE_LEVEL) ? "+" : l).toList());
    }

    /** The device a topic names, when the topic is one of this filter's; empty otherwise. */
    public Optional<String> device(String topic) {
        String[] parts = topic.split("/", -1);
        boolean multi = levels.get(levels.size() - 1).equals("#");
        int fixed = multi ? levels.size() - 1 : levels.size();
        if (parts.length < fixed || (!multi && parts.length != fixed)) {
            return Optional.empty();
        }
        for (int i = 0; i < fixed; i++) {
            String level = levels.get(i);
            if (!level.equals("+") && !level.equals(DEVICE_LEVEL) && !level.equals(parts[i])) {
                return Optional.empty();
            }
        }
        String device = parts[deviceLevel];
        return device.isEmpty() ? Optional.empty() : Optional.of(device);
    }

    @Override
    public String toString() {
        return template;
    }
}
