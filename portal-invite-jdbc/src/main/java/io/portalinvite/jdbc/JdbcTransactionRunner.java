package io.portalinvite.jdbc;

import io.portalinvite.tx.TransactionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-JDBC transactions: {@link #inTransaction} takes one connection from the {@link DataSource},
 * turns auto-commit off, binds it to the thread for the stores and commits or rolls back at the end.
 * Nested calls join the outer transaction.
 *
 * <p>When the database picks the transaction as a deadlock or serialization victim (SQL state
 * {@code 40001} or {@code 40P01}; InnoDB does this to concurrent inserts of one unique key, for
 * instance), everything it did was rolled back, so the work is run again, up to {@value
 * #MAX_ATTEMPTS} times in all, after a short random pause. The work may therefore run more than once:
 * keep what it does outside the database to after-commit actions, as the library does.
 *
 * <p>A host without a transaction framework can do its own writes in the same transaction through
 * {@link #currentConnection()}:
 *
 * <pre>{@code
 * storage.transactions().inTransaction(() -> {
 *     savePatient(runner.currentConnection().orElseThrow(), patient);   // the host's own SQL
 *     return portal.invitations().invite(request);                      // rolls back with it
 * });
 * }</pre>
 */
public final class JdbcTransactionRunner implements TransactionRunner, ConnectionProvider {

    private static final Logger log = LoggerFactory.getLogger(JdbcTransactionRunner.class);

    /** Attempts of one transaction when the database aborts it as a deadlock or serialization victim. */
    static final int MAX_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    /**
     * Creates a runner over a data source.
     *
     * @param dataSource where connections come from
     */
    public JdbcTransactionRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (JdbcStoreException e) {
                if (attempt >= MAX_ATTEMPTS || !isTransient(e.sqlState())) {
                    throw e;
                }
                log.debug("transaction aborted by the database (SQL state {}); running it again", e.sqlState());
                try {
                    Thread.sleep(
                            java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 10 * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Deadlock victim or serialization failure: the database rolled the whole transaction back. */
    private static boolean isTransient(@Nullable String sqlState) {
        return "40001".equals(sqlState) || "40P01".equals(sqlState);
    }

    private <T> T once(Supplier<T> work) {
        Connection connection;
        boolean autoCommit;
        try {
            connection = dataSource.getConnection();
            autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new JdbcStoreException("begin transaction", e);
        }
        Tx tx = new Tx(connection);
        current.set(tx);
        T result;
        try {
            result = work.get();
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            throw new JdbcStoreException("commit", e);
        } catch (RuntimeException | Error e) {
            rollback(connection);
            throw e;
        } finally {
            current.remove();
            close(connection, autoCommit);
        }
        for (Runnable action : tx.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("after-commit action failed; the committed work stands", e);
            }
        }
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    /**
     * Returns the connection of the transaction open on this thread, for the host's own statements.
     *
     * @return the connection, or empty outside {@link #inTransaction}
     */
    public Optional<Connection> currentConnection() {
        Tx tx = current.get();
        return tx == null ? Optional.empty() : Optional.of(tx.connection);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Tx tx = current.get();
        return tx != null ? tx.connection : dataSource.getConnection();
    }

    @Override
    public void releaseConnection(Connection connection) throws SQLException {
        Tx tx = current.get();
        if (tx == null || tx.connection != connection) {
            connection.close();
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed (SQL state {}); the connection is discarded", e.getSQLState());
        }
    }

    private static void close(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            log.debug("could not restore auto-commit before closing the connection", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing a connection failed (SQL state {})", e.getSQLState());
        }
    }

    private static final class Tx {
        final Connection connection;
        final List<Runnable> afterCommit = new ArrayList<>();

        Tx(Connection connection) {
            this.connection = connection;
        }
    }
}
