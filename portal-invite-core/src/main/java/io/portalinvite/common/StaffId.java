package io.portalinvite.common;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The host's identifier of the staff member who acted (invited, resent, revoked, changed settings).
 * Recorded on invitations and audit events.
 *
 * @param value the host's identifier of the user
 */
public record StaffId(String value) implements Serializable {

    /** Validates the identifier. */
    public StaffId {
        value = TextRules.identifier("staffId", value);
    }

    /**
     * Parses a staff id, reporting errors against the given field.
     *
     * @param field the field's dotted path
     * @param raw the raw value
     * @return the id
     */
    public static StaffId parse(String field, @Nullable String raw) {
        return new StaffId(TextRules.identifier(field, raw));
    }

    /**
     * Creates a staff id.
     *
     * @param value the identifier
     * @return the id
     */
    public static StaffId of(String value) {
        return new StaffId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
