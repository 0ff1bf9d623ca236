package io.portalinvite.examples.demo.staff;

import io.portalinvite.settings.PortalSettings;
import org.jspecify.annotations.Nullable;

/**
 * The Portal Settings form, as typed.
 *
 * @param enabled whether the Patient Portal is on
 * @param practiceName the name used in messages and on the invitation page
 * @param invitationLinkBase the invitation page's address
 * @param invitationLifetime how long links stay valid, an ISO-8601 duration from the list
 * @param smsNotice whether an SMS notice accompanies the email
 * @param dateOfBirthCheck whether invitees must confirm the patient's date of birth
 */
public record SettingsForm(
        @Nullable Boolean enabled,
        @Nullable String practiceName,
        @Nullable String invitationLinkBase,
        @Nullable String invitationLifetime,
        @Nullable Boolean smsNotice,
        @Nullable Boolean dateOfBirthCheck) {

    /**
     * The form filled from saved settings.
     *
     * @param settings the settings
     * @return the form
     */
    static SettingsForm of(PortalSettings settings) {
        return new SettingsForm(
                settings.enabled(),
                settings.practice().name(),
                settings.links().invitationLinkBase().toString(),
                settings.links().invitationLifetime().toString(),
                settings.delivery().smsNotice(),
                settings.registration().dateOfBirthCheck());
    }
}
