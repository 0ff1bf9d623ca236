package io.portalinvite.settings;

import io.portalinvite.common.Violations;
import io.portalinvite.password.PasswordPolicy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an invitee must satisfy to register and sign in: the password rules, the date-of-birth
 * check, the age rules, whether a login may be shared, the documents to accept and the second
 * factor. Part of {@link PortalSettings}.
 *
 * @param passwordPolicy the password length rules
 * @param dateOfBirthCheck whether the invitee must enter the patient's date of birth to register
 * @param maxDateOfBirthAttempts wrong dates of birth tolerated before the link is revoked
 * @param agePolicy the age rules for own accounts and parental access
 * @param sharedEmail whether one login may hold SELF access for several patients
 * @param consent the privacy notice and terms to accept at registration, or null for none
 * @param secondFactor whether sign-in asks for a second factor; a password minimum below
 *     {@value PasswordPolicy#SINGLE_FACTOR_MIN_LENGTH} needs {@link SecondFactorPolicy#REQUIRED}
 */
public record RegistrationRules(
        PasswordPolicy passwordPolicy,
        boolean dateOfBirthCheck,
        int maxDateOfBirthAttempts,
        AgePolicy agePolicy,
        SharedEmailPolicy sharedEmail,
        @Nullable ConsentDocument consent,
        SecondFactorPolicy secondFactor) {

    /** Rule code for a password minimum below 15 without a required second factor. */
    public static final String SINGLE_FACTOR_MIN_LENGTH_RULE = "password_policy.min_length_needs_second_factor";

    /**
     * Validates every field and reports all problems together, each under its setting's name
     * ({@code settings.maxDateOfBirthAttempts}).
     */
    public RegistrationRules {
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
        Objects.requireNonNull(agePolicy, "agePolicy");
        Objects.requireNonNull(sharedEmail, "sharedEmail");
        Objects.requireNonNull(secondFactor, "secondFactor");
        Violations v = new Violations();
        if (passwordPolicy.minLength() < PasswordPolicy.SINGLE_FACTOR_MIN_LENGTH
                && secondFactor != SecondFactorPolicy.REQUIRED) {
            v.add(
                    "settings.passwordPolicy.minLength",
                    SINGLE_FACTOR_MIN_LENGTH_RULE,
                    "a minimum below " + PasswordPolicy.SINGLE_FACTOR_MIN_LENGTH
                            + " characters is allowed only when the practice requires a second factor"
                            + " (NIST SP 800-63B-4), was " + passwordPolicy.minLength());
        }
        if (maxDateOfBirthAttempts < 1 || maxDateOfBirthAttempts > 10) {
            v.add("settings.maxDateOfBirthAttempts", "range", "must be between 1 and 10");
        }
        v.throwIfAny();
    }
}
