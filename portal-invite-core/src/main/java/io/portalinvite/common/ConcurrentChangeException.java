package io.portalinvite.common;

import java.io.Serial;

/**
 * Someone else changed the same record at the same moment and this change was not applied. Nothing
 * was written; the operation can be tried again.
 */
public final class ConcurrentChangeException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what the record that changed concurrently, without personal data
     */
    public ConcurrentChangeException(String what) {
        super(what + " was changed by someone else at the same time; nothing was written, please try again");
    }
}
