package io.portalinvite.common;

/** Why an invitation was revoked. */
public enum RevocationReason {
    /** A staff member withdrew it (e.g. turned the demographic toggle off). */
    STAFF,
    /** Too many wrong dates of birth were entered on the registration page. */
    DATE_OF_BIRTH_ATTEMPTS,
    /** The practice disabled the portal. */
    PORTAL_DISABLED
}
