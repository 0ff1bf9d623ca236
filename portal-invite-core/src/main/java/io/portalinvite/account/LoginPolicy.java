package io.portalinvite.account;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Throttling of failed logins per account (NIST SP 800-63B-4 §3.2.2, checklist E3): from the
 * {@code throttleFrom}-th consecutive failure no password is checked until a delay has passed,
 * doubling from {@code initialDelay} up to {@code maxDelay}; at {@code lockAt} failures the account
 * locks until staff or a recovery flow unlocks it. The counter is per account, whatever address
 * the attempts come from, and resets on success.
 *
 * @param throttleFrom the failure count from which delays apply (default 5)
 * @param initialDelay the first delay (default 1 s)
 * @param maxDelay the longest delay (default 15 min)
 * @param lockAt the failure count that locks the account; at most 100 (default 100)
 */
public record LoginPolicy(int throttleFrom, Duration initialDelay, Duration maxDelay, int lockAt) {

    /** The default policy. */
    public static final LoginPolicy DEFAULT = new LoginPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(15), 100);

    /** Checks the ranges; NIST allows at most 100 consecutive failures. */
    public LoginPolicy {
        if (throttleFrom < 1 || lockAt < throttleFrom || lockAt > 100) {
            throw new IllegalArgumentException("need 1 <= throttleFrom <= lockAt <= 100");
        }
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay");
        }
    }

    /**
     * Computes until when password checks are suspended after the given number of failures.
     *
     * @param failures consecutive failures, including the one just made
     * @param now the current time
     * @return the end of the delay, or null when no delay applies yet
     */
    public @Nullable Instant throttledUntil(int failures, Instant now) {
        if (failures < throttleFrom) {
            return null;
        }
        int doublings = Math.min(failures - throttleFrom, 30);
        long millis = Math.min(initialDelay.toMillis() << doublings, maxDelay.toMillis());
        if (millis <= 0 || millis > maxDelay.toMillis()) {
            millis = maxDelay.toMillis();
        }
        return now.plusMillis(millis);
    }

    /**
     * Tells whether this many failures lock the account.
     *
     * @param failures consecutive failures
     * @return true at or above {@link #lockAt()}
     */
    public boolean locks(int failures) {
        return failures >= lockAt;
    }
}
