package io.portalinvite.common;

/** Why an access grant stopped applying. */
public enum AccessEndReason {
    /** Staff revoked it (the grant alone, or all access to the patient at the practice). */
    REVOKED_BY_STAFF,
    /** The end date staff set was reached. */
    END_DATE_REACHED,
    /** The practice's age rules ended it, e.g. on the patient's 14th birthday. */
    AGE_RULE
}
