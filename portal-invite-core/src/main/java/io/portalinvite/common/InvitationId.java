package io.portalinvite.common;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an invitation.
 *
 * @param value a random UUID
 */
public record InvitationId(UUID value) implements Serializable {

    /** Checks presence. */
    public InvitationId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a fresh id.
     *
     * @return a random id
     */
    public static InvitationId random() {
        return new InvitationId(UUID.randomUUID());
    }

    /**
     * Parses an id.
     *
     * @param value the UUID text
     * @return the id
     */
    public static InvitationId of(String value) {
        return new InvitationId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
