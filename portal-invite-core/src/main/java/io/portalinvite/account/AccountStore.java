package io.portalinvite.account;

import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage SPI for accounts and their access grants.
 *
 * <p>Implementations join the current {@link io.portalinvite.tx.TransactionRunner} transaction and
 * are pinned by {@code AccountStoreContract} in core's test-jar.
 */
public interface AccountStore {

    /**
     * Inserts a new account.
     *
     * @param account the account, version 1
     * @throws DuplicateAccountException when an account with the same email lookup key exists
     */
    void insert(PortalAccount account);

    /**
     * Finds an account by id.
     *
     * @param id the id
     * @return the account, or empty
     */
    Optional<PortalAccount> findById(AccountId id);

    /**
     * Finds an account by its email's lookup key.
     *
     * @param emailLookupKey {@link io.portalinvite.party.EmailAddress#lookupKey()}
     * @return the account, or empty
     */
    Optional<PortalAccount> findByEmail(String emailLookupKey);

    /**
     * Replaces an account if nobody changed it since it was read.
     *
     * @param updated the new value, whose version is one more than the stored one
     * @return true when stored; false on a version conflict
     */
    boolean update(PortalAccount updated);

    /**
     * Inserts an access grant.
     *
     * @param access the grant
     */
    void insertAccess(PatientAccess access);

    /**
     * Replaces an access grant (e.g. to revoke it).
     *
     * @param access the changed grant
     * @return true when a grant with that id existed
     */
    boolean updateAccess(PatientAccess access);

    /**
     * Lists an account's grants, active or not, oldest first.
     *
     * @param accountId the account
     * @return the grants
     */
    List<PatientAccess> findAccessByAccount(AccountId accountId);

    /**
     * Lists the grants to a patient at a practice, active or not, oldest first.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the grants
     */
    List<PatientAccess> findAccessByPatient(PracticeId practiceId, PatientId patientId);

    /**
     * Finds one access grant.
     *
     * @param id the grant's id
     * @return the grant, or empty
     */
    Optional<PatientAccess> findAccessById(AccessId id);

    /**
     * Pages through the grants whose end has not been recorded — not revoked and no {@link
     * PatientAccess#endReason()} — in id order, for the daily sweep of age rules and end dates.
     *
     * @param after the last id of the previous page, or null for the first page
     * @param limit the page size
     * @return up to {@code limit} grants with ids greater than {@code after}
     */
    List<PatientAccess> findAccessToReview(@Nullable AccessId after, int limit);

    /**
     * Replaces an access grant only while its end is unrecorded: the stored grant is not revoked,
     * has no {@link PatientAccess#endReason()}, and has the expected scope. Two nodes sweeping age
     * rules, or staff revoking while a sweep runs, therefore record each change once.
     *
     * @param updated the changed grant
     * @param expectedScope the scope the stored grant must still have
     * @return true when stored
     */
    boolean updateAccessIfOpen(PatientAccess updated, AccessScope expectedScope);

    /**
     * Finds the accounts of several email lookup keys at once (a bulk invitation checks a whole chunk
     * with one query). The default asks {@link #findByEmail} for each.
     *
     * @param emailLookupKeys the keys; at most a few thousand
     * @return the accounts found, by lookup key
     */
    default java.util.Map<String, PortalAccount> findByEmails(java.util.Collection<String> emailLookupKeys) {
        java.util.Map<String, PortalAccount> found = new java.util.HashMap<>();
        for (String key : emailLookupKeys) {
            findByEmail(key).ifPresent(a -> found.put(key, a));
        }
        return found;
    }

    /**
     * Finds an account by its email's lookup key, answering an unknown key with {@link
     * PortalAccount#decoy()} — for requests whose cost must not tell whether the account exists (the
     * password-reset request, checklist E2). A database implementation reads the account or the decoy
     * as one row of the same shape in one query, so a hit and a miss do the same work.
     *
     * @param emailLookupKey {@link io.portalinvite.party.EmailAddress#lookupKey()}
     * @return the account, or the decoy
     */
    default PortalAccount findByEmailOrDecoy(String emailLookupKey) {
        return findByEmail(emailLookupKey).orElseGet(PortalAccount::decoy);
    }
}
