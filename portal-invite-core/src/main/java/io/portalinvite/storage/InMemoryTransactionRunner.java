package io.portalinvite.storage;

import io.portalinvite.tx.TransactionRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialisable transactions for the in-memory stores: one transaction at a time (a single lock),
 * and an undo log that the stores append to, replayed in reverse on rollback.
 *
 * <p>Running one transaction at a time is the simplest way to give in-memory data the same
 * all-or-nothing and isolation guarantees a database gives, which the services rely on. It is meant
 * for tests, demos and single-node hosts without a database, not for throughput.
 */
final class InMemoryTransactionRunner implements TransactionRunner {

    private static final Logger log = LoggerFactory.getLogger(InMemoryTransactionRunner.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    /** Creates a runner. */
    InMemoryTransactionRunner() {}

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Tx outer = current.get();
        if (outer != null) {
            return work.get();
        }
        Tx tx = new Tx();
        T result;
        lock.lock();
        current.set(tx);
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            tx.rollback();
            throw e;
        } finally {
            current.remove();
            lock.unlock();
        }
        for (Runnable action : tx.afterCommit) {
            runQuietly(action);
        }
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            runQuietly(action);
        } else {
            tx.afterCommit.add(action);
        }
    }

    /**
     * Runs a store mutation under the transaction lock, registering its undo action. Called by the
     * in-memory stores; a mutation outside a transaction is applied on its own.
     *
     * @param mutation the change to apply
     * @param <T> its result type
     * @return the mutation's result
     */
    public <T> T mutate(Mutation<T> mutation) {
        Tx tx = current.get();
        if (tx != null) {
            return mutation.apply(tx.undo::push);
        }
        lock.lock();
        try {
            return mutation.apply(undo -> {});
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a store change without a result under the transaction lock, registering its undo
     * action; see {@link #mutate}.
     *
     * @param change the change to apply
     */
    void update(Change change) {
        mutate(undo -> {
            change.apply(undo);
            return Boolean.TRUE;
        });
    }

    /**
     * Runs a read under the transaction lock, so it never sees another transaction's uncommitted
     * writes.
     *
     * @param read the read
     * @param <T> its result type
     * @return the result
     */
    public <T> T read(Supplier<T> read) {
        if (current.get() != null) {
            return read.get();
        }
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("after-commit action failed; the committed work stands", e);
        }
    }

    /**
     * A change to in-memory state that knows how to undo itself.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Mutation<T> {
        /**
         * Applies the change.
         *
         * @param undoLog where to register the action that reverts it
         * @return the result
         */
        T apply(UndoLog undoLog);
    }

    /** A change to in-memory state without a result that knows how to undo itself. */
    @FunctionalInterface
    interface Change {
        /**
         * Applies the change.
         *
         * @param undoLog where to register the action that reverts it
         */
        void apply(UndoLog undoLog);
    }

    /** Receives undo actions. */
    @FunctionalInterface
    public interface UndoLog {
        /**
         * Registers an action that reverts one change.
         *
         * @param undo the reverting action
         */
        void onRollback(Runnable undo);
    }

    private static final class Tx {
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<Runnable> afterCommit = new ArrayList<>();

        void rollback() {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (RuntimeException e) {
                    log.error("undo action failed during rollback", e);
                }
            }
        }
    }
}
