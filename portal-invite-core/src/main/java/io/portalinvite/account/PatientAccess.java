package io.portalinvite.account;

import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.party.Relationship;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A grant that lets an account see a patient's portal at one practice: as the patient (SELF) or on
 * their behalf (PROXY, with the relationship). One account may hold several grants, at several
 * practices; each is revocable on its own and applies from {@link #startsOn()} until the day before
 * {@link #endsOn()}.
 *
 * @param id the grant's id
 * @param accountId the account
 * @param practiceId the practice
 * @param patientId the patient
 * @param kind SELF or PROXY
 * @param relationship for PROXY, how the holder is related to the patient; null for SELF
 * @param grantedAt when it was granted
 * @param grantedBy the staff member whose invitation led to it
 * @param invitationId the accepted invitation
 * @param endsOn the first day it no longer applies (an end date staff set, or an age rule), or null
 * @param revokedAt when it was revoked, or null
 * @param startsOn the first day it applies, in the practice's time zone
 * @param scope FULL or LIMITED (after an age rule reduced parental access)
 * @param patientDateOfBirth the patient's date of birth when granted, for age rules; null for grants
 *     made before age rules existed
 * @param endReason why it stopped applying, once recorded (revocation, end date, age rule), or null
 * @param revokedBy who revoked it ({@code staff:<id>}), or null
 * @param consentVersion the privacy notice version the holder accepted for this practice, or null
 * @param consentAcceptedAt when they accepted it, or null
 */
public record PatientAccess(
        AccessId id,
        AccountId accountId,
        PracticeId practiceId,
        PatientId patientId,
        AccessKind kind,
        @Nullable Relationship relationship,
        Instant grantedAt,
        StaffId grantedBy,
        @Nullable InvitationId invitationId,
        @Nullable LocalDate endsOn,
        @Nullable Instant revokedAt,
        LocalDate startsOn,
        AccessScope scope,
        @Nullable LocalDate patientDateOfBirth,
        @Nullable AccessEndReason endReason,
        @Nullable String revokedBy,
        @Nullable String consentVersion,
        @Nullable Instant consentAcceptedAt)
        implements Serializable {

    /** Checks invariants. */
    public PatientAccess {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(scope, "scope");
        if ((kind == AccessKind.PROXY) != (relationship != null)) {
            throw new IllegalArgumentException("PROXY access has a relationship, SELF access has none");
        }
        if (endsOn != null && endsOn.isBefore(startsOn)) {
            // equal dates are allowed: a grant that ended on the day it began never applied
            throw new IllegalArgumentException("endsOn must not be before startsOn");
        }
        if ((consentVersion == null) != (consentAcceptedAt == null)) {
            throw new IllegalArgumentException("consent version and time go together");
        }
    }

    /**
     * A grant with the common defaults: FULL, starting on the day it was granted, no end, no consent.
     *
     * @param id the grant's id
     * @param accountId the account
     * @param practiceId the practice
     * @param patientId the patient
     * @param kind SELF or PROXY
     * @param relationship for PROXY, the relationship; null for SELF
     * @param grantedAt when it was granted
     * @param grantedBy the staff member
     * @param invitationId the accepted invitation, or null
     * @param startsOn the first day it applies
     * @param patientDateOfBirth the patient's date of birth, or null
     * @return the grant
     */
    public static PatientAccess grant(
            AccessId id,
            AccountId accountId,
            PracticeId practiceId,
            PatientId patientId,
            AccessKind kind,
            @Nullable Relationship relationship,
            Instant grantedAt,
            StaffId grantedBy,
            @Nullable InvitationId invitationId,
            LocalDate startsOn,
            @Nullable LocalDate patientDateOfBirth) {
        return new PatientAccess(
                id,
                accountId,
                practiceId,
                patientId,
                kind,
                relationship,
                grantedAt,
                grantedBy,
                invitationId,
                null,
                null,
                startsOn,
                AccessScope.FULL,
                patientDateOfBirth,
                null,
                null,
                null,
                null);
    }

    /**
     * Tells whether the grant applies.
     *
     * @param today today in the practice's time zone
     * @return true when not revoked, started, and not past its end date
     */
    public boolean isActive(LocalDate today) {
        return revokedAt == null && !today.isBefore(startsOn) && (endsOn == null || today.isBefore(endsOn));
    }

    /**
     * The grant revoked by staff.
     *
     * @param now the current time
     * @param actor who revoked it, e.g. {@code staff:<id>}
     * @return the changed grant
     */
    public PatientAccess revoked(Instant now, String actor) {
        return new PatientAccess(
                id,
                accountId,
                practiceId,
                patientId,
                kind,
                relationship,
                grantedAt,
                grantedBy,
                invitationId,
                endsOn,
                now,
                startsOn,
                scope,
                patientDateOfBirth,
                AccessEndReason.REVOKED_BY_STAFF,
                actor,
                consentVersion,
                consentAcceptedAt);
    }

    /**
     * The grant with another end date.
     *
     * @param value the first day it no longer applies, or null for none
     * @return the changed grant
     */
    public PatientAccess withEndsOn(@Nullable LocalDate value) {
        return new PatientAccess(
                id,
                accountId,
                practiceId,
                patientId,
                kind,
                relationship,
                grantedAt,
                grantedBy,
                invitationId,
                value,
                revokedAt,
                startsOn,
                scope,
                patientDateOfBirth,
                endReason,
                revokedBy,
                consentVersion,
                consentAcceptedAt);
    }

    /**
     * The grant with its end recorded.
     *
     * @param endDate the day it ended
     * @param reason why
     * @return the changed grant
     */
    public PatientAccess ended(LocalDate endDate, AccessEndReason reason) {
        LocalDate end = endDate.isBefore(startsOn) ? startsOn : endDate;
        return new PatientAccess(
                id,
                accountId,
                practiceId,
                patientId,
                kind,
                relationship,
                grantedAt,
                grantedBy,
                invitationId,
                end,
                revokedAt,
                startsOn,
                scope,
                patientDateOfBirth,
                reason,
                revokedBy,
                consentVersion,
                consentAcceptedAt);
    }

    /**
     * The grant with another scope.
     *
     * @param value FULL or LIMITED
     * @return the changed grant
     */
    public PatientAccess withScope(AccessScope value) {
        return new PatientAccess(
                id,
                accountId,
                practiceId,
                patientId,
                kind,
                relationship,
                grantedAt,
                grantedBy,
                invitationId,
                endsOn,
                revokedAt,
                startsOn,
                value,
                patientDateOfBirth,
                endReason,
                revokedBy,
                consentVersion,
                consentAcceptedAt);
    }

    /**
     * The grant with a consent recorded.
     *
     * @param version the accepted version
     * @param at when
     * @return the changed grant
     */
    public PatientAccess withConsent(String version, Instant at) {
        return new PatientAccess(
                id,
                accountId,
                practiceId,
                patientId,
                kind,
                relationship,
                grantedAt,
                grantedBy,
                invitationId,
                endsOn,
                revokedAt,
                startsOn,
                scope,
                patientDateOfBirth,
                endReason,
                revokedBy,
                version,
                at);
    }
}
