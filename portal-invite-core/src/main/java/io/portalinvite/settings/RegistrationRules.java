package io.portalinvite.settings;

import io.portalinvite.common.Violations;
import io.portalinvite.password.PasswordPolicy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an invitee must satisfy to register: the password rules, the date-of-birth check, the age
 * rules, whether a login may be shared and the documents to accept. Part of {@link PortalSettings}.
 *
 * @param passwordPolicy the password length rules
 * @param dateOfBirthCheck whether the invitee must enter the patient's date of birth to register
 * @param maxDateOfBirthAttempts wrong dates of birth tolerated before the link is revoked
 * @param agePolicy the age rules for own accounts and parental access
 * @param sharedEmail whether one login may hold SELF access for several patients
 * @param consent the privacy notice and terms to accept at registration, or null for none
 */
public record RegistrationRules(
        PasswordPolicy passwordPolicy,
        boolean dateOfBirthCheck,
        int maxDateOfBirthAttempts,
        AgePolicy agePolicy,
        SharedEmailPolicy sharedEmail,
        @Nullable ConsentDocument consent) {

    /**
     * Validates every field and reports all problems together, each under its setting's name
     * ({@code settings.maxDateOfBirthAttempts}).
     */
    public RegistrationRules {
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
        Objects.requireNonNull(agePolicy, "agePolicy");
        Objects.requireNonNull(sharedEmail, "sharedEmail");
        Violations v = new Violations();
        if (maxDateOfBirthAttempts < 1 || maxDateOfBirthAttempts > 10) {
            v.add("settings.maxDateOfBirthAttempts", "range", "must be between 1 and 10");
        }
        v.throwIfAny();
    }
}
