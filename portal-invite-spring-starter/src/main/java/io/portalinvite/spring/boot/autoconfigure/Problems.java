package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.spring.boot.autoconfigure.PortalInviteConfigurationException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects refused settings while the starter turns properties into the library's objects, and
 * throws them together as one {@link PortalInviteConfigurationException}. Knows which property
 * each of the library's field names came from, so that every problem names the full property and
 * its value; secret values are masked.
 */
final class Problems {

    /** What a refused value is shown as when it is absent. */
    static final String NOT_SET = "(not set)";

    /**
     * Where a value the library checks came from.
     *
     * @param property the full property name
     * @param value the configured value
     * @param secret whether the value must never be shown
     */
    record Source(String property, @Nullable Object value, boolean secret) {

        static Source of(String property, @Nullable Object value) {
            return new Source(property, value, false);
        }

        static Source secret(String property, @Nullable Object value) {
            return new Source(property, value, true);
        }

        String shown() {
            if (value == null || value.toString().isEmpty()) {
                return NOT_SET;
            }
            return secret ? "****** (hidden, " + value.toString().length() + " characters)" : value.toString();
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    /**
     * Adds a problem.
     *
     * @param source the property and its value
     * @param reason why it cannot work
     * @return this
     */
    Problems add(Source source, String reason) {
        problems.add(new Problem(source.property(), source.shown(), reason + hint(source)));
        return this;
    }

    /**
     * Adds every violation of a library validation, each under the property its field came from.
     *
     * @param e the library's refusal
     * @param sources the property behind each of the library's field names
     * @param group the property group to name for a field without a known source
     * @return this
     */
    Problems addAll(ValidationException e, Map<String, Source> sources, String group) {
        for (FieldViolation v : e.violations()) {
            Source source = sources.get(v.field());
            if (source == null) {
                source = Source.of(group + "." + kebab(lastPart(v.field())), null);
            }
            add(source, v.message() + " [" + v.rule() + "]");
        }
        return this;
    }

    /**
     * Adds an argument error of a library value type, under each property its message names (the
     * library's messages use its parameter names), or under the whole group when it names none.
     *
     * @param e the library's refusal
     * @param sources the property behind each of the library's parameter names
     * @param group the property group to name otherwise
     * @return this
     */
    Problems addMessage(RuntimeException e, Map<String, Source> sources, String group) {
        String message = String.valueOf(e.getMessage());
        boolean named = false;
        for (Map.Entry<String, Source> entry : sources.entrySet()) {
            if (message.contains(entry.getKey())) {
                add(entry.getValue(), message);
                named = true;
            }
        }
        if (!named) {
            problems.add(new Problem(group + ".*", describe(sources), message));
        }
        return this;
    }

    /**
     * Throws the collected problems, if any.
     *
     * @throws PortalInviteConfigurationException with every problem
     */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new PortalInviteConfigurationException(problems);
        }
    }

    /**
     * Creates the exception for one refused setting whose value is not secret.
     *
     * @param property the property
     * @param value its value
     * @param reason why it cannot work
     * @return the exception to throw
     */
    static PortalInviteConfigurationException single(String property, @Nullable Object value, String reason) {
        return new PortalInviteConfigurationException(
                List.of(new Problem(property, Source.of(property, value).shown(), reason)));
    }

    /** Builds a map of sources in insertion order. */
    static Map<String, Source> sources(Object... fieldAndSource) {
        Map<String, Source> map = new LinkedHashMap<>();
        for (int i = 0; i < fieldAndSource.length; i += 2) {
            map.put((String) fieldAndSource[i], (Source) fieldAndSource[i + 1]);
        }
        return map;
    }

    /** camelCase to kebab-case: connectTimeout to connect-timeout, memoryKiB to memory-kib. */
    static String kebab(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String lastPart(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    private static String describe(Map<String, Source> sources) {
        List<String> parts = new ArrayList<>();
        for (Source s : sources.values()) {
            parts.add(s.property() + "=" + s.shown());
        }
        return String.join(", ", parts);
    }

    /** A value with a trailing comment is the usual cause of a strange value in a .properties file. */
    private static String hint(Source source) {
        Object value = source.value();
        if (!source.secret() && value != null && value.toString().matches("(?s).*\\s#.*")) {
            return " (a # after a value in a .properties file is part of the value: put comments on a line of"
                    + " their own)";
        }
        return "";
    }
}
