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
 * Issues and derives invitation tokens.
 *
 * <p>A token is {@code base64url(HMAC-SHA-256(key, "portal-invite/invitation/v1|" + invitationId + "|" + nonce))}:
 * 256 bits that look random to anyone without the key. The store keeps the nonce and the SHA-256
 * digest of the token; the dispatcher derives the token again at send time, so the raw link never
 * needs to be stored (see {@code docs/token-derivation.md}). The purpose prefix binds a token to
 * invitations: a token made for another purpose can never match an invitation's digest.
 *
 * <p>Thread-safe.
 */
public final class InvitationTokens {

    private static final String PURPOSE = "portal-invite/invitation/v1|";

    private final TokenKey key;
    private final SecureRandom random;

    /**
     * Creates the token service.
     *
     * @param key the secret key shared by every node of the host
     * @param random the source of nonces
     */
    public InvitationTokens(TokenKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /**
     * Draws a nonce for a new issue of an invitation's link.
     *
     * @return a fresh nonce
     */
    public TokenNonce newNonce() {
        return TokenNonce.random(random);
    }

    /**
     * Derives the token of an invitation's current issue.
     *
     * @param invitationId the invitation's id
     * @param nonce the nonce
     * @return the raw token; do not log it
     */
    public InvitationToken derive(UUID invitationId, TokenNonce nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] tag =
                    mac.doFinal((PURPOSE + invitationId + "|" + nonce.value()).getBytes(StandardCharsets.US_ASCII));
            return InvitationToken.ofTrusted(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(tag));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Derives the digest that is stored for an invitation's current issue.
     *
     * @param invitationId the invitation's id
     * @param nonce the nonce
     * @return the digest of the derived token
     */
    public TokenDigest digest(UUID invitationId, TokenNonce nonce) {
        return TokenDigest.of(derive(invitationId, nonce));
    }
}
