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
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to the Patient Portal, as stored. Long only because of its {@link Builder}, which
 * must mirror the components; the record and its transitions are one value. Immutable: every
 * change makes a new value with {@link #version()} one higher, and stores update only when the
 * stored version is the one the change started from (optimistic locking, so two nodes cannot both
 * change it).
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
 * @param language the language its messages are written in when staff chose one for this patient;
 *     null to follow the practice's locale
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
        long version,
        @Nullable Locale language) {

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
        return next(now)
                .status(InvitationStatus.PENDING)
                .tokenNonce(nonce)
                .tokenDigest(digest)
                .issuedAt(now)
                .expiresAt(newExpiry)
                .resendCount(resendCount + 1)
                .dateOfBirthFailures(0)
                .acceptedAt(null)
                .revokedAt(null)
                .revocationReason(null)
                .build();
    }

    /**
     * The invitation marked revoked.
     *
     * @param now the current time
     * @param reason why
     * @return the changed invitation
     */
    public Invitation revoked(Instant now, RevocationReason reason) {
        return next(now)
                .status(InvitationStatus.REVOKED)
                .acceptedAt(null)
                .revokedAt(now)
                .revocationReason(reason)
                .build();
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
        return next(now)
                .status(newStatus)
                .acceptedAt(null)
                .revokedAt(null)
                .revocationReason(null)
                .build();
    }

    /**
     * The invitation marked expired, once its link's lifetime has passed.
     *
     * @param now the current time
     * @return the changed invitation
     */
    public Invitation expired(Instant now) {
        return next(now)
                .status(InvitationStatus.EXPIRED)
                .acceptedAt(null)
                .revokedAt(null)
                .revocationReason(null)
                .build();
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
        Builder next = next(now).dateOfBirthFailures(failures);
        if (failures >= maxAttempts) {
            next.status(InvitationStatus.REVOKED)
                    .revokedAt(now)
                    .revocationReason(RevocationReason.DATE_OF_BIRTH_ATTEMPTS);
        }
        return next.build();
    }

    /**
     * The invitation marked accepted. Stores apply this through {@link InvitationStore#redeem}, never
     * through a plain update, so that only one redemption can succeed.
     *
     * @param now the current time
     * @return the changed invitation
     */
    public Invitation accepted(Instant now) {
        return next(now)
                .status(InvitationStatus.ACCEPTED)
                .acceptedAt(now)
                .revokedAt(null)
                .revocationReason(null)
                .build();
    }

    /** A builder for the next version of this invitation, changed at {@code now}. */
    private Builder next(Instant now) {
        return toBuilder().updatedAt(now).version(version + 1);
    }

    /**
     * Starts an invitation from scratch, as stores read one back. New invitations are made by the
     * invitation service, which issues their link.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this invitation, e.g. for a store to write back a changed column.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return builder()
                .id(id)
                .practiceId(practiceId)
                .patient(patient)
                .invitee(invitee)
                .channels(channels)
                .origin(origin)
                .status(status)
                .tokenNonce(tokenNonce)
                .tokenDigest(tokenDigest)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .createdAt(createdAt)
                .createdBy(createdBy)
                .resendCount(resendCount)
                .dateOfBirthFailures(dateOfBirthFailures)
                .acceptedAt(acceptedAt)
                .revokedAt(revokedAt)
                .revocationReason(revocationReason)
                .updatedAt(updatedAt)
                .version(version)
                .language(language);
    }

    @Override
    public String toString() {
        return "Invitation[" + id + ", practice=" + practiceId + ", patient=" + patient.id() + ", invitee="
                + invitee.kind() + ", status=" + status + ", v" + version + "]";
    }

    /** Builds an {@link Invitation}; {@link #build()} checks the invariants. */
    public static final class Builder {
        private @Nullable InvitationId id;
        private @Nullable PracticeId practiceId;
        private @Nullable Patient patient;
        private @Nullable Invitee invitee;
        private Set<Channel> channels = Set.of();
        private @Nullable InvitationOrigin origin;
        private @Nullable InvitationStatus status;
        private @Nullable TokenNonce tokenNonce;
        private @Nullable TokenDigest tokenDigest;
        private @Nullable Instant issuedAt;
        private @Nullable Instant expiresAt;
        private @Nullable Instant createdAt;
        private @Nullable StaffId createdBy;
        private int resendCount;
        private int dateOfBirthFailures;
        private @Nullable Instant acceptedAt;
        private @Nullable Instant revokedAt;
        private @Nullable RevocationReason revocationReason;
        private @Nullable Instant updatedAt;
        private long version = 1;
        private @Nullable Locale language;

        private Builder() {}

        /**
         * Sets the language of the invitation's messages; null follows the practice's locale.
         *
         * @param value the language, or null
         * @return this
         */
        public Builder language(@Nullable Locale value) {
            this.language = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder id(InvitationId value) {
            this.id = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder practiceId(PracticeId value) {
            this.practiceId = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder patient(Patient value) {
            this.patient = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder invitee(Invitee value) {
            this.invitee = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder channels(Set<Channel> value) {
            this.channels = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder origin(InvitationOrigin value) {
            this.origin = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder status(InvitationStatus value) {
            this.status = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder tokenNonce(TokenNonce value) {
            this.tokenNonce = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder tokenDigest(TokenDigest value) {
            this.tokenDigest = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder issuedAt(Instant value) {
            this.issuedAt = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder createdBy(StaffId value) {
            this.createdBy = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder resendCount(int value) {
            this.resendCount = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder dateOfBirthFailures(int value) {
            this.dateOfBirthFailures = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder acceptedAt(@Nullable Instant value) {
            this.acceptedAt = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder revokedAt(@Nullable Instant value) {
            this.revokedAt = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder revocationReason(@Nullable RevocationReason value) {
            this.revocationReason = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        /**
         * Sets the component of the same name.
         *
         * @param value the value
         * @return this
         */
        public Builder version(long value) {
            this.version = value;
            return this;
        }

        /**
         * Builds the invitation.
         *
         * @return the invitation
         * @throws NullPointerException when a required component is missing
         * @throws IllegalArgumentException when the components contradict each other
         */
        public Invitation build() {
            return new Invitation(
                    Objects.requireNonNull(id, "id"),
                    Objects.requireNonNull(practiceId, "practiceId"),
                    Objects.requireNonNull(patient, "patient"),
                    Objects.requireNonNull(invitee, "invitee"),
                    channels,
                    Objects.requireNonNull(origin, "origin"),
                    Objects.requireNonNull(status, "status"),
                    Objects.requireNonNull(tokenNonce, "tokenNonce"),
                    Objects.requireNonNull(tokenDigest, "tokenDigest"),
                    Objects.requireNonNull(issuedAt, "issuedAt"),
                    Objects.requireNonNull(expiresAt, "expiresAt"),
                    Objects.requireNonNull(createdAt, "createdAt"),
                    Objects.requireNonNull(createdBy, "createdBy"),
                    resendCount,
                    dateOfBirthFailures,
                    acceptedAt,
                    revokedAt,
                    revocationReason,
                    Objects.requireNonNull(updatedAt, "updatedAt"),
                    version,
                    language);
        }
    }

    /** Where in the host's workflow the invitation was made; recorded for audit and reporting. */
    public enum InvitationOrigin {
        /** Staff added a new patient (e.g. from the appointment booking screen). */
        NEW_PATIENT,
        /** Staff invited an existing patient (e.g. from the demographic window). */
        EXISTING_PATIENT
    }

    /** Where an invitation is in its life. */
    public enum InvitationStatus {
        /** Created; the email has not been confirmed sent yet. */
        PENDING,
        /** The email with the link was handed to the mail server. */
        SENT,
        /** The email could not be delivered after every retry; staff can resend. */
        DELIVERY_FAILED,
        /** The invitee set a password; the link is used up. */
        ACCEPTED,
        /** The link's lifetime passed before it was used. */
        EXPIRED,
        /** Staff withdrew the invitation, or too many wrong dates of birth were entered. */
        REVOKED;

        /**
         * Tells whether the link may still be used (subject to its expiry time).
         *
         * @return true for PENDING, SENT and DELIVERY_FAILED
         */
        public boolean isOpen() {
            return this == PENDING || this == SENT || this == DELIVERY_FAILED;
        }
    }
}
