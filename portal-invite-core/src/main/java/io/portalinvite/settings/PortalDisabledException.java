package io.portalinvite.settings;

import io.portalinvite.common.PortalInviteException;
import io.portalinvite.common.PracticeId;
import java.io.Serial;

/** The practice has not enabled the Patient Portal, so no invitation can be sent. */
public final class PortalDisabledException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final PracticeId practiceId;

    /**
     * Creates the exception.
     *
     * @param practiceId the practice
     */
    public PortalDisabledException(PracticeId practiceId) {
        super("The Patient Portal is not enabled for practice " + practiceId
                + ". Enable it in Patient Portal Settings before sending invitations.");
        this.practiceId = practiceId;
    }

    /**
     * Returns the practice.
     *
     * @return the practice whose portal is off
     */
    public PracticeId practiceId() {
        return practiceId;
    }
}
