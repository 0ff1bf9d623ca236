package io.portalinvite.jdbc;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/**
 * The JTA transaction manager could not begin, commit or roll back a transaction that
 * {@link JtaTransactionRunner} began itself. When the commit was refused (rolled back instead),
 * nothing the transaction did was stored.
 */
public final class JtaTransactionException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param operation what the runner was doing, e.g. "commit"
     * @param cause the transaction manager's exception
     */
    public JtaTransactionException(String operation, Throwable cause) {
        super("JTA transaction failed: " + operation + " (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
