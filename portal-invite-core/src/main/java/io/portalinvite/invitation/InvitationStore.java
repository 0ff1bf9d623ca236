package io.portalinvite.invitation;

import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.internal.invitation.DateOfBirthAttempt;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Storage SPI for invitations.
 *
 * <p>Implementations join the current {@link io.portalinvite.tx.TransactionRunner} transaction.
 * Their behaviour is pinned by {@code InvitationStoreContract} in core's test-jar; every
 * implementation runs it.
 */
public interface InvitationStore {

    /**
     * Inserts a new invitation.
     *
     * @param invitation the invitation, version 1
     * @throws DuplicateInvitationException when an open invitation for the same practice, patient and
     *     invitee email exists, or the token digest is already taken
     */
    void insert(Invitation invitation);

    /**
     * Finds an invitation by id.
     *
     * @param id the id
     * @return the invitation, or empty
     */
    Optional<Invitation> findById(InvitationId id);

    /**
     * Finds the invitation whose current link has this token digest. Only the digest is ever used to
     * look up: the raw token never reaches the store.
     *
     * @param digest the digest of the presented token
     * @return the invitation, or empty
     */
    Optional<Invitation> findByTokenDigest(TokenDigest digest);

    /**
     * Finds the open invitation (PENDING, SENT or DELIVERY_FAILED, expired or not) for a patient and an
     * invitee email. At most one exists: {@link #insert} refuses a second.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param inviteeEmailKey the invitee's {@link io.portalinvite.party.EmailAddress#lookupKey()}
     * @return the open invitation, or empty
     */
    Optional<Invitation> findOpen(PracticeId practiceId, PatientId patientId, String inviteeEmailKey);

    /**
     * Lists a patient's invitations at a practice, oldest first.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the invitations
     */
    List<Invitation> findByPatient(PracticeId practiceId, PatientId patientId);

    /**
     * Replaces an invitation if nobody changed it since it was read.
     *
     * @param updated the new value, whose version is one more than the stored one
     * @return true when stored; false when the stored version differs (re-read and retry)
     */
    boolean update(Invitation updated);

    /**
     * Marks the invitation with this digest accepted, in one conditional write: only when it is open
     * (PENDING, SENT or DELIVERY_FAILED) and {@code now} is before its expiry. Exactly one of any
     * number of concurrent calls for the same token returns true.
     *
     * @param digest the digest of the presented token
     * @param now the current time
     * @return true when this call redeemed the token
     */
    boolean redeem(TokenDigest digest, Instant now);

    /**
     * Compares a presented date of birth with the invitation's and counts a wrong one, in one atomic
     * step on the row (a conditional update, or a row lock): only while the invitation with this
     * digest is open, unexpired and has fewer than {@code maxFailures} wrong dates recorded. A wrong
     * date adds one failure (and a new version); the failure that reaches {@code maxFailures} also
     * revokes the invitation with reason {@link io.portalinvite.common.RevocationReason#DATE_OF_BIRTH_ATTEMPTS}.
     * Concurrent calls for the same link are serialised on the row, so of any number of wrong dates
     * exactly {@code maxFailures} are counted and the rest find the link {@link
     * DateOfBirthAttempt.Outcome#UNUSABLE}; a right date is found only while the limit was not yet
     * reached. Nothing else about the invitation changes.
     *
     * @param digest the digest of the presented token
     * @param presented the date of birth the invitee entered
     * @param maxFailures the practice's limit of wrong dates (at least 1)
     * @param now the current time
     * @return what the check found
     */
    DateOfBirthAttempt attemptDateOfBirth(TokenDigest digest, LocalDate presented, int maxFailures, Instant now);

    /**
     * Lists the patients of a practice whose invitations (open or accepted) sent SMS notices to a
     * mobile number, to warn staff about a number shared within a family.
     *
     * @param practiceId the practice
     * @param e164 the number in E.164 form
     * @param limit the most patients to return
     * @return distinct patient ids, in no particular order
     */
    List<PatientId> findPatientsByInviteeMobile(PracticeId practiceId, String e164, int limit);

    /**
     * Identifies the one open invitation a patient and invitee email may have at a practice.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param inviteeEmailKey the invitee's {@link io.portalinvite.party.EmailAddress#lookupKey()}
     */
    record OpenKey(PracticeId practiceId, PatientId patientId, String inviteeEmailKey) {}

    /**
     * Finds the open invitations for several patient–invitee pairs at once (a bulk invitation checks
     * a whole chunk with one query). The default asks {@link #findOpen} for each.
     *
     * @param keys the pairs; at most a few thousand
     * @return the open invitations found, in no particular order
     */
    default List<Invitation> findOpenAmong(Collection<OpenKey> keys) {
        List<Invitation> found = new ArrayList<>();
        for (OpenKey k : keys) {
            findOpen(k.practiceId(), k.patientId(), k.inviteeEmailKey()).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Lists open invitations (PENDING, SENT or DELIVERY_FAILED) whose link expired at or before
     * {@code now}, soonest expired first, for the expiry sweep.
     *
     * @param now the current time
     * @param limit the most to return
     * @return the invitations
     */
    List<Invitation> findExpiredOpen(Instant now, int limit);

    /**
     * Lists the practices that have SENT invitations, i.e. invitations a reminder could be for.
     *
     * @return the practices, each once
     */
    List<PracticeId> findPracticesWithSentInvitations();

    /**
     * Lists a practice's SENT invitations whose link is still valid at {@code now} and expires at or
     * before {@code expiringBy}, and whose current link has not been reminded of; soonest expiring
     * first.
     *
     * @param practiceId the practice
     * @param now the current time
     * @param expiringBy the end of the reminder window
     * @param limit the most to return
     * @return the invitations
     */
    List<Invitation> findReminderDue(PracticeId practiceId, Instant now, Instant expiringBy, int limit);

    /**
     * Records that a reminder was queued for the invitation's current link, in one conditional
     * write: only while the invitation is SENT with this nonce and no reminder was recorded for this
     * nonce. Of any number of concurrent calls (several nodes sweeping) exactly one returns true.
     *
     * @param id the invitation
     * @param nonce the nonce of the link being reminded of
     * @return true when this call recorded the reminder
     */
    boolean markReminded(InvitationId id, TokenNonce nonce);

    /**
     * Replaces the token digest of up to {@code limit} EXPIRED or REVOKED invitations that closed
     * before {@code closedBefore} (by their last change) by a value no token can match, and marks
     * them purged; the rows stay for history.
     *
     * @param closedBefore invitations closed before this instant
     * @param now the current time, recorded as the purge time
     * @param limit the most to purge
     * @return how many were purged
     */
    int purgeClosedTokenDigests(Instant closedBefore, Instant now, int limit);

    /**
     * The value a purged invitation's token digest is replaced with: SHA-256 of
     * {@code "portal-invite/purged/v1|" + invitationId}. It is unique per invitation (the digest column
     * stays unique) and no token can match it, because a token is 43 base64url characters and this
     * preimage is neither that long nor in that alphabet; matching it would need a SHA-256 collision.
     */
    public static final class PurgedDigest {

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
}
