package io.portalinvite.examples.demo;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Validation messages for a form, each placed next to its field. The library names fields by path
 * ({@code patient.email}, {@code carer.mobile}); a mapping turns those into the form's input names, and
 * each message gets the field's label ("Email is not a valid email address"). Violations of fields the
 * form does not show are listed at the top of the form.
 */
public final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    private FieldErrors() {}

    /**
     * No errors.
     *
     * @return an empty set
     */
    public static FieldErrors none() {
        return new FieldErrors();
    }

    /**
     * The errors of a validation failure.
     *
     * @param e the failure
     * @param inputName the form's input for a library field name, or null when the form has none
     * @param labels each input's label
     * @return the errors
     */
    public static FieldErrors of(
            ValidationException e, Function<String, @Nullable String> inputName, Map<String, String> labels) {
        FieldErrors errors = new FieldErrors();
        for (FieldViolation violation : e.violations()) {
            String input = inputName.apply(violation.field());
            String label = input == null ? null : labels.get(input);
            if (input == null || label == null) {
                errors.general.add(violation.message());
            } else {
                errors.byField.merge(input, label + " " + violation.message(), (a, b) -> a + ". " + b);
            }
        }
        return errors;
    }

    /**
     * Adds a message for a field.
     *
     * @param input the input's name
     * @param message the full message
     * @return this
     */
    public FieldErrors add(String input, String message) {
        byField.merge(input, message, (a, b) -> a + ". " + b);
        return this;
    }

    /**
     * Tells whether a field has an error.
     *
     * @param input the input's name
     * @return true when it has
     */
    public boolean has(String input) {
        return byField.containsKey(input);
    }

    /**
     * Returns a field's message.
     *
     * @param input the input's name
     * @return the message, or null
     */
    public @Nullable String get(String input) {
        return byField.get(input);
    }

    /**
     * Returns the messages not tied to a shown field.
     *
     * @return the messages
     */
    public List<String> general() {
        return general;
    }

    /**
     * Tells whether there is any error.
     *
     * @return true when there is
     */
    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }

    /**
     * Returns the number of errors, for the summary at the top of a form.
     *
     * @return the count
     */
    public int count() {
        return byField.size() + general.size();
    }
}
