package io.portalinvite;

import io.portalinvite.account.InMemoryAccountStore;
import io.portalinvite.audit.InMemoryAuditStore;
import io.portalinvite.delivery.InMemoryOutboxStore;
import io.portalinvite.delivery.InMemoryTemplateStore;
import io.portalinvite.invitation.InMemoryInvitationStore;
import io.portalinvite.settings.InMemorySettingsStore;
import io.portalinvite.tx.InMemoryTransactionRunner;

/**
 * All stores in memory, sharing one {@link InMemoryTransactionRunner} so that a transaction spans
 * them all. For tests, demos and single-process hosts; state is lost when the process ends.
 */
public final class InMemoryPortalStorage implements PortalStorage {

    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner();
    private final InMemoryInvitationStore invitations = new InMemoryInvitationStore(tx);
    private final InMemoryAccountStore accounts = new InMemoryAccountStore(tx);
    private final InMemorySettingsStore settings = new InMemorySettingsStore(tx);
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore(tx);
    private final InMemoryAuditStore audit = new InMemoryAuditStore(tx);
    private final InMemoryTemplateStore templates = new InMemoryTemplateStore(tx);

    /** Creates empty stores. */
    public InMemoryPortalStorage() {}

    @Override
    public InMemoryTransactionRunner transactions() {
        return tx;
    }

    @Override
    public InMemoryInvitationStore invitations() {
        return invitations;
    }

    @Override
    public InMemoryAccountStore accounts() {
        return accounts;
    }

    @Override
    public InMemorySettingsStore settings() {
        return settings;
    }

    @Override
    public InMemoryOutboxStore outbox() {
        return outbox;
    }

    @Override
    public InMemoryAuditStore audit() {
        return audit;
    }

    @Override
    public InMemoryTemplateStore templates() {
        return templates;
    }

    // --- issue 7: password reset ---------------------------------------------------------------

    private final io.portalinvite.reset.InMemoryPasswordResetStore passwordResets =
            new io.portalinvite.reset.InMemoryPasswordResetStore(tx);

    @Override
    public io.portalinvite.reset.InMemoryPasswordResetStore passwordResets() {
        return passwordResets;
    }
}
