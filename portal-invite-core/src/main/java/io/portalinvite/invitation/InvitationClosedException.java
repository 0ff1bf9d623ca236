package io.portalinvite.invitation;

import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PortalInviteException;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import java.io.Serial;

/** Staff tried to resend an invitation that can no longer be resent (it was accepted). */
public final class InvitationClosedException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final InvitationStatus status;

    /**
     * Creates the exception.
     *
     * @param id the invitation
     * @param status its status
     */
    public InvitationClosedException(InvitationId id, InvitationStatus status) {
        super("Invitation " + id + " is " + status + " and cannot be resent");
        this.status = status;
    }

    /**
     * Returns the invitation's status.
     *
     * @return the status that prevented the resend
     */
    public InvitationStatus status() {
        return status;
    }
}
