package io.portalinvite.examples.demo.patients;

import org.jspecify.annotations.Nullable;

/**
 * The demographic window's form, as typed.
 *
 * @param givenName given name
 * @param familyName family name
 * @param dateOfBirth date of birth, yyyy-MM-dd
 * @param email email
 * @param mobile mobile
 * @param portalAccess the toggle "Send Patient Portal Access via Email": on invites, off revokes
 */
public record Demographics(
        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String dateOfBirth,
        @Nullable String email,
        @Nullable String mobile,
        @Nullable Boolean portalAccess) {

    /**
     * The form filled from a patient's record.
     *
     * @param patient the patient
     * @param portalAccess whether the toggle is on
     * @return the form
     */
    public static Demographics of(Patient patient, boolean portalAccess) {
        return new Demographics(
                patient.givenName(),
                patient.familyName(),
                patient.dateOfBirth().toString(),
                patient.email(),
                patient.mobile(),
                portalAccess);
    }

    /**
     * Tells whether the toggle is on.
     *
     * @return the toggle's state
     */
    public boolean accessOn() {
        return Boolean.TRUE.equals(portalAccess);
    }
}
