package io.portalinvite.tx;

import java.util.function.Supplier;

/**
 * The unit-of-work boundary every store joins.
 *
 * <p>The services call {@link #inTransaction} around each group of writes that must succeed or
 * fail together (an invitation, its outbound messages and its audit event). When the host already
 * has a transaction open, an implementation joins it instead of opening a new one, so that a
 * patient save that rolls back also takes the invitation with it and sends nothing.
 */
public interface TransactionRunner {

    /**
     * Runs work in a transaction: commits when it returns, rolls back when it throws. Nested calls
     * join the outer transaction.
     *
     * @param work the work
     * @param <T> its result type
     * @return what the work returned
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs work in a transaction that returns nothing.
     *
     * @param work the work
     */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Registers an action to run once the current outermost transaction has committed; it is
     * dropped when the transaction rolls back. Outside a transaction the action runs at once.
     * Failures of the action are logged and do not affect the committed work.
     *
     * @param action the action, e.g. notifying listeners or waking the dispatcher
     */
    void afterCommit(Runnable action);
}
