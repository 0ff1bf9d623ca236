package io.portalinvite.internal.throttle;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.BudgetDecision;
import io.portalinvite.throttle.SignInBudgets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SignInBudgets} in this process's memory, on Bucket4j's local token buckets: for a single
 * node and for tests. Several nodes each keep their own budgets with it, so a host with more than
 * one node uses the database store of {@code portal-invite-jdbc} instead.
 *
 * <p>At most {@code maxKeys} buckets are kept; past that the least recently used one is dropped (a
 * dropped bucket comes back full), so a flood of distinct addresses cannot exhaust memory.
 * Thread-safe.
 */
public final class InMemorySignInBudgets implements SignInBudgets {

    /** Buckets kept by default. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final Map<String, Bucket> buckets;

    /** Creates a store keeping up to {@link #DEFAULT_MAX_KEYS} buckets. */
    public InMemorySignInBudgets() {
        this(DEFAULT_MAX_KEYS);
    }

    /**
     * Creates a store keeping up to {@code maxKeys} buckets.
     *
     * @param maxKeys the most buckets kept at once
     */
    public InMemorySignInBudgets(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public BudgetDecision tryTake(String key, Budget budget) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, k -> newBucket(budget));
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? BudgetDecision.taken()
                : BudgetDecision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * The Bucket4j configuration of a budget: {@code capacity} tokens, refilled greedily over
     * {@code period}. The database store builds the same one.
     *
     * @param budget the budget
     * @return the bandwidth
     */
    public static Bandwidth bandwidth(Budget budget) {
        return Bandwidth.builder()
                .capacity(budget.capacity())
                .refillGreedy(budget.capacity(), budget.period())
                .build();
    }

    private static Bucket newBucket(Budget budget) {
        return Bucket.builder().addLimit(bandwidth(budget)).build();
    }
}
