package io.portalinvite.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and derives password-reset tokens with the same machinery as invitation links
 * ({@code docs/token-derivation.md}), under another purpose prefix:
 * {@code base64url(HMAC-SHA-256(key, "portal-invite/password-reset/v1|" + resetId + "|" + nonce))}.
 * Only the SHA-256 digest and the nonce are stored. Because the purpose differs, a reset token can
 * never match an invitation's digest and an invitation token never matches a reset (checklist A4).
 *
 * <p>Thread-safe.
 */
public final class PasswordResetTokens {

    private static final String PURPOSE = "portal-invite/password-reset/v1|";

    private final TokenKey key;
    private final SecureRandom random;

    /**
     * Creates the token service.
     *
     * @param key the secret key shared by every node of the host
     * @param random the source of nonces
     */
    public PasswordResetTokens(TokenKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /**
     * Draws a nonce for a new reset request.
     *
     * @return a fresh nonce
     */
    public TokenNonce newNonce() {
        return TokenNonce.random(random);
    }

    /**
     * Derives the token of a reset request.
     *
     * @param resetId the request's id
     * @param nonce the request's nonce
     * @return the raw token; do not log it
     */
    public InvitationToken derive(UUID resetId, TokenNonce nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] tag = mac.doFinal((PURPOSE + resetId + "|" + nonce.value()).getBytes(StandardCharsets.US_ASCII));
            return InvitationToken.ofTrusted(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(tag));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Derives the digest that is stored for a reset request.
     *
     * @param resetId the request's id
     * @param nonce the request's nonce
     * @return the digest of the derived token
     */
    public TokenDigest digest(UUID resetId, TokenNonce nonce) {
        return TokenDigest.of(derive(resetId, nonce));
    }
}
