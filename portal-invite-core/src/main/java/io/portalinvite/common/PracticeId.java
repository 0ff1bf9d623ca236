package io.portalinvite.common;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * Identifies a practice (the tenant). Every record the library keeps belongs to one practice.
 *
 * @param value the host's identifier for the practice
 */
public record PracticeId(String value) implements Serializable {

    /** Validates the identifier. */
    public PracticeId {
        value = TextRules.identifier("practiceId", value);
    }

    /**
     * Parses a practice id, reporting errors against the given field.
     *
     * @param field the field's dotted path
     * @param raw the raw value
     * @return the id
     */
    public static PracticeId parse(String field, @Nullable String raw) {
        return new PracticeId(TextRules.identifier(field, raw));
    }

    /**
     * Creates a practice id.
     *
     * @param value the identifier
     * @return the id
     */
    public static PracticeId of(String value) {
        return new PracticeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
