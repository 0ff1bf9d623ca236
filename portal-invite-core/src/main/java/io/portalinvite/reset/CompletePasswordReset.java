package io.portalinvite.reset;

import java.util.Objects;

/**
 * What the person following a reset link submits.
 *
 * @param token the token from the link
 * @param password the new password
 * @param passwordConfirmation the new password typed again
 */
public record CompletePasswordReset(String token, String password, String passwordConfirmation) {

    /** Checks presence. */
    public CompletePasswordReset {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
    }

    @Override
    public String toString() {
        return "CompletePasswordReset[token=***, password=***]";
    }
}
