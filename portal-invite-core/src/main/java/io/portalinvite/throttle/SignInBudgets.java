package io.portalinvite.throttle;

import io.portalinvite.internal.throttle.InMemorySignInBudgets;
import java.time.Instant;

/**
 * Storage SPI for sign-in budgets: one token bucket per key, shared by every node of the host so
 * that a budget holds however the requests are spread. Keys are opaque digests made by the throttle
 * (never a raw address or email). A store keeps its own state outside the library's transactions:
 * an attempt taken stays taken whatever happens to the sign-in afterwards.
 *
 * <p>Implementations: {@link InMemorySignInBudgets} for one process, and the database one in
 * {@code portal-invite-jdbc}. Their behaviour is pinned by {@code SignInBudgetsContract} in core's
 * test-jar.
 */
public interface SignInBudgets {

    /**
     * Takes one attempt from the budget of a key, creating the bucket full when it does not exist.
     * Of any number of concurrent calls for one key, no more succeed than the budget holds.
     *
     * @param key an opaque key of at most 64 characters ({@code [A-Za-z0-9:_-]})
     * @param budget the budget of this kind of key; every call for a key passes the same one
     * @return whether the attempt was taken, and when refused how long to wait
     */
    BudgetDecision tryTake(String key, Budget budget);

    /**
     * Deletes up to {@code limit} budgets that are full again at {@code now}: a missing budget starts
     * full, so nobody's budget changes, and the store stays as small as the recent attempts. The
     * maintenance sweep calls it; a store that bounds itself may keep the default, which deletes
     * nothing.
     *
     * @param now the current time
     * @param limit the most budgets to delete
     * @return how many were deleted
     */
    default int purgeFull(Instant now, int limit) {
        return 0;
    }
}
