package io.portalinvite.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A transaction the host holds on a JDBC connection of its own, joined by the library: from
 * {@link JdbcPortalStorage#join(Connection)}. The rules, all in one place:
 *
 * <ol>
 *   <li>The host turns auto-commit off before joining, and owns the connection: the library never
 *       commits, rolls back or closes it.
 *   <li>Library calls made inside {@link #run(Supplier)} (on the calling thread) write through that
 *       connection, so they commit or roll back with the host's own statements. Calls made outside
 *       {@code run} use connections of their own, as usual.
 *   <li>What the library does only after a commit — telling {@code PortalEventListener}s and
 *       the library's other after-commit work — is queued, and happens when the host reports its commit with
 *       {@link #committed()}; {@link #rolledBack()} or {@link #close()} without {@code committed()}
 *       drops it. The outbox messages are rows in the host's transaction: the dispatcher sees them
 *       only once the host commits, and never when it rolls back.
 *   <li>When a library call inside {@code run} throws, roll back: part of its writes may already be
 *       in the host's transaction ({@code ValidationException} and {@code PortalDisabledException}
 *       are thrown before anything is written).
 *   <li>One joined connection per thread at a time; {@code run} calls may nest.
 * </ol>
 *
 * <pre>{@code
 * try (Connection connection = dataSource.getConnection()) {
 *     connection.setAutoCommit(false);
 *     try (HostTransaction tx = storage.join(connection)) {
 *         savePatient(connection, patient);                                   // the host's own SQL
 *         InviteResult invited = tx.run(() -> portal.invitations().invite(request));
 *         connection.commit();
 *         tx.committed();                                                     // now listeners hear of it
 *     } catch (RuntimeException | SQLException e) {
 *         connection.rollback();                                              // nothing stored, nothing sent
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: use it from the thread that owns the connection.
 */
public final class HostTransaction implements AutoCloseable {

    private enum State {
        OPEN,
        COMMITTED,
        ROLLED_BACK
    }

    private final JdbcTransactionRunner runner;
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private State state = State.OPEN;

    HostTransaction(JdbcTransactionRunner runner, Connection connection) {
        this.runner = runner;
        this.connection = connection;
    }

    /**
     * Runs library calls in the host's transaction.
     *
     * @param work the calls, e.g. {@code () -> portal.invitations().invite(request)}
     * @param <T> the result type
     * @return what the work returned
     * @throws HostTransactionException when the connection is in auto-commit mode, this transaction
     *     has ended, or another transaction is open on this thread
     * @throws JdbcStoreException when the connection cannot be used
     */
    public <T> T run(Supplier<T> work) {
        requireOpen("run library calls in");
        try {
            if (connection.getAutoCommit()) {
                throw new HostTransactionException("The joined connection is in auto-commit mode, so each of the"
                        + " library's statements would commit on its own: call connection.setAutoCommit(false)"
                        + " before joining it.");
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("join the host's connection", e);
        }
        return runner.runJoined(this, work);
    }

    /**
     * Runs library calls that return nothing in the host's transaction.
     *
     * @param work the calls
     * @throws HostTransactionException as {@link #run(Supplier)}
     */
    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Reports that the host committed its transaction: runs the queued after-commit actions, in the
     * order they were queued, on this thread. A failing action is logged and does not stop the
     * others.
     *
     * @throws HostTransactionException when the transaction was already reported ended
     */
    public void committed() {
        requireOpen("report a commit of");
        state = State.COMMITTED;
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        AfterCommitActions.runAll(actions);
    }

    /** Reports that the host rolled its transaction back: drops the queued after-commit actions. */
    public void rolledBack() {
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
            afterCommit.clear();
        }
    }

    /**
     * Ends the join. Without an earlier {@link #committed()}, the transaction counts as rolled back
     * and its after-commit actions are dropped. The connection stays open: it is the host's.
     */
    @Override
    public void close() {
        rolledBack();
    }

    /**
     * Returns the host's connection this transaction joined.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    /** Queues an after-commit action of a library call made inside {@link #run}. */
    void queue(Runnable action) {
        afterCommit.add(action);
    }

    private void requireOpen(String what) {
        if (state != State.OPEN) {
            throw new HostTransactionException("Cannot " + what + " a joined transaction that was already reported "
                    + (state == State.COMMITTED ? "committed" : "rolled back or closed")
                    + ": join the connection again for the next transaction.");
        }
    }
}
