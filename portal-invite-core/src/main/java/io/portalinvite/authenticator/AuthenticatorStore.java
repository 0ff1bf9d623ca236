package io.portalinvite.authenticator;

import io.portalinvite.common.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage SPI for the authenticators an account holds beside its password: one TOTP enrolment,
 * a set of recovery codes (stored as digests) and any number of passkeys. Implementations join the
 * current transaction of {@link io.portalinvite.tx.TransactionRunner}.
 *
 * <p>Every "use" is one conditional change that succeeds for exactly one of any number of
 * concurrent callers: a TOTP time step is accepted at most once and only after the last accepted
 * one, a recovery code is used at most once, and a passkey's signature counter only increases.
 * Behaviour is pinned by {@code AuthenticatorStoreContract} in core's test-jar.
 */
public interface AuthenticatorStore {

    /**
     * Inserts an account's TOTP enrolment, or replaces the one it has.
     *
     * @param enrolment the enrolment
     */
    void saveTotp(TotpEnrolment enrolment);

    /**
     * Finds an account's TOTP enrolment.
     *
     * @param account the account
     * @return the enrolment, confirmed or not, or empty
     */
    Optional<TotpEnrolment> findTotp(AccountId account);

    /**
     * Confirms an unconfirmed enrolment with the step of its first valid code, which is then used.
     *
     * @param account the account
     * @param step the time step of the code
     * @param now the current time
     * @return true when this call confirmed it; false when there is none, it was confirmed already or
     *     the step is not after the last one used
     */
    boolean confirmTotp(AccountId account, long step, Instant now);

    /**
     * Records a confirmed enrolment's code as used, if its step comes after the last one used.
     *
     * @param account the account
     * @param step the time step of the code
     * @param now the current time
     * @return true for exactly one of any calls with this step or an earlier one; false when the
     *     enrolment is missing or unconfirmed
     */
    boolean useTotpStep(AccountId account, long step, Instant now);

    /**
     * Deletes an account's TOTP enrolment.
     *
     * @param account the account
     * @return true when there was one
     */
    boolean deleteTotp(AccountId account);

    /**
     * Replaces all of an account's recovery codes (used or not) by new ones.
     *
     * @param account the account
     * @param digests the new codes' digests (43 base64url characters each), all different
     * @param now the current time
     */
    void replaceRecoveryCodes(AccountId account, List<String> digests, Instant now);

    /**
     * Uses one recovery code.
     *
     * @param account the account
     * @param digest the code's digest
     * @param now the current time
     * @return true for exactly one of any calls with an unused code of the account; false otherwise
     */
    boolean useRecoveryCode(AccountId account, String digest, Instant now);

    /**
     * Counts an account's unused recovery codes.
     *
     * @param account the account
     * @return how many are left
     */
    int unusedRecoveryCodes(AccountId account);

    /**
     * Deletes all of an account's recovery codes.
     *
     * @param account the account
     * @return how many were deleted
     */
    int deleteRecoveryCodes(AccountId account);

    /**
     * Stores a passkey.
     *
     * @param credential the passkey
     * @return false, storing nothing, when a passkey with that credential id exists (on any account)
     */
    boolean insertPasskey(PasskeyCredential credential);

    /**
     * Finds a passkey by its credential id, as a sign-in presents it.
     *
     * @param credentialId the credential id, base64url
     * @return the passkey, or empty
     */
    Optional<PasskeyCredential> findPasskey(String credentialId);

    /**
     * Lists an account's passkeys.
     *
     * @param account the account
     * @return its passkeys, oldest first
     */
    List<PasskeyCredential> findPasskeys(AccountId account);

    /**
     * Records a sign-in with a passkey: its new signature counter and when it was used. A counter
     * must exceed the stored one, except that an authenticator which keeps no counter reports 0
     * every time (WebAuthn §6.1.1), which is accepted while the stored counter is 0 too.
     *
     * @param credentialId the credential id
     * @param signatureCount the counter from the assertion
     * @param now the current time
     * @return false, changing nothing, when the passkey is missing or the counter does not increase
     *     (a sign of a cloned authenticator or a replay)
     */
    boolean recordPasskeyUse(String credentialId, long signatureCount, Instant now);

    /**
     * Renames one of an account's passkeys.
     *
     * @param account the account
     * @param credentialId the credential id
     * @param label the new label, already checked
     * @return false when the account has no such passkey
     */
    boolean renamePasskey(AccountId account, String credentialId, String label);

    /**
     * Deletes one of an account's passkeys.
     *
     * @param account the account
     * @param credentialId the credential id
     * @return false when the account has no such passkey
     */
    boolean deletePasskey(AccountId account, String credentialId);
}
