package io.portalinvite.invitation;

import io.portalinvite.common.InviteeKind;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.settings.ConsentDocument;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the invitation page shows before the invitee sets a password: enough to recognise the
 * invitation, nothing more. Opening the preview never uses up the link.
 *
 * @param practiceName the practice's display name
 * @param inviteeFirstName the invitee's first name
 * @param maskedEmail the invitee's email, masked ({@code a***@example.org})
 * @param expiresAt when the link stops working
 * @param inviteeKind patient or carer
 * @param patientFirstName for a carer, the first name of the patient they will act for; null for a patient
 * @param dateOfBirthRequired whether the page must ask for the patient's date of birth
 * @param timeZone the practice's time zone, to show {@code expiresAt} as the practice's emails do
 * @param locale the language of the invitation's messages (the patient's when staff chose one, else
 *     the practice's locale), for the page's dates and language
 * @param consent the privacy notice and terms the invitee must accept to register, or null when the
 *     practice has none; send back its version in {@link CompleteRegistration#acceptedConsentVersion()}
 */
public record InvitationPreview(
        String practiceName,
        String inviteeFirstName,
        String maskedEmail,
        Instant expiresAt,
        InviteeKind inviteeKind,
        @Nullable String patientFirstName,
        boolean dateOfBirthRequired,
        ZoneId timeZone,
        Locale locale,
        @Nullable ConsentDocument consent) {

    /**
     * Returns the version to accept.
     *
     * @return the privacy notice's version, or null when there is nothing to accept
     */
    public @Nullable String consentVersion() {
        return consent == null ? null : consent.version();
    }
}
