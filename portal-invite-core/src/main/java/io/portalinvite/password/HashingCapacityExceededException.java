package io.portalinvite.password;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.time.Duration;

/**
 * Every password-hashing slot stayed busy for longer than the hasher was allowed to wait.
 *
 * <p>Each Argon2id computation holds tens of megabytes of native memory, so
 * {@link Argon2idPasswordHasher} runs only a bounded number at once. A burst of logins beyond that
 * bound is refused with this exception instead of queueing without limit, which would let such a
 * burst exhaust memory and take the whole host down. Hosts typically answer with HTTP 503 and a
 * {@code Retry-After} header; the patient's password was neither checked nor stored.
 */
public final class HashingCapacityExceededException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The hasher's concurrency bound at the time of the refusal. */
    private final int maxConcurrent;

    /** How long the refused caller waited. */
    private final Duration acquireTimeout;

    HashingCapacityExceededException(int maxConcurrent, Duration acquireTimeout) {
        super(describe(maxConcurrent, acquireTimeout));
        this.maxConcurrent = maxConcurrent;
        this.acquireTimeout = acquireTimeout;
    }

    HashingCapacityExceededException(int maxConcurrent, Duration acquireTimeout, InterruptedException cause) {
        super("Interrupted while waiting for one of " + maxConcurrent + " password hashing slots", cause);
        this.maxConcurrent = maxConcurrent;
        this.acquireTimeout = acquireTimeout;
    }

    /**
     * Returns how many hashes may run at once, to help size the bound or the retry advice.
     *
     * @return the hasher's concurrency bound
     */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Returns how long the caller waited for a slot before giving up.
     *
     * @return the hasher's acquire timeout
     */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    private static String describe(int maxConcurrent, Duration acquireTimeout) {
        return "All " + maxConcurrent + " password hashing slots stayed busy for " + acquireTimeout.toMillis()
                + " ms; refusing more work until some finish";
    }
}
