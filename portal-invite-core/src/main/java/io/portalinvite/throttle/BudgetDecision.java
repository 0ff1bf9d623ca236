package io.portalinvite.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether an attempt could be taken from a budget.
 *
 * @param allowed true when one attempt was taken
 * @param retryAfter when refused, how long until one attempt is available again; zero when allowed
 */
public record BudgetDecision(boolean allowed, Duration retryAfter) {

    private static final BudgetDecision ALLOWED = new BudgetDecision(true, Duration.ZERO);

    /** Checks the parts. */
    public BudgetDecision {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    /**
     * An attempt that was taken.
     *
     * @return the decision
     */
    public static BudgetDecision taken() {
        return ALLOWED;
    }

    /**
     * An attempt that was refused.
     *
     * @param retryAfter how long until one attempt is available again
     * @return the decision
     */
    public static BudgetDecision refused(Duration retryAfter) {
        return new BudgetDecision(false, retryAfter);
    }
}
