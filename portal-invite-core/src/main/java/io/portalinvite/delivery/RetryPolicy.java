package io.portalinvite.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed send again: exponential backoff with jitter, a bounded number of attempts.
 * Default: 1 minute × 2ⁿ ± 20 %, 8 attempts (about 4 hours in all), so a mail relay that is down
 * for an hour loses nothing and a dead address stops being retried the same day.
 *
 * @param initialDelay the delay after the first failed attempt
 * @param multiplier the growth factor per attempt
 * @param jitter the random spread, as a fraction (0.2 = ± 20 %), so retries of many messages do not
 *     arrive in lockstep
 * @param maxAttempts attempts before a message fails for good
 * @param maxDelay the largest delay between two attempts
 */
public record RetryPolicy(Duration initialDelay, double multiplier, double jitter, int maxAttempts, Duration maxDelay) {

    /** The default policy. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(1), 2.0, 0.2, 8, Duration.ofHours(2));

    /** Checks the ranges. */
    public RetryPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive");
        }
        if (multiplier < 1.0
                || jitter < 0.0
                || jitter >= 1.0
                || maxAttempts < 1
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "need multiplier >= 1, 0 <= jitter < 1, maxAttempts >= 1, " + "maxDelay >= initialDelay");
        }
    }

    /**
     * Tells whether another attempt is allowed after this many.
     *
     * @param attemptsSoFar attempts made, including the one that just failed
     * @return true when the message should be retried
     */
    public boolean shouldRetry(int attemptsSoFar) {
        return attemptsSoFar < maxAttempts;
    }

    /**
     * Computes the next attempt time.
     *
     * @param attemptsSoFar attempts made, including the one that just failed (≥ 1)
     * @param now the current time
     * @param random uniform values in [0, 1)
     * @return when to try again
     */
    public Instant nextAttempt(int attemptsSoFar, Instant now, DoubleSupplier random) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attemptsSoFar - 1));
        base = Math.min(base, maxDelay.toMillis());
        double spread = 1.0 + jitter * (2.0 * random.getAsDouble() - 1.0);
        return now.plusMillis(Math.round(base * spread));
    }
}
