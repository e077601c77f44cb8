package io.waybill.hub.config;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: name, type, default, description and the check its value must
 * pass. Its value comes from {@code -Dname=value}, else the environment variable
 * {@link #envName()}, else the default. The README's settings table is generated from these
 * declarations ({@code ./waybill settings}).
 *
 * @param name        dotted name, e.g. {@code waybill.http.port}
 * @param defaultText the default as text ("" for none)
 * @param description what it controls, for the README and error messages
 * @param parser      text to value; throws IllegalArgumentException with a reason on bad input
 * @param check       further constraint on the value
 * @param rule        the constraint in words, for error messages
 */
public record Setting<T>(String name, String defaultText, String description, Function<String, T> parser,
                         Predicate<T> check, String rule) {

    /** {@code WAYBILL_HTTP_PORT} for {@code waybill.http.port}. */
    public String envName() {
        return envName(name);
    }

    public static String envName(String settingName) {
        return settingName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Parses and checks a value, naming this setting in any error. */
    T parse(String text, String origin) {
        T value;
        try {
            value = parser.apply(text.strip());
        } catch (NumberFormatException e) {
            // The JDK's 'For input string: "abc"' tells an operator nothing the rule does not say better.
            throw new StartupException(invalid(text, origin, rule));
        } catch (RuntimeException e) {
            throw new StartupException(invalid(text, origin, e.getMessage() == null ? rule : e.getMessage()));
        }
        if (!check.test(value)) {
            throw new StartupException(invalid(text, origin, rule));
        }
        return value;
    }

    private String invalid(String text, String origin, String why) {
        return "setting " + name + " (env " + envName() + ") has invalid value '" + text + "' from " + origin + ": " + why;
    }

    static Setting<Integer> port(String name, int defaultPort, String description) {
        return new Setting<>(name, Integer.toString(defaultPort), description, Integer::parseInt,
                p -> p >= 1 && p <= 65535, "must be a TCP port, 1 to 65535");
    }

    static Setting<Integer> positiveInt(String name, int defaultValue, String description) {
        return new Setting<>(name, Integer.toString(defaultValue), description, Integer::parseInt,
                v -> v > 0, "must be a whole number above 0");
    }

    static Setting<Long> positiveLong(String name, long defaultValue, String description) {
        return new Setting<>(name, Long.toString(defaultValue), description, Long::parseLong,
                v -> v > 0, "must be a whole number above 0");
    }

    static Setting<String> text(String name, String defaultValue, String description) {
        return new Setting<>(name, defaultValue, description, Function.identity(), v -> true, "");
    }

    static Setting<String> nonBlank(String name, String defaultValue, String description) {
        return new Setting<>(name, defaultValue, description, Function.identity(), v -> !v.isBlank(), "must not be blank");
    }
}
