package io.portalinvite.jdbc;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A database operation failed. The message names the operation and the SQL state, never the values
 * involved (they may be personal data).
 */
public final class JdbcStoreException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final @Nullable String sqlState;

    /**
     * Creates the exception.
     *
     * @param operation what was being done, e.g. "insert invitation"
     * @param cause the driver's exception
     */
    public JdbcStoreException(String operation, SQLException cause) {
        super("Database operation failed: " + operation + " (SQL state " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /**
     * Returns the SQL state of the failure.
     *
     * @return the five-character SQL state, or null when the driver gave none
     */
    public @Nullable String sqlState() {
        return sqlState;
    }
}
