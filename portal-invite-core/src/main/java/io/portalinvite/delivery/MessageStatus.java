package io.portalinvite.delivery;

/** Where an outbound message is. */
public enum MessageStatus {
    /** Waiting to be sent (possibly claimed by a dispatcher right now, or waiting for a retry). */
    PENDING,
    /** Handed to the mail server or SMS provider. */
    SENT,
    /** Failed for good: a permanent error, or every retry used. */
    FAILED,
    /** Not sent on purpose: its invitation was revoked, accepted, expired or resent with a new link. */
    CANCELLED
}
