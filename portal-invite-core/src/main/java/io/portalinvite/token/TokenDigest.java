package io.portalinvite.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 digest of an link token, in lower-case hex: the only form of the token that is
 * stored. A fast hash is enough because the token has 256 bits of entropy (NIST SP 800-63B,
 * checklist A2); the database is looked up by digest, so the raw token is never compared in SQL.
 *
 * @param hex 64 lower-case hex characters
 */
public record TokenDigest(String hex) {

    /** Checks the form. */
    public TokenDigest {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("a token digest is 64 lower-case hex characters");
        }
    }

    /**
     * Digests a token.
     *
     * @param token the raw token
     * @return its digest
     */
    public static TokenDigest of(LinkToken token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.US_ASCII));
            return new TokenDigest(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Compares with another digest in constant time.
     *
     * @param other the other digest
     * @return true when equal
     */
    public boolean matches(TokenDigest other) {
        return MessageDigest.isEqual(
                hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}
