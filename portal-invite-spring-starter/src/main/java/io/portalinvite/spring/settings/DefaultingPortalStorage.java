package io.portalinvite.spring.settings;

import io.portalinvite.PortalStorage;
import io.portalinvite.account.AccountStore;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.delivery.TemplateStore;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.party.PracticeId;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsStore;
import io.portalinvite.tx.TransactionRunner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link PortalStorage} whose settings store answers a practice that never saved settings with
 * configured defaults instead of nothing, so {@code SettingsService.get} returns those defaults
 * rather than {@link PortalSettings#defaults(PracticeId)}. Every other store, and saving settings,
 * is the wrapped storage's.
 *
 * <p>This is a stop-gap for a missing core hook ({@code PortalInvite.Builder.settingsDefaults});
 * the settings store's {@code find} therefore never returns empty through this wrapper. Every
 * {@link PortalStorage} method, default ones included, must be forwarded here (a test checks it).
 */
public final class DefaultingPortalStorage implements PortalStorage {

    private final PortalStorage delegate;
    private final SettingsStore settings;

    /**
     * Wraps a storage.
     *
     * @param delegate the real stores
     * @param defaults the settings of a practice that saved none; must return settings for that
     *     practice, with the portal disabled
     */
    public DefaultingPortalStorage(PortalStorage delegate, Function<PracticeId, PortalSettings> defaults) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(defaults, "defaults");
        SettingsStore real = delegate.settings();
        this.settings = new SettingsStore() {
            @Override
            public Optional<PortalSettings> find(PracticeId practiceId) {
                Optional<PortalSettings> saved = real.find(practiceId);
                return saved.isPresent() ? saved : Optional.of(defaults.apply(practiceId));
            }

            @Override
            public void save(PortalSettings value) {
                real.save(value);
            }
        };
    }

    /**
     * Returns the wrapped storage.
     *
     * @return the real stores
     */
    public PortalStorage delegate() {
        return delegate;
    }

    /** {@inheritDoc} */
    @Override
    public TransactionRunner transactions() {
        return delegate.transactions();
    }

    /** {@inheritDoc} */
    @Override
    public InvitationStore invitations() {
        return delegate.invitations();
    }

    /** {@inheritDoc} */
    @Override
    public AccountStore accounts() {
        return delegate.accounts();
    }

    /**
     * Returns the settings store that falls back to the configured defaults.
     *
     * @return the store
     */
    @Override
    public SettingsStore settings() {
        return settings;
    }

    /** {@inheritDoc} */
    @Override
    public OutboxStore outbox() {
        return delegate.outbox();
    }

    /** {@inheritDoc} */
    @Override
    public AuditStore audit() {
        return delegate.audit();
    }

    /** {@inheritDoc} */
    @Override
    public TemplateStore templates() {
        return delegate.templates();
    }

    /**
     * Forwards to the wrapped storage, keeping its own (e.g. batched) implementation.
     *
     * @param invitation the new invitation
     * @param messages its outbound messages
     * @param created the audit entry that records it
     */
    @Override
    public void insertInvitation(Invitation invitation, List<OutboundMessage> messages, AuditEvent created) {
        delegate.insertInvitation(invitation, messages, created);
    }
}
