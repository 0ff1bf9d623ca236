package io.portalinvite.password;

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
}
