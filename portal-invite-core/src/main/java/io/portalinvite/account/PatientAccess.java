package io.portalinvite.account;

import java.io.Serializable;
import io.portalinvite.invitation.InvitationId;
import io.portalinvite.party.PatientId;
import io.portalinvite.party.PracticeId;
import io.portalinvite.party.Relationship;
import io.portalinvite.party.StaffId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A grant that lets an account see a patient's portal at one practice: as the patient (SELF) or on
 * their behalf (PROXY). One account may hold several grants, at several practices.
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
 * @param endsOn the first day it no longer applies (age rules), or null
 * @param revokedAt when it was revoked, or null
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
        @Nullable Instant revokedAt) implements Serializable {

    /** Checks invariants. */
    public PatientAccess {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(grantedBy, "grantedBy");
        if ((kind == AccessKind.PROXY) != (relationship != null)) {
            throw new IllegalArgumentException("PROXY access has a relationship, SELF access has none");
        }
    }

    /**
     * Tells whether the grant applies.
     *
     * @param today today in the practice's time zone
     * @return true when not revoked and not past its end date
     */
    public boolean isActive(LocalDate today) {
        return revokedAt == null && (endsOn == null || today.isBefore(endsOn));
    }

    /**
     * The grant revoked.
     *
     * @param now the current time
     * @return the changed grant
     */
    public PatientAccess revoked(Instant now) {
        return new PatientAccess(id, accountId, practiceId, patientId, kind, relationship, grantedAt, grantedBy,
                invitationId, endsOn, now);
    }
}
