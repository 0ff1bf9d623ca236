package io.portalinvite.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the JDBC stores get their connection: the seam through which they join a transaction the
 * host already has open.
 *
 * <p>{@link JdbcTransactionRunner} is the plain-JDBC implementation (one connection bound to the
 * thread per unit of work). The Spring Boot starter supplies one that returns the connection of the
 * current Spring-managed transaction, so that the stores and the host's own data access commit or
 * roll back together.
 */
public interface ConnectionProvider {

    /**
     * Returns the connection of the current unit of work, or a fresh auto-commit connection outside one.
     *
     * @return a connection; give it back with {@link #releaseConnection}
     * @throws SQLException when none can be had
     */
    Connection getConnection() throws SQLException;

    /**
     * Gives a connection back. Closes it unless it belongs to an open transaction.
     *
     * @param connection a connection from {@link #getConnection()}
     * @throws SQLException when closing fails
     */
    void releaseConnection(Connection connection) throws SQLException;
}
