package io.portalinvite.invitation;

import io.portalinvite.party.PatientId;
import io.portalinvite.party.PracticeId;
import io.portalinvite.token.TokenDigest;
import java.time.Instant;
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
     * Lists the patients of a practice whose invitations (open or accepted) sent SMS notices to a
     * mobile number, to warn staff about a number shared within a family.
     *
     * @param practiceId the practice
     * @param e164 the number in E.164 form
     * @param limit the most patients to return
     * @return distinct patient ids, in no particular order
     */
    List<PatientId> findPatientsByInviteeMobile(PracticeId practiceId, String e164, int limit);
}
