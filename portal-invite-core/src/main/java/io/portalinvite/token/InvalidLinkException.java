package io.portalinvite.token;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/**
 * The invitation link cannot be used. Every failure of the token itself — malformed, unknown,
 * expired, revoked, superseded by a resend, already used — gives this one exception with one
 * message, so that the answer tells an attacker nothing about which tokens exist.
 */
public final class InvalidLinkException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The one message shown for every unusable link. */
    public static final String MESSAGE =
            "This invitation link is invalid or has expired. Please ask your practice to send a new one.";

    /** Creates the exception with the generic message. */
    public InvalidLinkException() {
        super(MESSAGE);
    }
}
