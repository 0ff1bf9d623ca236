package io.portalinvite.invitation;

import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/** Staff referred to an invitation that does not exist (at their practice). */
public final class InvitationNotFoundException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param id the id that was not found
     */
    public InvitationNotFoundException(InvitationId id) {
        super("No invitation with id " + id);
    }
}
