package io.portalinvite.invitation;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/** A store refused an invitation because a live one for the same patient and invitee exists. */
public final class DuplicateInvitationException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what collided, without personal data
     */
    public DuplicateInvitationException(String message) {
        super(message);
    }
}
