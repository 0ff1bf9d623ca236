package io.portalinvite;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.TemplateStore;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InviteLookup;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.tx.TransactionRunner;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stores the library keeps its state in, and the transaction boundary they share. One
 * implementation per technology: {@link InMemoryPortalStorage} here, the JDBC one in
 * {@code portal-invite-jdbc}.
 */
public interface PortalStorage {

    /**
     * Returns the transaction boundary every store below joins.
     *
     * @return the runner
     */
    TransactionRunner transactions();

    /**
     * Returns the invitation store.
     *
     * @return the store
     */
    InvitationStore invitations();

    /**
     * Returns the account and access-grant store.
     *
     * @return the store
     */
    AccountStore accounts();

    /**
     * Returns the practice settings store.
     *
     * @return the store
     */
    SettingsStore settings();

    /**
     * Returns the outbox store.
     *
     * @return the store
     */
    OutboxStore outbox();

    /**
     * Returns the audit store.
     *
     * @return the store
     */
    AuditStore audit();

    /**
     * Returns the store of practices' message templates.
     *
     * @return the store
     */
    TemplateStore templates();

    /**
     * Writes a new invitation with its outbound messages and its audit entry, in the current
     * transaction. The default calls the three stores in turn; a database implementation may send
     * the writes together to save round trips.
     *
     * @param invitation the new invitation
     * @param messages its outbound messages
     * @param created the audit entry that records it
     * @throws io.portalinvite.invitation.DuplicateInvitationException as
     *     {@link InvitationStore#insert} does
     */
    default void insertInvitation(Invitation invitation, List<OutboundMessage> messages, AuditEvent created) {
        invitations().insert(invitation);
        for (OutboundMessage message : messages) {
            outbox().insert(message);
        }
        audit().append(created);
    }

    /**
     * Reads, in the current transaction, everything an invite decides on: the practice's saved
     * settings, the access grants of the account with the invitee's email, the open invitation for
     * this patient and invitee, and — when a mobile is given — the patients whose invitations went to
     * that mobile (up to {@code mobileLimit}). The default calls the stores in turn; a database
     * implementation may answer in one round trip.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param inviteeEmailKey the invitee email's lookup key
     * @param inviteeMobileE164 the invitee's mobile in E.164 form when an SMS notice is asked for, or null
     * @param mobileLimit the most patients sharing the mobile to return
     * @return what was found
     */
    default InviteLookup lookupForInvite(
            PracticeId practiceId,
            PatientId patientId,
            String inviteeEmailKey,
            @Nullable String inviteeMobileE164,
            int mobileLimit) {
        Optional<PortalSettings> stored = settings().find(practiceId);
        List<PatientAccess> access = accounts()
                .findByEmail(inviteeEmailKey)
                .map(account -> accounts().findAccessByAccount(account.id()))
                .orElse(List.of());
        List<PatientId> sharing = inviteeMobileE164 == null
                ? List.of()
                : invitations().findPatientsByInviteeMobile(practiceId, inviteeMobileE164, mobileLimit);
        return new InviteLookup(
                stored, access, invitations().findOpen(practiceId, patientId, inviteeEmailKey), sharing);
    }

    // --- issue 7: password reset, bulk invitation ----------------------------------------------

    /**
     * Returns the password-reset request store.
     *
     * @return the store
     */
    io.portalinvite.reset.PasswordResetStore passwordResets();

    /**
     * Writes many new invitations with their outbound messages and audit entries, in the current
     * transaction (a bulk invitation's chunk). The default calls the stores row by row; a database
     * implementation sends each table's rows as one batch.
     *
     * @param invitations the new invitations
     * @param messages their outbound messages
     * @param created their audit entries
     * @throws io.portalinvite.invitation.DuplicateInvitationException as {@link InvitationStore#insert}
     *     does; the caller rolls the transaction back
     */
    default void insertInvitations(
            List<Invitation> invitations, List<OutboundMessage> messages, List<AuditEvent> created) {
        invitations.forEach(invitations()::insert);
        messages.forEach(outbox()::insert);
        created.forEach(audit()::append);
    }
}
