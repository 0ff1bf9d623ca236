package io.portalinvite.common;

/** A way of reaching an invitee. */
public enum Channel {
    /** An email that carries the invitation link. */
    EMAIL,
    /** A short SMS notice that an email was sent: no link, no code, no health information. */
    SMS
}
