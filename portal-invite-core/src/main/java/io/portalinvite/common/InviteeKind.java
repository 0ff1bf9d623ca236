package io.portalinvite.common;

/** Who receives an invitation. */
public enum InviteeKind {
    /** The patient, who will get SELF access. */
    PATIENT,
    /** A carer or parent acting for the patient, who will get PROXY access. */
    CARER
}
