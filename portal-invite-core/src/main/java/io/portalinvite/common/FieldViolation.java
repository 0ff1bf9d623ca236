package io.portalinvite.common;

import java.util.Objects;

/**
 * One broken rule on one input field.
 *
 * @param field dotted path of the field as the caller named it, e.g. {@code patient.email}
 * @param rule stable machine-readable code of the rule, e.g. {@code email.syntax}
 * @param message human-readable explanation, safe to show to staff; never echoes a secret
 */
public record FieldViolation(String field, String rule, String message) {

    /** Checks that all parts are present. */
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
