package io.portalinvite.password;

import io.portalinvite.common.PortalInviteException;
import io.portalinvite.internal.Passwords;
import java.io.Serial;
import java.time.Duration;

/**
 * Turns passwords into storable hashes and checks passwords against them.
 *
 * <p>Implementations normalise the password themselves with {@link Passwords#normalize} (NFKC)
 * before hashing or verifying, so that no caller can forget to and lock out a patient whose
 * device encodes accents differently; callers pass the password exactly as typed. Implementations
 * are thread-safe.
 *
 * <p>The encoded hash is a self-describing string (algorithm, parameters, salt and hash), so it can
 * be stored in a single column and {@link #needsRehash} can tell when it should be upgraded.
 */
public interface PasswordHasher {

    /**
     * Hashes a password with a fresh random salt, so the same password never yields the same
     * string twice.
     *
     * @param password the password as typed, already accepted by {@link PasswordValidator}
     * @return the encoded hash to store
     * @throws IllegalArgumentException if the password is over the
     *         {@value PasswordPolicy#MAX_UTF8_BYTES}-byte hard cap or is not well-formed UTF-16;
     *         the validator refuses such passwords, so this signals a caller that skipped it
     */
    String hash(CharSequence password);

    /**
     * Checks a password against a stored hash.
     *
     * <p>Bad stored data (a malformed, truncated or foreign hash string) yields {@code false}
     * rather than an exception, and is never echoed in logs or messages. To avoid revealing which
     * accounts exist through response times, hosts should still call this method, against a
     * dummy hash, when no account matches the login name.
     *
     * @param encodedHash the value previously returned by {@link #hash}
     * @param password the password as typed
     * @return true only when the password matches
     */
    boolean verify(String encodedHash, CharSequence password);

    /**
     * Tells whether a stored hash should be replaced by a fresh one made with the current
     * settings, typically right after a successful {@link #verify} while the plain password is at
     * hand.
     *
     * @param encodedHash the stored hash
     * @return true when the hash uses another algorithm, weaker parameters, or cannot be parsed
     */
    boolean needsRehash(String encodedHash);

    /**
     * Every password-hashing slot stayed busy for longer than the hasher was allowed to wait.
     *
     * <p>Each Argon2id computation holds tens of megabytes of native memory, so
     * {@link Argon2idPasswordHasher} runs only a bounded number at once. A burst of logins beyond that
     * bound is refused with this exception instead of queueing without limit, which would let such a
     * burst exhaust memory and take the whole host down. Hosts typically answer with HTTP 503 and a
     * {@code Retry-After} header; the patient's password was neither checked nor stored.
     */
    public static final class HashingCapacityExceededException extends PortalInviteException {

        @Serial
        private static final long serialVersionUID = 1L;

        /** The hasher's concurrency bound at the time of the refusal. */
        private final int maxConcurrent;

        /** How long the refused caller waited. */
        private final Duration acquireTimeout;

        /**
         * Creates the exception for a caller that waited the whole acquire timeout.
         *
         * @param maxConcurrent the hasher's concurrency bound
         * @param acquireTimeout how long the caller waited
         */
        public HashingCapacityExceededException(int maxConcurrent, Duration acquireTimeout) {
            super(describe(maxConcurrent, acquireTimeout));
            this.maxConcurrent = maxConcurrent;
            this.acquireTimeout = acquireTimeout;
        }

        /**
         * Creates the exception for a caller interrupted while it waited.
         *
         * @param maxConcurrent the hasher's concurrency bound
         * @param acquireTimeout how long the caller would have waited
         * @param cause the interruption
         */
        public HashingCapacityExceededException(
                int maxConcurrent, Duration acquireTimeout, InterruptedException cause) {
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
}
