package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.ValidationException;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.ConsentDocument;
import io.portalinvite.settings.PortalSettings;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The practice's rules an invitation's acceptance applies, whichever way it is accepted: the privacy
 * notice the invitee must accept, the age rules checked before any password work, and the grant the
 * acceptance makes (a parent's access ending on the birthday, limited from the reduction birthday).
 * Reads nothing; the caller brings the invitation and the practice's settings.
 */
final class AcceptanceRules {

    private AcceptanceRules() {}

    /**
     * Refuses an acceptance the practice's consent or age rules do not allow.
     *
     * @param invitation the invitation
     * @param practice its practice's settings
     * @param acceptedConsentVersion the privacy notice version the invitee accepted, if any
     * @param today today at the practice
     * @throws ValidationException naming the field and the rule
     */
    static void checkConsentAndAge(
            Invitation invitation, PortalSettings practice, @Nullable String acceptedConsentVersion, LocalDate today) {
        ConsentDocument consent = practice.registration().consent();
        if (consent != null && !consent.version().equals(acceptedConsentVersion)) {
            throw new ValidationException(
                    "consent",
                    "consent.required",
                    "Accept the practice's privacy notice and terms (version " + consent.version() + ") to register");
        }
        AgePolicy ages = practice.registration().agePolicy();
        LocalDate dob = invitation.patient().dateOfBirth();
        if (invitation.invitee().kind() == InviteeKind.PATIENT && !ages.mayHoldOwnAccount(dob, today)) {
            throw new ValidationException(
                    "patient.dateOfBirth",
                    "age.own_account",
                    "Patients under " + ages.ownAccountMinimumAge() + " cannot hold their own Patient Portal account "
                            + "at this practice; a parent or guardian can be invited instead");
        }
        LocalDate parentalEnd = ages.appliesTo(invitation.invitee().relationship()) ? ages.parentalEndsOn(dob) : null;
        if (parentalEnd != null && !today.isBefore(parentalEnd)) {
            throw new ValidationException(
                    "carer.relationship",
                    "age.parental_access_ended",
                    "Parental access to this patient has ended under the practice's age rules");
        }
    }

    /**
     * The grant an accepted invitation makes: from today, with the practice's age rules applied to a
     * parent's access (ending on the birthday, limited from the reduction birthday).
     */
    static PatientAccess newGrant(
            Invitation invitation,
            PortalSettings practice,
            AccountId accountId,
            AccessKind kind,
            LocalDate today,
            Instant now,
            @Nullable String consentVersion) {
        LocalDate dob = invitation.patient().dateOfBirth();
        PatientAccess grant = PatientAccess.grant(
                AccessId.random(),
                accountId,
                invitation.practiceId(),
                invitation.patient().id(),
                kind,
                invitation.invitee().relationship(),
                now,
                invitation.createdBy(),
                invitation.id(),
                today,
                dob);
        AgePolicy ages = practice.registration().agePolicy();
        if (kind == AccessKind.PROXY && ages.appliesTo(invitation.invitee().relationship())) {
            LocalDate ends = ages.parentalEndsOn(dob);
            if (ends != null) {
                grant = grant.withEndsOn(ends);
            }
            LocalDate reduced = ages.parentalReducedFrom(dob);
            if (reduced != null && !today.isBefore(reduced)) {
                grant = grant.withScope(AccessScope.LIMITED);
            }
        }
        return consentVersion == null ? grant : grant.withConsent(consentVersion, now);
    }
}
