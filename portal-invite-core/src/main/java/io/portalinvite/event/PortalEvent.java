package io.portalinvite.event;

import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Channel;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.InviteeKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.RevocationReason;
import java.time.Instant;

/**
 * Something that happened, told to {@link PortalEventListener}s after it committed. Events carry ids
 * and codes only: no contact details, tokens or passwords.
 */
public sealed interface PortalEvent {

    /**
     * When it happened.
     *
     * @return the instant
     */
    Instant occurredAt();

    /**
     * Staff invited a patient or carer.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param invitee patient or carer
     * @param occurredAt when
     */
    record InvitationCreated(
            InvitationId invitationId,
            PracticeId practiceId,
            PatientId patientId,
            InviteeKind invitee,
            Instant occurredAt)
            implements PortalEvent {}

    /**
     * Staff sent a new link; the old one no longer works.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param occurredAt when
     */
    record InvitationResent(InvitationId invitationId, PracticeId practiceId, PatientId patientId, Instant occurredAt)
            implements PortalEvent {}

    /**
     * An invitation was revoked.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param reason why
     * @param occurredAt when
     */
    record InvitationRevoked(
            InvitationId invitationId,
            PracticeId practiceId,
            PatientId patientId,
            RevocationReason reason,
            Instant occurredAt)
            implements PortalEvent {}

    /**
     * A message of an invitation was handed to the mail server or SMS provider.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param channel email or SMS
     * @param occurredAt when
     */
    record MessageSent(
            InvitationId invitationId, PracticeId practiceId, PatientId patientId, Channel channel, Instant occurredAt)
            implements PortalEvent {}

    /**
     * A message of an invitation failed for good; for the email, the invitation is now
     * DELIVERY_FAILED and staff should check the address and resend.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param channel email or SMS
     * @param error the last error
     * @param occurredAt when
     */
    record MessageFailed(
            InvitationId invitationId,
            PracticeId practiceId,
            PatientId patientId,
            Channel channel,
            String error,
            Instant occurredAt)
            implements PortalEvent {}

    /**
     * The invitee completed registration.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param accountId the account now holding access
     * @param access SELF or PROXY
     * @param occurredAt when
     */
    record InvitationAccepted(
            InvitationId invitationId,
            PracticeId practiceId,
            PatientId patientId,
            AccountId accountId,
            AccessKind access,
            Instant occurredAt)
            implements PortalEvent {}

    /**
     * An account was locked after too many failed logins.
     *
     * @param accountId the account
     * @param occurredAt when
     */
    record AccountLocked(AccountId accountId, Instant occurredAt) implements PortalEvent {}

    /**
     * An open invitation's link lifetime passed and the invitation was recorded as expired.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param occurredAt when
     */
    record InvitationExpired(InvitationId invitationId, PracticeId practiceId, PatientId patientId, Instant occurredAt)
            implements PortalEvent {}

    /**
     * A login succeeded.
     *
     * @param accountId the account
     * @param occurredAt when
     */
    record LoginSucceeded(AccountId accountId, Instant occurredAt) implements PortalEvent {}

    /**
     * A login failed. Carries no account id, so that a listener cannot tell an unknown email from a
     * wrong password any better than the person logging in can.
     *
     * @param reason a short code: {@code unknown_account}, {@code wrong_password}, {@code throttled},
     *     {@code account_locked}, {@code account_disabled} or {@code account_pending}
     * @param occurredAt when
     */
    record LoginFailed(String reason, Instant occurredAt) implements PortalEvent {}

    /**
     * An access grant stopped applying: staff revoked it, its end date came, or an age rule ended it
     * (e.g. a parent's access on the patient's 14th birthday).
     *
     * @param accessId the grant
     * @param practiceId the practice
     * @param patientId the patient
     * @param accountId the account that held it
     * @param reason why
     * @param occurredAt when it was recorded
     */
    record AccessEnded(
            AccessId accessId,
            PracticeId practiceId,
            PatientId patientId,
            AccountId accountId,
            AccessEndReason reason,
            Instant occurredAt)
            implements PortalEvent {}

    /**
     * An age rule reduced a parent's access to {@link io.portalinvite.common.AccessScope#LIMITED}.
     *
     * @param accessId the grant
     * @param practiceId the practice
     * @param patientId the patient
     * @param accountId the account that holds it
     * @param occurredAt when it was recorded
     */
    record AccessReduced(
            AccessId accessId, PracticeId practiceId, PatientId patientId, AccountId accountId, Instant occurredAt)
            implements PortalEvent {}

    /**
     * A reminder email was queued for an invitation whose link was not used yet.
     *
     * @param invitationId the invitation
     * @param practiceId the practice
     * @param patientId the patient
     * @param occurredAt when
     */
    record InvitationReminded(InvitationId invitationId, PracticeId practiceId, PatientId patientId, Instant occurredAt)
            implements PortalEvent {}

    /**
     * A bulk invitation run finished.
     *
     * @param practiceId the practice
     * @param invited invitations created
     * @param skipped rows skipped (already invited or registered, repeated in the input)
     * @param invalid rows refused by validation
     * @param occurredAt when
     */
    record BulkInvitationCompleted(PracticeId practiceId, long invited, long skipped, long invalid, Instant occurredAt)
            implements PortalEvent {}

    /**
     * An account's password was reset through a reset link; sessions issued before it are no
     * longer valid (see {@link io.portalinvite.account.LoginService#isSessionValid}).
     *
     * @param accountId the account
     * @param occurredAt when
     */
    record PasswordReset(AccountId accountId, Instant occurredAt) implements PortalEvent {}
}
