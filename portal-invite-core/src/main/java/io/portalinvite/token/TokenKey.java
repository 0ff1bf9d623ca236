package io.portalinvite.token;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret key from which invitation tokens are derived. Keep it outside the database (an
 * environment variable, a vault, a key store): with the database alone nobody can rebuild a link.
 * Every node of a host must use the same key; changing it invalidates links not yet used.
 */
public final class TokenKey {

    /** Smallest key accepted, in bytes. */
    public static final int MIN_BYTES = 32;

    private final byte[] key;

    private TokenKey(byte[] key) {
        this.key = key;
    }

    /**
     * Wraps key material.
     *
     * @param key at least 32 random bytes; copied
     * @return the key
     * @throws IllegalArgumentException when shorter than 32 bytes
     */
    public static TokenKey of(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("the token key must have at least " + MIN_BYTES + " bytes");
        }
        return new TokenKey(key.clone());
    }

    /**
     * Decodes a key from base64 (standard or URL alphabet), as kept in configuration.
     *
     * @param base64 the encoded key
     * @return the key
     * @throws IllegalArgumentException when not base64 or shorter than 32 bytes
     */
    public static TokenKey fromBase64(String base64) {
        String s = base64.strip();
        byte[] bytes = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(s)
                : Base64.getDecoder().decode(s);
        return of(bytes);
    }

    /**
     * Generates a random key, for tests and single-process demos.
     *
     * @return a fresh 256-bit key
     */
    public static TokenKey generate() {
        byte[] bytes = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new TokenKey(bytes);
    }

    byte[] bytes() {
        return key;
    }

    @Override
    public String toString() {
        return "TokenKey[***]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
