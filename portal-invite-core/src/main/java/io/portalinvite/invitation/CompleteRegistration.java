package io.portalinvite.invitation;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the invitee submits on the invitation page. {@link #toString()} never shows the token or the
 * passwords.
 *
 * @param token the token from the link
 * @param password the chosen password
 * @param passwordConfirmation the password typed again
 * @param dateOfBirth the patient's date of birth, when the practice asks for it
 */
public record CompleteRegistration(String token, String password, String passwordConfirmation,
        @Nullable LocalDate dateOfBirth) {

    /** Checks presence (content is checked by the service). */
    public CompleteRegistration {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
    }

    @Override
    public String toString() {
        return "CompleteRegistration[token=***, password=***, dateOfBirth=" + (dateOfBirth == null ? "-" : "***") + "]";
    }
}
