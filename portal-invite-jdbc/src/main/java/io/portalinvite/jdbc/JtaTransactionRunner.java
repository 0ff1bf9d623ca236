package io.portalinvite.jdbc;

import io.portalinvite.tx.TransactionRunner;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions on JTA, for Jakarta EE servers (WildFly, Payara), Quarkus and standalone transaction
 * managers such as Narayana: the library's writes join the host's {@code @Transactional} work.
 *
 * <ul>
 *   <li>A JTA transaction active on the thread is joined; the runner never commits or rolls it back.
 *       An exception from the library's work propagates to the host, whose transaction boundary
 *       decides ({@code @Transactional} rolls back on it).
 *   <li>With none active, the runner begins one, and commits it (or rolls it back when the work
 *       throws): it ends only what it began. Such a transaction is run again when the database
 *       aborts it as a deadlock or serialization victim.
 *   <li>A transaction already marked rollback-only is refused with a {@link HostTransactionException}:
 *       nothing written in it could stay.
 *   <li>After-commit actions (telling listeners, and the library's other after-commit work) are queued on one
 *       interposed {@link Synchronization} per transaction and run after it commits; on rollback
 *       they are dropped.
 *   <li>Connections come from the container's <em>enlisting</em> {@link DataSource} (Agroal's in
 *       Quarkus, the server's JTA data source), which ties them to the transaction; the runner only
 *       closes its handles and never commits a connection. A connection that the data source hands
 *       out in auto-commit mode inside a transaction was not enlisted, and is refused.
 * </ul>
 *
 * <pre>{@code
 * JtaTransactionRunner jta = new JtaTransactionRunner(dataSource, transactionManager, synchronizationRegistry);
 * PortalStorage storage = JdbcPortalStorage.builder(dataSource).hostTransactions(jta).build();
 * }</pre>
 *
 * <p>Needs {@code jakarta.transaction:jakarta.transaction-api} 2.x, which portal-invite-jdbc
 * declares optional: JTA hosts have it already.
 */
public final class JtaTransactionRunner implements TransactionRunner, ConnectionProvider {

    private static final Logger log = LoggerFactory.getLogger(JtaTransactionRunner.class);

    private final DataSource dataSource;
    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry registry;
    /** Key of this runner's after-commit queue among a transaction's resources. */
    private final Object queueKey = new Object();

    /**
     * Creates a runner.
     *
     * @param dataSource the container's data source that enlists its connections in the current JTA
     *     transaction (the same one the storage is built on)
     * @param transactionManager the container's transaction manager
     * @param registry the container's transaction synchronization registry
     */
    public JtaTransactionRunner(
            DataSource dataSource, TransactionManager transactionManager, TransactionSynchronizationRegistry registry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        int status = status();
        switch (status) {
            case Status.STATUS_ACTIVE:
                return work.get();
            case Status.STATUS_MARKED_ROLLBACK:
                throw new HostTransactionException("The current JTA transaction is marked rollback-only, so whatever"
                        + " the library wrote in it would be rolled back: nothing was done. Call the library before"
                        + " the transaction fails, or in a new transaction.");
            case Status.STATUS_NO_TRANSACTION:
                return DeadlockRetry.run(() -> own(work));
            default:
                // the thread's transaction is completing: an after-commit action calling the library
                return besideCompleting(work);
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        int status = status();
        if (status == Status.STATUS_ACTIVE) {
            queue().add(action);
        } else if (status == Status.STATUS_MARKED_ROLLBACK) {
            log.debug("after-commit action dropped: the JTA transaction is marked rollback-only");
        } else {
            // no transaction, or one that has completed: nothing to wait for
            AfterCommitActions.runQuietly(action);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (status() == Status.STATUS_ACTIVE && connection.getAutoCommit()) {
            connection.close();
            throw new HostTransactionException("The DataSource handed out a connection in auto-commit mode inside"
                    + " a JTA transaction, so it did not enlist it: each statement would commit on its own."
                    + " Build the JtaTransactionRunner and the storage on the container's transactional"
                    + " (enlisting) DataSource.");
        }
        return connection;
    }

    @Override
    public void releaseConnection(Connection connection) throws SQLException {
        // an enlisted connection stays with its transaction until it completes: closing the handle
        // gives it back to the pool then, never commits it
        connection.close();
    }

    private <T> T own(Supplier<T> work) {
        try {
            transactionManager.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new JtaTransactionException("begin", e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
        try {
            transactionManager.commit();
        } catch (RollbackException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw new JdbcStoreException("commit", sql);
            }
            throw new JtaTransactionException("commit (rolled back instead)", e);
        } catch (HeuristicMixedException | HeuristicRollbackException | SystemException e) {
            throw new JtaTransactionException("commit", e);
        }
        return result;
    }

    private <T> T besideCompleting(Supplier<T> work) {
        Transaction completing;
        try {
            completing = transactionManager.suspend();
        } catch (SystemException e) {
            throw new JtaTransactionException("suspend the completing transaction", e);
        }
        try {
            return DeadlockRetry.run(() -> own(work));
        } finally {
            if (completing != null) {
                try {
                    transactionManager.resume(completing);
                } catch (Exception e) {
                    log.debug("the completed transaction could not be resumed after an after-commit action", e);
                }
            }
        }
    }

    private void rollback() {
        try {
            transactionManager.rollback();
        } catch (SystemException | IllegalStateException | SecurityException e) {
            log.warn("JTA rollback failed ({})", e.getClass().getSimpleName());
        }
    }

    private int status() {
        try {
            return transactionManager.getStatus();
        } catch (SystemException e) {
            throw new JtaTransactionException("read the transaction status", e);
        }
    }

    /** The current transaction's after-commit queue, registering its synchronization on first use. */
    @SuppressWarnings("unchecked")
    private List<Runnable> queue() {
        List<Runnable> queue = (List<Runnable>) registry.getResource(queueKey);
        if (queue == null) {
            List<Runnable> created = new ArrayList<>();
            registry.putResource(queueKey, created);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int completedStatus) {
                    if (completedStatus == Status.STATUS_COMMITTED) {
                        AfterCommitActions.runAll(List.copyOf(created));
                    }
                    created.clear();
                }
            });
            queue = created;
        }
        return queue;
    }

    private static @Nullable SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SQLException sql) {
                    return sql;
                }
            }
        }
        return null;
    }
}
