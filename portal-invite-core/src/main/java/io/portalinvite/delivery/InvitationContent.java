package io.portalinvite.delivery;

import io.portalinvite.party.Relationship;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an invitation email or reminder says about the invitation: who it greets, whom a carer acts
 * for, and until when the link works. Composers get this rather than the invitation itself, so that
 * message wording never depends on how invitations are stored.
 *
 * @param inviteeFirstName the invitee's first name
 * @param patientFirstName for a carer's invitation, the patient's first name; null for the patient's own
 * @param relationship for a carer's invitation, the carer's relationship to the patient; null otherwise
 * @param expiresAt when the link stops working
 */
public record InvitationContent(
        String inviteeFirstName,
        @Nullable String patientFirstName,
        @Nullable Relationship relationship,
        Instant expiresAt) {

    /** Checks presence: a carer's invitation names both the patient and the relationship. */
    public InvitationContent {
        Objects.requireNonNull(inviteeFirstName, "inviteeFirstName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((patientFirstName == null) != (relationship == null)) {
            throw new IllegalArgumentException("a carer's invitation names the patient and the relationship");
        }
    }

    /**
     * Tells whether the invitation goes to a carer acting for the patient.
     *
     * @return true for a carer's invitation
     */
    public boolean forCarer() {
        return patientFirstName != null;
    }
}
