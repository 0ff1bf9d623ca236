package io.portalinvite.common;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one grant of access.
 *
 * @param value a random UUID
 */
public record AccessId(UUID value) implements Serializable {

    /** Checks presence. */
    public AccessId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a fresh id.
     *
     * @return a random id
     */
    public static AccessId random() {
        return new AccessId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
