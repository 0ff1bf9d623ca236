package io.portalinvite.invitation;

import io.portalinvite.common.InvitationId;
import io.portalinvite.token.TokenDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The value a purged invitation's token digest is replaced with: SHA-256 of
 * {@code "portal-invite/purged/v1|" + invitationId}. It is unique per invitation (the digest column
 * stays unique) and no token can match it, because a token is 43 base64url characters and this
 * preimage is neither that long nor in that alphabet; matching it would need a SHA-256 collision.
 */
public final class PurgedDigest {

    private PurgedDigest() {}

    /**
     * Returns the purged digest of an invitation.
     *
     * @param id the invitation
     * @return the digest that replaces the real one
     */
    public static TokenDigest of(InvitationId id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("portal-invite/purged/v1|" + id.value()).getBytes(StandardCharsets.US_ASCII));
            return new TokenDigest(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
