package io.portalinvite.reset;

import io.portalinvite.common.AccountId;
import io.portalinvite.token.TokenDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage SPI for password-reset requests. Implementations join the current transaction and are
 * pinned by {@code PasswordResetContract} in core's test-jar.
 */
public interface PasswordResetStore {

    /**
     * Inserts a new request.
     *
     * @param request the request
     */
    void insert(PasswordResetRequest request);

    /**
     * Finds a request by id.
     *
     * @param id the id
     * @return the request, or empty
     */
    Optional<PasswordResetRequest> findById(UUID id);

    /**
     * Finds a request by the digest of its token (the raw token never reaches the store).
     *
     * @param digest the digest of the presented token
     * @return the request, or empty
     */
    Optional<PasswordResetRequest> findByTokenDigest(TokenDigest digest);

    /**
     * Marks the request with this digest used, in one conditional write: only while it is OPEN and
     * {@code now} is before its expiry. Exactly one of any number of concurrent calls returns true.
     *
     * @param digest the digest of the presented token
     * @param now the current time
     * @return true when this call used the link
     */
    boolean redeem(TokenDigest digest, Instant now);

    /**
     * Marks every OPEN request of an account SUPERSEDED (a newer request, or a completed reset).
     *
     * @param accountId the account
     * @return how many were superseded
     */
    int supersedeOpen(AccountId accountId);

    /**
     * Counts an account's requests made at or after an instant, whatever their status, for the rate
     * limit.
     *
     * @param accountId the account
     * @param since the start of the window
     * @return the count
     */
    int countSince(AccountId accountId, Instant since);

    /**
     * Deletes up to {@code limit} requests whose link expired before {@code expiredBefore}: their
     * digests go with them; the audit trail keeps the history.
     *
     * @param expiredBefore requests that expired before this instant
     * @param limit the most to delete
     * @return how many were deleted
     */
    int purgeExpired(Instant expiredBefore, int limit);
}
