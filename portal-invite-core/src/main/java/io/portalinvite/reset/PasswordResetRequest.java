package io.portalinvite.reset;

import io.portalinvite.common.AccountId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored password-reset request. Like an invitation it holds only the nonce and the SHA-256
 * digest of its link's token, never the token.
 *
 * @param id the request's id
 * @param accountId the account, or null for a {@link PasswordResetStatus#DECOY}
 * @param practiceId the practice whose portal page the request came from (wording, sender, link)
 * @param status where it is
 * @param tokenNonce the nonce the token is derived from
 * @param tokenDigest SHA-256 digest of the token
 * @param createdAt when it was requested
 * @param expiresAt when the link stops working
 * @param usedAt when the link was used, if it was
 */
public record PasswordResetRequest(
        UUID id,
        @Nullable AccountId accountId,
        PracticeId practiceId,
        PasswordResetStatus status,
        TokenNonce tokenNonce,
        TokenDigest tokenDigest,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt) {

    /** Checks invariants. */
    public PasswordResetRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tokenNonce, "tokenNonce");
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((accountId == null) != (status == PasswordResetStatus.DECOY)) {
            throw new IllegalArgumentException("only a decoy has no account");
        }
        if ((usedAt != null) != (status == PasswordResetStatus.USED)) {
            throw new IllegalArgumentException("usedAt is set exactly when the status is USED");
        }
    }

    /**
     * Tells whether the link can set a password at this instant.
     *
     * @param now the current time
     * @return true when open and not expired
     */
    public boolean isUsable(Instant now) {
        return status == PasswordResetStatus.OPEN && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "PasswordResetRequest[" + id + ", " + status + "]";
    }

    /** Where a password-reset request is in its life. */
    public enum PasswordResetStatus {
        /** Issued; the link works until it expires. */
        OPEN,
        /** The link was used to set a new password. */
        USED,
        /** A newer request, or a completed reset, replaced it; the link no longer works. */
        SUPERSEDED,
        /**
         * The stand-in written when the email matched no account, so that both answers cost the same
         * work. It has no account and its link never works.
         */
        DECOY
    }
}
