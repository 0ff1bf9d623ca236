package io.portalinvite.throttle;

import java.time.Duration;
import java.util.Objects;

/**
 * A token-bucket budget: at most {@code capacity} attempts at once, refilled evenly so that
 * {@code capacity} more become available over each {@code period}.
 *
 * @param capacity attempts the budget holds when full (1 to 100 000)
 * @param period how long a full refill takes (1 second to 1 day)
 */
public record Budget(int capacity, Duration period) {

    /** Checks the ranges. */
    public Budget {
        Objects.requireNonNull(period, "period");
        if (capacity < 1 || capacity > 100_000) {
            throw new IllegalArgumentException("capacity must be between 1 and 100000");
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("period must be between 1 second and 1 day");
        }
    }
}
