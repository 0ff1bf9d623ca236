package io.portalinvite.common;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a portal account.
 *
 * @param value a random UUID
 */
public record AccountId(UUID value) implements Serializable {

    /** Checks presence. */
    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a fresh id.
     *
     * @return a random id
     */
    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
