package io.portalinvite.invitation;

import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.common.StaffId;
import io.portalinvite.party.Patient;
import io.portalinvite.token.TokenDigest;
import io.portalinvite.token.TokenNonce;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to the Patient Portal, as stored. Immutable: every change makes a new value with
 * {@link #version()} one higher, and stores update only when the stored version is the one the
 * change started from (optimistic locking, so two nodes cannot both change it).
 *
 * <p>The link's token is not here, only its {@link #tokenDigest() digest} and the {@link #tokenNonce()
 * nonce} it was derived from with the secret key.
 *
 * @param id the invitation's id
 * @param practiceId the practice
 * @param patient the patient snapshot the invitation was made with
 * @param invitee who receives it: the patient or a carer
 * @param channels how it is delivered; always includes EMAIL, which carries the link
 * @param origin new patient or existing patient
 * @param status where it is in its life (see {@link #effectiveStatus(Instant)} for expiry)
 * @param tokenNonce nonce of the current link
 * @param tokenDigest SHA-256 digest of the current link's token
 * @param issuedAt when the current link was issued
 * @param expiresAt when the current link stops working
 * @param createdAt when the invitation was made
 * @param createdBy the staff member who made it
 * @param resendCount how many times the link was issued again
 * @param dateOfBirthFailures wrong dates of birth entered against the current link
 * @param acceptedAt when registration completed, if it did
 * @param revokedAt when it was revoked, if it was
 * @param revocationReason why it was revoked, if it was
 * @param updatedAt when it last changed
 * @param version optimistic-lock version, starting at 1
 */
public record Invitation(
        InvitationId id,
        PracticeId practiceId,
        Patient patient,
        Invitee invitee,
        Set<Channel> channels,
        InvitationOrigin origin,
        InvitationStatus status,
        TokenNonce tokenNonce,
        TokenDigest tokenDigest,
        Instant issuedAt,
        Instant expiresAt,
        Instant createdAt,
        StaffId createdBy,
        int resendCount,
        int dateOfBirthFailures,
        @Nullable Instant acceptedAt,
        @Nullable Instant revokedAt,
        @Nullable RevocationReason revocationReason,
        Instant updatedAt,
        long version) {

    /** Checks invariants. */
    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(invitee, "invitee");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tokenNonce, "tokenNonce");
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!channels.contains(Channel.EMAIL)) {
            throw new IllegalArgumentException("an invitation is always sent by email: the email carries the link");
        }
        channels = Collections.unmodifiableSet(EnumSet.copyOf(channels));
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        if (resendCount < 0 || dateOfBirthFailures < 0 || version < 1) {
            throw new IllegalArgumentException("counters must not be negative and version starts at 1");
        }
        if ((status == InvitationStatus.ACCEPTED) != (acceptedAt != null)) {
            throw new IllegalArgumentException("acceptedAt is set exactly when the status is ACCEPTED");
        }
        if ((status == InvitationStatus.REVOKED) != (revokedAt != null && revocationReason != null)) {
            throw new IllegalArgumentException("revokedAt and reason are set exactly when the status is REVOKED");
        }
    }

    /**
     * Tells whether the link can still complete registration at this instant.
     *
     * @param now the current time
     * @return true when open and not expired
     */
    public boolean isUsable(Instant now) {
        return status.isOpen() && now.isBefore(expiresAt);
    }

    /**
     * Returns the status with expiry applied: an open invitation whose link has passed its expiry
     * time is {@link InvitationStatus#EXPIRED} even before a sweep records it.
     *
     * @param now the current time
     * @return the status to show
     */
    public InvitationStatus effectiveStatus(Instant now) {
        return status.isOpen() && !now.isBefore(expiresAt) ? InvitationStatus.EXPIRED : status;
    }

    /**
     * Tells whether this invitation blocks a new one for the same patient and invitee.
     *
     * @param now the current time
     * @return true when open and not expired
     */
    public boolean isLive(Instant now) {
        return isUsable(now);
    }

    /**
     * The invitation with a newly issued link: a new nonce and digest, a fresh expiry, status back to
     * PENDING and the date-of-birth attempt counter reset. The old link stops working.
     *
     * @param nonce the new nonce
     * @param digest the new token digest
     * @param now the current time
     * @param newExpiry when the new link expires
     * @return the changed invitation
     */
    public Invitation reissued(TokenNonce nonce, TokenDigest digest, Instant now, Instant newExpiry) {
        return new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                InvitationStatus.PENDING,
                nonce,
                digest,
                now,
                newExpiry,
                createdAt,
                createdBy,
                resendCount + 1,
                0,
                null,
                null,
                null,
                now,
                version + 1);
    }

    /**
     * The invitation marked revoked.
     *
     * @param now the current time
     * @param reason why
     * @return the changed invitation
     */
    public Invitation revoked(Instant now, RevocationReason reason) {
        return new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                InvitationStatus.REVOKED,
                tokenNonce,
                tokenDigest,
                issuedAt,
                expiresAt,
                createdAt,
                createdBy,
                resendCount,
                dateOfBirthFailures,
                null,
                now,
                reason,
                now,
                version + 1);
    }

    /**
     * The invitation with a new delivery status (SENT or DELIVERY_FAILED).
     *
     * @param newStatus the status
     * @param now the current time
     * @return the changed invitation
     */
    public Invitation withDeliveryStatus(InvitationStatus newStatus, Instant now) {
        if (newStatus != InvitationStatus.SENT && newStatus != InvitationStatus.DELIVERY_FAILED) {
            throw new IllegalArgumentException("not a delivery status: " + newStatus);
        }
        return new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                newStatus,
                tokenNonce,
                tokenDigest,
                issuedAt,
                expiresAt,
                createdAt,
                createdBy,
                resendCount,
                dateOfBirthFailures,
                null,
                null,
                null,
                now,
                version + 1);
    }

    /**
     * The invitation marked expired, once its link's lifetime has passed.
     *
     * @param now the current time
     * @return the changed invitation
     */
    public Invitation expired(Instant now) {
        return new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                InvitationStatus.EXPIRED,
                tokenNonce,
                tokenDigest,
                issuedAt,
                expiresAt,
                createdAt,
                createdBy,
                resendCount,
                dateOfBirthFailures,
                null,
                null,
                null,
                now,
                version + 1);
    }

    /**
     * The invitation with one more wrong date of birth recorded; revoked when that reaches the
     * practice's limit.
     *
     * @param now the current time
     * @param maxAttempts wrong dates tolerated before the link is revoked
     * @return the changed invitation
     */
    public Invitation withDateOfBirthFailure(Instant now, int maxAttempts) {
        int failures = dateOfBirthFailures + 1;
        boolean revoke = failures >= maxAttempts;
        return new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                revoke ? InvitationStatus.REVOKED : status,
                tokenNonce,
                tokenDigest,
                issuedAt,
                expiresAt,
                createdAt,
                createdBy,
                resendCount,
                failures,
                acceptedAt,
                revoke ? now : revokedAt,
                revoke ? RevocationReason.DATE_OF_BIRTH_ATTEMPTS : revocationReason,
                now,
                version + 1);
    }

    /**
     * The invitation marked accepted. Stores apply this through {@link InvitationStore#redeem}, never
     * through a plain update, so that only one redemption can succeed.
     *
     * @param now the current time
     * @return the changed invitation
     */
    public Invitation accepted(Instant now) {
        return new Invitation(
                id,
                practiceId,
                patient,
                invitee,
                channels,
                origin,
                InvitationStatus.ACCEPTED,
                tokenNonce,
                tokenDigest,
                issuedAt,
                expiresAt,
                createdAt,
                createdBy,
                resendCount,
                dateOfBirthFailures,
                now,
                null,
                null,
                now,
                version + 1);
    }

    @Override
    public String toString() {
        return "Invitation[" + id + ", practice=" + practiceId + ", patient=" + patient.id() + ", invitee="
                + invitee.kind() + ", status=" + status + ", v" + version + "]";
    }
}
