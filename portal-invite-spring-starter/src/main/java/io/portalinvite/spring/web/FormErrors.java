package io.portalinvite.spring.web;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A refused form's errors as message keys of the pages' bundles, by form field; errors of fields the
 * form does not show are general. The library's own texts are English; the pages show their own
 * translated sentence for each rule.
 */
public final class FormErrors {

    private static final Map<String, String> FIELDS = Map.of(
            "password", "password",
            "passwordConfirmation", "passwordConfirmation",
            "dateOfBirth", "dateOfBirth",
            "consent", "acceptedConsentVersion",
            "email", "email");

    private static final Set<String> RULES = Set.of(
            "password.empty",
            "password.too_short",
            "password.too_long",
            "password.control_characters",
            "password.blocklisted",
            "password.repetitive",
            "password.context",
            "password.mismatch",
            "password.existing_account",
            "date.syntax",
            "date_of_birth.mismatch",
            "consent.required",
            "age.own_account",
            "age.parental_access_ended");

    private final Map<String, List<String>> byField;
    private final List<String> general;

    private FormErrors(Map<String, List<String>> byField, List<String> general) {
        this.byField = byField;
        this.general = general;
    }

    /**
     * No errors.
     *
     * @return the empty set of errors
     */
    public static FormErrors none() {
        return new FormErrors(Map.of(), List.of());
    }

    /**
     * The errors of a refused submission.
     *
     * @param e the refusal
     * @return its errors as message keys
     */
    public static FormErrors of(ValidationException e) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (FieldViolation v : e.violations()) {
            String field = FIELDS.get(v.field());
            String key = key(v);
            if (field == null) {
                if (!general.contains(key)) {
                    general.add(key);
                }
            } else {
                List<String> keys = byField.computeIfAbsent(field, f -> new ArrayList<>());
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return new FormErrors(byField, general);
    }

    /**
     * One error for one field.
     *
     * @param field the form field
     * @param key the message key
     * @return the errors
     */
    public static FormErrors field(String field, String key) {
        return new FormErrors(Map.of(field, List.of(key)), List.of());
    }

    private static String key(FieldViolation v) {
        if (RULES.contains(v.rule())) {
            return "error." + v.rule();
        }
        if ("required".equals(v.rule()) && FIELDS.containsKey(v.field())) {
            return "error.required." + FIELDS.get(v.field());
        }
        return "error.general";
    }

    /**
     * Tells whether there is any error.
     *
     * @return true when some field or the form as a whole was refused
     */
    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }

    /**
     * Tells whether a field was refused.
     *
     * @param field the form field
     * @return true when it has an error
     */
    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /**
     * Returns a field's error keys.
     *
     * @param field the form field
     * @return the message keys, empty when none
     */
    public List<String> of(String field) {
        return byField.getOrDefault(field, List.of());
    }

    /**
     * Returns the fields with errors, in the order they were refused (for the summary's links).
     *
     * @return the field names
     */
    public List<String> fields() {
        return List.copyOf(byField.keySet());
    }

    /**
     * Returns the errors of no field on the form.
     *
     * @return the message keys
     */
    public List<String> general() {
        return general;
    }
}
