package io.portalinvite.invitation;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.Channel;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.delivery.MessageComposer;
import io.portalinvite.delivery.MessageHandler;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxStore;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.internal.invitation.DateOfBirthAttempt;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.token.LinkTokens;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs every change of an invitation's state, each as one unit in the caller's transaction: the
 * write, the outbound messages it queues or cancels, its audit entry, and — only once the
 * transaction has committed — its log line and its {@link PortalEvent}. Invite, bulk invitation,
 * resend, revoke, registration, delivery results, expiry and reminders all go through it, so each
 * change is recorded the same way whoever makes it, and a rollback leaves no trace in logs or events.
 * The one exception is the in-transaction listeners ({@code PortalInvite.Builder.inTransactionListener}),
 * told of the event at the moment the change is recorded, inside the transaction, for bridges to a
 * framework that ties its own delivery to that transaction's outcome.
 *
 * <p>What an invitation queues and cancels in the outbox is {@code InvitationOutbox}'s job, and the
 * resend limits are {@code ResendLimits}'s; this class decides when each applies.
 *
 * <p>Built by {@link io.portalinvite.PortalInvite}; not for hosts, who use the invitation services.
 */
public final class InvitationLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InvitationLifecycle.class);

    private final TransactionRunner tx;
    private final InvitationStore invitations;
    private final OutboxStore outbox;
    private final AuditStore audit;
    private final InviteStorage invites;
    private final InvitationFactory factory;
    private final InvitationOutbox messages;
    private final LinkTokens tokens;
    private final Clock clock;
    private final PortalEventListener events;
    private final PortalEventListener inTransaction;
    private final String messageIdDomain;

    /**
     * Creates the lifecycle. Built by {@link io.portalinvite.PortalInvite}, which hands it to the
     * invitation services and the maintenance sweeps; hosts never build or call it.
     *
     * @param tx the transaction boundary every store joins
     * @param invitations the invitation store
     * @param outbox the outbox
     * @param audit the audit store
     * @param invites the writes and reads of an invite that span stores
     * @param tokens issues invitation links
     * @param clock the clock
     * @param events told of each change after it commits
     * @param inTransaction told of each change at once, inside the transaction that makes it (before
     *     it commits, and also when it then rolls back)
     * @param messageIdDomain the domain part of generated Message-IDs
     */
    public InvitationLifecycle(
            TransactionRunner tx,
            InvitationStore invitations,
            OutboxStore outbox,
            AuditStore audit,
            InviteStorage invites,
            LinkTokens tokens,
            Clock clock,
            PortalEventListener events,
            PortalEventListener inTransaction,
            String messageIdDomain) {
        this.tx = tx;
        this.invitations = invitations;
        this.outbox = outbox;
        this.audit = audit;
        this.invites = invites;
        this.factory = new InvitationFactory(tokens);
        this.messages = new InvitationOutbox(outbox, messageIdDomain);
        this.tokens = tokens;
        this.clock = clock;
        this.events = events;
        this.inTransaction = inTransaction;
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Returns the outbox dispatcher's handler for invitation messages (email, SMS notice, reminder).
     *
     * @param composer writes the messages
     * @param defaultFrom the From address for practices that set none
     * @return the handler
     */
    public MessageHandler<Invitation> messageHandler(MessageComposer composer, EmailAddress defaultFrom) {
        return new InvitationMessages(this, invitations, outbox, tokens, composer, defaultFrom);
    }

    Invitation create(InviteRequests.Valid valid, Set<Channel> channels, PortalSettings practice, Instant now) {
        Invitation invitation = factory.create(valid, channels, practice, now);
        invites.insertInvitation(
                invitation,
                messages.paced(practice, messages.initial(invitation), now),
                created(invitation, false).build());
        PortalEvent event = new PortalEvent.InvitationCreated(
                invitation.id(),
                invitation.practiceId(),
                invitation.patient().id(),
                invitation.invitee().kind(),
                now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info(
                    "invitation {} created at practice {} for patient {} (invitee {}, channels {})",
                    invitation.id(),
                    invitation.practiceId(),
                    invitation.patient().id(),
                    invitation.invitee().kind(),
                    invitation.channels());
            events.onEvent(event);
        });
        return invitation;
    }

    /** Makes a bulk chunk's invitations with one batch per table; logs the chunk once after commit. */
    List<Invitation> createAll(List<InviteRequests.Valid> rows, List<Set<Channel>> channels, PortalSettings practice) {
        Instant now = clock.instant();
        List<Invitation> created = new ArrayList<>(rows.size());
        List<OutboundMessage> queued = new ArrayList<>(rows.size() * 2);
        List<AuditEvent> audits = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Invitation invitation = factory.create(rows.get(i), channels.get(i), practice, now);
            created.add(invitation);
            queued.addAll(messages.initial(invitation));
            audits.add(created(invitation, true).build());
        }
        invites.insertInvitations(created, messages.paced(practice, queued, now), audits);
        List<PortalEvent> createdEvents = new ArrayList<>(created.size());
        for (Invitation i : created) {
            PortalEvent event = new PortalEvent.InvitationCreated(
                    i.id(), i.practiceId(), i.patient().id(), i.invitee().kind(), now);
            inTransaction.onEvent(event);
            createdEvents.add(event);
        }
        tx.afterCommit(() -> {
            log.info("bulk chunk at practice {}: {} invitations created", practice.practiceId(), created.size());
            createdEvents.forEach(events::onEvent);
        });
        return created;
    }

    private AuditEvent.Builder created(Invitation invitation, boolean bulk) {
        Invitee invitee = invitation.invitee();
        AuditEvent.Builder entry = AuditEvent.of(
                        AuditAction.INVITATION_CREATED, Actor.staff(invitation.createdBy()), invitation.createdAt())
                .practice(invitation.practiceId())
                .patient(invitation.patient().id())
                .invitation(invitation.id())
                .detail("origin", invitation.origin())
                .detail("invitee", invitee.kind())
                .detail("relationship", invitee.relationship() == null ? "SELF" : invitee.relationship())
                .detail("channels", invitation.channels())
                .detail("expiresAt", invitation.expiresAt());
        return bulk ? entry.detail("bulk", true) : entry;
    }

    /**
     * Issues a new link: the old one stops working at once, the expiry starts again, and the email
     * (and SMS notice) are queued again, within the practice's resend limits.
     */
    Invitation reissue(Invitation invitation, PortalSettings practice, Actor actor, Instant now) {
        ResendLimits.check(audit, invitation, practice, now);
        Invitation reissued = factory.reissue(invitation, practice, now);
        if (!invitations.update(reissued)) {
            throw new ConcurrentChangeException("The invitation");
        }
        messages.cancelPending(invitation, "superseded by a newer link", now);
        messages.queue(practice, messages.initial(reissued), now);
        audit.append(entry(AuditAction.INVITATION_RESENT, actor, invitation, now)
                .detail("resendCount", reissued.resendCount())
                .detail("expiresAt", reissued.expiresAt())
                .build());
        PortalEvent event = new PortalEvent.InvitationResent(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info("invitation {} resent with a new link (resend {})", invitation.id(), reissued.resendCount());
            events.onEvent(event);
        });
        return reissued;
    }

    /** Revokes an open invitation: its link stops working and its queued messages are cancelled. */
    Invitation revoke(Invitation invitation, RevocationReason reason, Actor actor, Instant now) {
        Invitation revoked = invitation.revoked(now, reason);
        if (!invitations.update(revoked)) {
            throw new ConcurrentChangeException("The invitation");
        }
        messages.cancelPending(invitation, "invitation revoked", now);
        audit.append(entry(AuditAction.INVITATION_REVOKED, actor, invitation, now)
                .detail("reason", reason)
                .build());
        announceRevocation(invitation, reason, now);
        return revoked;
    }

    private void announceRevocation(Invitation invitation, RevocationReason reason, Instant now) {
        PortalEvent event = new PortalEvent.InvitationRevoked(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), reason, now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info("invitation {} revoked ({})", invitation.id(), reason);
            events.onEvent(event);
        });
    }

    /**
     * Marks an invitation whose link expired EXPIRED and cancels its queued messages.
     *
     * @param invitation the open, expired invitation as read
     * @param now the current time
     * @return false when someone else changed it since it was read (another node expired it, say)
     */
    public boolean expire(Invitation invitation, Instant now) {
        if (!invitations.update(invitation.expired(now))) {
            return false;
        }
        messages.cancelPending(invitation, "invitation expired", now);
        audit.append(entry(AuditAction.INVITATION_EXPIRED, Actor.SYSTEM, invitation, now)
                .build());
        PortalEvent event = new PortalEvent.InvitationExpired(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info("invitation {} expired", invitation.id());
            events.onEvent(event);
        });
        return true;
    }

    /**
     * Queues one reminder for the invitation's current link, unless one was queued already (by this
     * node or another): the same link as the invitation email, nothing new issued.
     *
     * @param practice the practice's settings (pacing)
     * @param invitation a SENT invitation within its practice's reminder window
     * @param now the current time
     * @return true when this call queued the reminder
     */
    public boolean remind(PortalSettings practice, Invitation invitation, Instant now) {
        if (!invitations.markReminded(invitation.id(), invitation.tokenNonce())) {
            return false;
        }
        messages.queue(practice, List.of(messages.reminder(invitation, now)), now);
        audit.append(entry(AuditAction.INVITATION_REMINDED, Actor.SYSTEM, invitation, now)
                .detail("expiresAt", invitation.expiresAt())
                .build());
        PortalEvent event = new PortalEvent.InvitationReminded(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info("invitation {}: reminder queued", invitation.id());
            events.onEvent(event);
        });
        return true;
    }

    /**
     * Records a wrong date of birth that {@link InvitationStore#attemptDateOfBirth} already counted
     * against the link, and the revocation when that failure reached the practice's limit.
     */
    DateOfBirthMismatchException recordDateOfBirthFailure(
            Invitation invitation, PortalSettings practice, DateOfBirthAttempt attempt, Instant now) {
        boolean revoke = attempt.outcome() == DateOfBirthAttempt.Outcome.MISMATCHED_AND_REVOKED;
        audit.append(entry(AuditAction.DATE_OF_BIRTH_FAILED, Actor.INVITEE, invitation, now)
                .outcome(io.portalinvite.audit.AuditEvent.AuditOutcome.FAILURE)
                .detail("attempt", attempt.failures())
                .build());
        if (revoke) {
            audit.append(entry(AuditAction.INVITATION_REVOKED, Actor.SYSTEM, invitation, now)
                    .detail("reason", RevocationReason.DATE_OF_BIRTH_ATTEMPTS)
                    .build());
            announceRevocation(invitation, RevocationReason.DATE_OF_BIRTH_ATTEMPTS, now);
        }
        tx.afterCommit(() -> log.info(
                "invitation {}: wrong date of birth, attempt {}{}",
                invitation.id(),
                attempt.failures(),
                revoke ? "; link revoked" : ""));
        return new DateOfBirthMismatchException(
                revoke ? 0 : Math.max(1, practice.registration().maxDateOfBirthAttempts() - attempt.failures()));
    }

    /** Records the access grant an accepted invitation made, granted by the staff member who invited. */
    void recordGrant(Invitation invitation, PatientAccess access, Instant now) {
        audit.append(entry(AuditAction.ACCESS_GRANTED, Actor.staff(invitation.createdBy()), invitation, now)
                .account(access.accountId())
                .detail("access", access.id())
                .detail("kind", access.kind())
                .detail("relationship", access.relationship() == null ? "SELF" : access.relationship())
                .detail("scope", access.scope())
                .detail("startsOn", access.startsOn())
                .detail("endsOn", access.endsOn() == null ? "none" : access.endsOn())
                .build());
    }

    /**
     * Records an accepted invitation once its link was redeemed and its account and grant written:
     * the acceptance (and, as they apply, the privacy notice accepted and the password set).
     */
    void recordAcceptance(
            Invitation invitation,
            AccountId account,
            AccessKind kind,
            boolean newAccount,
            @Nullable String consentVersion,
            Instant now) {
        audit.append(entry(AuditAction.INVITATION_ACCEPTED, Actor.INVITEE, invitation, now)
                .account(account)
                .detail("access", kind)
                .detail("newAccount", newAccount)
                .build());
        if (consentVersion != null) {
            audit.append(entry(AuditAction.CONSENT_ACCEPTED, Actor.account(account), invitation, now)
                    .account(account)
                    .detail("version", consentVersion)
                    .build());
        }
        if (newAccount) {
            audit.append(entry(AuditAction.PASSWORD_SET, Actor.account(account), invitation, now)
                    .account(account)
                    .build());
        }
        PortalEvent event = new PortalEvent.InvitationAccepted(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), account, kind, now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info(
                    "invitation {} accepted: account {} ({}) now has {} access to patient {}",
                    invitation.id(),
                    account,
                    newAccount ? "new" : "existing",
                    kind,
                    invitation.patient().id());
            events.onEvent(event);
        });
    }

    /** Moves the invitation to a delivery status if it is still open on the message's link. */
    void moveToDeliveryStatus(OutboundMessage message, InvitationStatus status, Instant now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Invitation current = invitations
                    .findById(new io.portalinvite.common.InvitationId(message.subjectId()))
                    .orElse(null);
            if (current == null
                    || !current.status().isOpen()
                    || !current.tokenNonce().equals(message.tokenNonce())
                    || current.status() == status) {
                return;
            }
            if (invitations.update(current.withDeliveryStatus(status, now))) {
                return;
            }
        }
        log.warn(
                "could not record delivery status {} on invitation {} after repeated concurrent changes",
                status,
                message.subjectId());
    }

    /** Appends a delivery result's audit entry to the invitation's trail. */
    void recordDelivery(AuditEvent entry) {
        audit.append(entry);
    }

    /**
     * Tells the in-transaction listeners of an event at once and the listeners once the current
     * transaction has committed.
     */
    void announce(PortalEvent event) {
        inTransaction.onEvent(event);
        tx.afterCommit(() -> events.onEvent(event));
    }

    private static AuditEvent.Builder entry(AuditAction action, Actor actor, Invitation invitation, Instant now) {
        return AuditEvent.of(action, actor, now)
                .practice(invitation.practiceId())
                .patient(invitation.patient().id())
                .invitation(invitation.id());
    }
}
