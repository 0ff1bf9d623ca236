package io.portalinvite.jdbc;

import io.portalinvite.tx.TransactionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <p>Two ways to put the host's own writes in the same transaction:
 *
 * <ul>
 *   <li>the host's statements run in the library's transaction, on {@link #currentConnection()}:
 *       <pre>{@code
 * storage.transactions().inTransaction(() -> {
 *     savePatient(storage.currentConnection().orElseThrow(), patient);   // the host's own SQL
 *     return portal.invitations().invite(request);                       // rolls back with it
 * });
 * }</pre>
 *   <li>the library's calls run in the host's transaction, on a connection the host owns, through
 *       {@link #join(Connection)} and a {@link HostTransaction}.
 * </ul>
 *
 * <p>When the database picks the transaction as a deadlock or serialization victim, everything it
 * did was rolled back, so a transaction this runner began is run again, up to three times in all,
 * after a short random pause. The work may therefore run more than once: keep what it does outside
 * the database to after-commit actions, as the library does.
 *
 * <p>Where it can see one (jakarta.transaction on the class path and a transaction synchronization
 * registry in JNDI or Narayana's), this runner refuses to begin its own transaction while a JTA
 * transaction is active on the thread: its commit would either fail ("Attempting to commit while
 * taking part in a transaction") or, on a pool that does not enlist, commit apart from the host's
 * work. Use {@link JtaTransactionRunner} there.
 */
public final class JdbcTransactionRunner implements TransactionRunner, ConnectionProvider {

    private static final Logger log = LoggerFactory.getLogger(JdbcTransactionRunner.class);

    /** Attempts of one transaction when the database aborts it as a deadlock or serialization victim. */
    static final int MAX_ATTEMPTS = DeadlockRetry.MAX_ATTEMPTS;

    private final DataSource dataSource;
    private final boolean refuseInsideJta;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private volatile @Nullable JtaGuard jta;

    /**
     * Creates a runner over a data source.
     *
     * @param dataSource where connections come from
     */
    public JdbcTransactionRunner(DataSource dataSource) {
        this(dataSource, true);
    }

    JdbcTransactionRunner(DataSource dataSource, boolean refuseInsideJta) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.refuseInsideJta = refuseInsideJta;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        refuseWhenJtaActive();
        return DeadlockRetry.run(() -> once(work));
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
        Tx tx = new Tx(connection, null);
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
        AfterCommitActions.runAll(tx.afterCommit);
        return result;
    }

    /**
     * Joins a transaction the host holds on its own connection: library calls made through the
     * returned {@link HostTransaction}'s {@code run} use that connection and never commit, roll back
     * or close it; their after-commit actions wait until the host reports its commit.
     *
     * @param connection the host's connection, with auto-commit off
     * @return the joined transaction; close it when the host's transaction has ended
     */
    public HostTransaction join(Connection connection) {
        return new HostTransaction(this, Objects.requireNonNull(connection, "connection"));
    }

    /** Runs work with the host's connection bound to this thread; called by {@link HostTransaction}. */
    <T> T runJoined(HostTransaction host, Supplier<T> work) {
        Tx open = current.get();
        if (open != null) {
            if (open.host == host) {
                return work.get();
            }
            throw new HostTransactionException("Cannot join the host's connection: another transaction is already"
                    + " open on this thread (the library's own or another joined connection). Join one"
                    + " connection per unit of work and make the library's calls inside its run(...).");
        }
        current.set(new Tx(host.connection(), host));
        try {
            return work.get();
        } finally {
            current.remove();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            AfterCommitActions.runQuietly(action);
        } else if (tx.host != null) {
            tx.host.queue(action);
        } else {
            tx.afterCommit.add(action);
        }
    }

    /**
     * Returns the connection of the transaction open on this thread — the library's own, or a joined
     * host connection — for the host's own statements.
     *
     * @return the connection, or empty outside {@link #inTransaction} and {@link HostTransaction#run}
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

    private void refuseWhenJtaActive() {
        if (!refuseInsideJta) {
            return;
        }
        JtaGuard guard = jta;
        if (guard == null) {
            guard = JtaGuard.detect();
            jta = guard;
        }
        if (guard.transactionActive()) {
            throw new HostTransactionException("A JTA transaction is active on this thread, but this"
                    + " JdbcPortalStorage runs its own JDBC transactions and cannot join it. Build the"
                    + " storage with JdbcPortalStorage.builder(dataSource).hostTransactions(new"
                    + " JtaTransactionRunner(dataSource, transactionManager, synchronizationRegistry)) on the"
                    + " container's enlisting DataSource (see the README's \"Non-Spring hosts\").");
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

    /** The transaction bound to a thread: the runner's own ({@code host} null) or a joined host's. */
    private static final class Tx {
        final Connection connection;
        final @Nullable HostTransaction host;
        final List<Runnable> afterCommit = new ArrayList<>();

        Tx(Connection connection, @Nullable HostTransaction host) {
            this.connection = connection;
            this.host = host;
        }
    }
}
