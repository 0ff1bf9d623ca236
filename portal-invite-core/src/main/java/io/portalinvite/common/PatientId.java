package io.portalinvite.common;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The host's identifier of a patient record. The host owns the patient; we keep its id.
 *
 * @param value the host's identifier
 */
public record PatientId(String value) implements Serializable {

    /** Validates the identifier. */
    public PatientId {
        value = TextRules.identifier("patientId", value);
    }

    /**
     * Parses a patient id, reporting errors against the given field.
     *
     * @param field the field's dotted path
     * @param raw the raw value
     * @return the id
     */
    public static PatientId parse(String field, @Nullable String raw) {
        return new PatientId(TextRules.identifier(field, raw));
    }

    /**
     * Creates a patient id.
     *
     * @param value the identifier
     * @return the id
     */
    public static PatientId of(String value) {
        return new PatientId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
