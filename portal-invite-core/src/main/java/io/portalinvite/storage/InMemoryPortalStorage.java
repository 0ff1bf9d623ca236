package io.portalinvite.storage;

import io.portalinvite.account.AccountStore;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.authenticator.AuthenticatorStore;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.TemplateStore;
import io.portalinvite.internal.throttle.InMemorySignInBudgets;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.reset.PasswordResetStore;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.tx.TransactionRunner;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * All stores in memory, sharing one transaction runner so that a transaction spans them all: one
 * transaction at a time, undone in full on rollback. For tests, demos and single-process hosts;
 * state is lost when the process ends.
 */
public final class InMemoryPortalStorage implements PortalStorage {

    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner();
    private final InMemoryInvitationStore invitations = new InMemoryInvitationStore(tx);
    private final InMemoryAccountStore accounts = new InMemoryAccountStore(tx);
    private final InMemorySettingsStore settings = new InMemorySettingsStore(tx);
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(tx);
    private final InMemoryAuditStore audit = new InMemoryAuditStore(tx);
    private final InMemoryTemplateStore templates = new InMemoryTemplateStore(tx);
    private final InMemoryPasswordResetStore passwordResets = new InMemoryPasswordResetStore(tx);
    private final InMemorySignInBudgets signInBudgets = new InMemorySignInBudgets();
    private final InMemoryAuthenticatorStore authenticators = new InMemoryAuthenticatorStore(tx);

    /** Creates empty stores. */
    public InMemoryPortalStorage() {}

    @Override
    public TransactionRunner transactions() {
        return tx;
    }

    @Override
    public InvitationStore invitations() {
        return invitations;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public SettingsStore settings() {
        return settings;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public SignInBudgets signInBudgets() {
        return signInBudgets;
    }

    @Override
    public AuthenticatorStore authenticators() {
        return authenticators;
    }

    @Override
    public TemplateStore templates() {
        return templates;
    }

    @Override
    public PasswordResetStore passwordResets() {
        return passwordResets;
    }

    /**
     * Returns every outbound message held, for tests and diagnostics that look at everything.
     *
     * @return the messages, in the order they were written
     */
    public List<OutboundMessage> outboundMessages() {
        return outbox.all();
    }

    /**
     * Returns every audit entry held, for tests and diagnostics that look at everything.
     *
     * @return the entries, in the order they were appended
     */
    public List<AuditEvent> auditEntries() {
        return audit.all();
    }

    @Override
    public List<PatientId> findPatients(PracticeId practiceId, @Nullable PatientId after, int limit) {
        return tx.read(() -> {
            java.util.TreeSet<String> ids = new java.util.TreeSet<>();
            invitations.patientIds(practiceId).forEach(id -> ids.add(id.value()));
            accounts.patientIdsWithAccess(practiceId).forEach(id -> ids.add(id.value()));
            return (after == null ? ids : ids.tailSet(after.value(), false))
                    .stream().limit(limit).map(PatientId::of).toList();
        });
    }
}
