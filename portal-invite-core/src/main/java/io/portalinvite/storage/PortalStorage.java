package io.portalinvite.storage;

import io.portalinvite.account.AccountStore;
import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.authenticator.AuthenticatorStore;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.TemplateStore;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.invitation.InviteStorage;
import io.portalinvite.invitation.InviteStorage.InviteLookup;
import io.portalinvite.reset.PasswordResetStore;
import io.portalinvite.settings.SettingsOverrides;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.tx.TransactionRunner;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stores the library keeps its state in, and the transaction boundary they share: a bundle that
 * {@link io.portalinvite.PortalInvite} unpacks, handing each service only the stores it uses. One
 * implementation per technology: {@link InMemoryPortalStorage} here, the JDBC one in
 * {@code portal-invite-jdbc}. Its {@link InviteStorage} methods call the stores in turn; a database
 * implementation may answer them in fewer round trips.
 */
public interface PortalStorage extends InviteStorage {

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
     * Returns the store of sign-in budgets (per client address, per known device). A store shared
     * by every node, as a database one is, makes the budgets hold across nodes.
     *
     * @return the store
     */
    SignInBudgets signInBudgets();

    /**
     * Returns the store of the authenticators accounts hold beside their passwords (TOTP, recovery
     * codes, passkeys).
     *
     * @return the store
     */
    AuthenticatorStore authenticators();

    /** Calls the invitation store, the outbox and the audit store in turn. */
    @Override
    default void insertInvitation(Invitation invitation, List<OutboundMessage> messages, AuditEvent created) {
        invitations().insert(invitation);
        for (OutboundMessage message : messages) {
            outbox().insert(message);
        }
        audit().append(created);
    }

    /** Asks the settings, account and invitation stores in turn. */
    @Override
    default InviteLookup lookupForInvite(
            PracticeId practiceId,
            PatientId patientId,
            String inviteeEmailKey,
            @Nullable String inviteeMobileE164,
            int mobileLimit) {
        Optional<SettingsOverrides> stored = settings().find(practiceId);
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

    /**
     * Returns the password-reset request store.
     *
     * @return the store
     */
    PasswordResetStore passwordResets();

    /** Calls the invitation store, the outbox and the audit store row by row. */
    @Override
    default void insertInvitations(
            List<Invitation> invitations, List<OutboundMessage> messages, List<AuditEvent> created) {
        invitations.forEach(invitations()::insert);
        messages.forEach(outbox()::insert);
        created.forEach(audit()::append);
    }
}
