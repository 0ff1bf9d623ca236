package io.portalinvite.examples.demo.patients;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The New Patient form of the booking screen, as typed: the patient, the appointment, and the two
 * portal toggles with the carer's or parent's details.
 *
 * @param givenName patient's given name
 * @param familyName patient's family name
 * @param dateOfBirth patient's date of birth, yyyy-MM-dd
 * @param email patient's email
 * @param mobile patient's mobile
 * @param appointmentDate the appointment's day, yyyy-MM-dd
 * @param appointmentTime the appointment's time, HH:mm
 * @param practitioner who the patient sees
 * @param reason why
 * @param sendPortalAccess the toggle "Send Patient Portal Access via SMS or Email"
 * @param portalForSomeoneElse the toggle "Give patient portal access to someone other than the patient"
 * @param carerGivenName the carer's or parent's given name
 * @param carerFamilyName their family name
 * @param carerRelationship PARENT, GUARDIAN, CARER or OTHER
 * @param carerEmail their email, where the invitation goes
 * @param carerMobile their mobile, for the SMS notice
 */
public record NewPatientBooking(
        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String dateOfBirth,
        @Nullable String email,
        @Nullable String mobile,
        @Nullable String appointmentDate,
        @Nullable String appointmentTime,
        @Nullable String practitioner,
        @Nullable String reason,
        @Nullable Boolean sendPortalAccess,
        @Nullable Boolean portalForSomeoneElse,
        @Nullable String carerGivenName,
        @Nullable String carerFamilyName,
        @Nullable String carerRelationship,
        @Nullable String carerEmail,
        @Nullable String carerMobile) {

    /**
     * An empty form for a day, with portal access on (the booking screen's default).
     *
     * @param day the appointment day
     * @param time a free time
     * @return the form
     */
    public static NewPatientBooking blank(LocalDate day, String time) {
        return new NewPatientBooking(
                null,
                null,
                null,
                null,
                null,
                day.toString(),
                time,
                null,
                null,
                true,
                false,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * Tells whether Patient Portal access is to be sent.
     *
     * @return the toggle's state
     */
    public boolean sendsPortalAccess() {
        return Boolean.TRUE.equals(sendPortalAccess);
    }

    /**
     * Tells whether access goes to a carer or parent instead of the patient.
     *
     * @return the toggle's state
     */
    public boolean forSomeoneElse() {
        return Boolean.TRUE.equals(portalForSomeoneElse);
    }
}
