package io.portalinvite.token;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A random value drawn each time an invitation's link is issued (first send and every resend). With
 * the secret {@link TokenKey} it derives the link's token. It is stored beside the invitation and
 * its outbound email; on its own it reveals nothing, because the key never reaches the store.
 *
 * @param value 256 random bits, base64url without padding
 */
public record TokenNonce(String value) {

    /** Checks the form. */
    public TokenNonce {
        Objects.requireNonNull(value, "value");
        if (value.length() != 43 || !value.chars().allMatch(TokenNonce::isBase64Url)) {
            throw new IllegalArgumentException("a token nonce is 43 base64url characters");
        }
    }

    /**
     * Draws a fresh nonce.
     *
     * @param random a cryptographically strong source
     * @return the nonce
     */
    public static TokenNonce random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new TokenNonce(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
