package io.portalinvite.invitation;

/** Where in the host's workflow the invitation was made; recorded for audit and reporting. */
public enum InvitationOrigin {
    /** Staff added a new patient (e.g. from the appointment booking screen). */
    NEW_PATIENT,
    /** Staff invited an existing patient (e.g. from the demographic window). */
    EXISTING_PATIENT
}
