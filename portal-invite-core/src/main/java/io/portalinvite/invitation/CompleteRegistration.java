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
 * @param acceptedConsentVersion the version of the practice's privacy notice the invitee ticked to
 *     accept ({@link InvitationPreview#consentVersion()}), or null when none was shown
 */
public record CompleteRegistration(
        String token,
        String password,
        String passwordConfirmation,
        @Nullable LocalDate dateOfBirth,
        @Nullable String acceptedConsentVersion) {

    /**
     * A submission for a practice without a privacy notice to accept.
     *
     * @param token the token from the link
     * @param password the chosen password
     * @param passwordConfirmation the password typed again
     * @param dateOfBirth the patient's date of birth, when the practice asks for it
     */
    public CompleteRegistration(
            String token, String password, String passwordConfirmation, @Nullable LocalDate dateOfBirth) {
        this(token, password, passwordConfirmation, dateOfBirth, null);
    }

    /** Checks presence (content is checked by the service). */
    public CompleteRegistration {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
    }

    @Override
    public String toString() {
        return "CompleteRegistration[token=***, password=***, dateOfBirth=" + (dateOfBirth == null ? "-" : "***")
                + ", consent=" + acceptedConsentVersion + "]";
    }
}
