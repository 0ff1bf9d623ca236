package io.portalinvite.jdbc;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;

/**
 * The data source connects to a database the JDBC stores do not support. Raised when the stores are
 * created, before anything is read or written; the message names the database and the supported ones.
 */
public final class UnsupportedDatabaseException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which database was found and which are supported
     */
    public UnsupportedDatabaseException(String message) {
        super(message);
    }
}
