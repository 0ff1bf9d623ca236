package io.portalinvite.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and derives the tokens of one link {@link LinkToken.Purpose purpose}.
 *
 * <p>A token is {@code base64url(HMAC-SHA-256(key, purposePrefix + subjectId + "|" + nonce))}, with
 * the prefix {@code portal-invite/invitation/v1|} or {@code portal-invite/password-reset/v1|}: 256
 * bits that look random to anyone without the key. The store keeps the nonce and the SHA-256 digest
 * of the token; the token is derived again when its message is composed, so the raw link never needs
 * to be stored (see {@code docs/token-derivation.md}). The prefix binds a token to its purpose.
 *
 * <p>Thread-safe. Built by {@link io.portalinvite.PortalInvite} from its token key; hosts do not
 * issue tokens themselves.
 */
public final class LinkTokens {

    private final TokenKey key;
    private final SecureRandom random;
    private final LinkToken.Purpose purpose;

    /**
     * Creates the issuer of one purpose's tokens.
     *
     * @param key the secret key shared by every node of the host
     * @param random the source of nonces
     * @param purpose what the links are for
     */
    public LinkTokens(TokenKey key, SecureRandom random, LinkToken.Purpose purpose) {
        this.key = Objects.requireNonNull(key, "key");
        this.random = Objects.requireNonNull(random, "random");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
    }

    /**
     * Returns what these tokens are for.
     *
     * @return the purpose
     */
    public LinkToken.Purpose purpose() {
        return purpose;
    }

    /**
     * Draws a nonce for a new issue of a link.
     *
     * @return a fresh nonce
     */
    public TokenNonce newNonce() {
        return TokenNonce.random(random);
    }

    /**
     * Derives the token of one issue of a link.
     *
     * @param subjectId the id of what the link is for (the invitation, the reset request)
     * @param nonce the nonce
     * @return the raw token; do not log it
     */
    public LinkToken derive(UUID subjectId, TokenNonce nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] tag = mac.doFinal(
                    (purpose.prefix() + subjectId + "|" + nonce.value()).getBytes(StandardCharsets.US_ASCII));
            return LinkToken.ofTrusted(
                    purpose, Base64.getUrlEncoder().withoutPadding().encodeToString(tag));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Derives the digest that is stored for one issue of a link.
     *
     * @param subjectId the id of what the link is for
     * @param nonce the nonce
     * @return the digest of the derived token
     */
    public TokenDigest digest(UUID subjectId, TokenNonce nonce) {
        return TokenDigest.of(derive(subjectId, nonce));
    }
}
