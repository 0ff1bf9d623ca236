package io.portalinvite.jdbc;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/**
 * The library was asked to work inside a host transaction in a way that would break it: a host
 * connection in auto-commit mode, a JTA transaction the storage cannot join, a JTA transaction
 * already marked rollback-only, or a second connection joined on a thread that has one. Nothing
 * was written. The message says what to change.
 */
public final class HostTransactionException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and how to fix it
     */
    public HostTransactionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and how to fix it
     * @param cause the transaction manager's exception
     */
    public HostTransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
