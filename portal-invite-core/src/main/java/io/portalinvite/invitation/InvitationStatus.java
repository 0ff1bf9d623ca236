package io.portalinvite.invitation;

/** Where an invitation is in its life. */
public enum InvitationStatus {
    /** Created; the email has not been confirmed sent yet. */
    PENDING,
    /** The email with the link was handed to the mail server. */
    SENT,
    /** The email could not be delivered after every retry; staff can resend. */
    DELIVERY_FAILED,
    /** The invitee set a password; the link is used up. */
    ACCEPTED,
    /** The link's lifetime passed before it was used. */
    EXPIRED,
    /** Staff withdrew the invitation, or too many wrong dates of birth were entered. */
    REVOKED;

    /**
     * Tells whether the link may still be used (subject to its expiry time).
     *
     * @return true for PENDING, SENT and DELIVERY_FAILED
     */
    public boolean isOpen() {
        return this == PENDING || this == SENT || this == DELIVERY_FAILED;
    }
}
