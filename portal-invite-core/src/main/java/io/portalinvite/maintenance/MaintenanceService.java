package io.portalinvite.maintenance;

import io.portalinvite.PortalStorage;
import io.portalinvite.account.AccessService;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditService;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.MessageKind;
import io.portalinvite.delivery.MessageStatus;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboxPacing;
import io.portalinvite.event.EventPublisher;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep a host's scheduler calls (every few minutes is plenty; the Spring Boot starter schedules
 * it): marks expired invitations EXPIRED, queues one reminder before expiry where a practice asks for
 * it, and purges closed invitations' token digests and old password-reset requests after their
 * retention.
 *
 * <p>Every step works in batches of {@link MaintenancePolicy#batchSize()} rows, one transaction
 * each, and at most {@link MaintenancePolicy#maxBatches()} batches per sweep. Several nodes may sweep
 * at the same time: each change is a conditional write (a version check, or the reminder's
 * {@link io.portalinvite.invitation.InvitationStore#markReminded}), so an invitation is expired once
 * and reminded once whichever node gets there first.
 *
 * <p>A reminder carries the same link as the invitation email: its token is derived again from the
 * invitation's current nonce (see {@code docs/token-derivation.md}), so nothing new is issued, the
 * first email's link keeps working, and the expiry does not move. A resend after the reminder issues
 * a new link, which may be reminded of in turn.
 *
 * <p>The same sweep records ended access grants and applies age rules ({@link
 * AccessService#applyAgeRulesAndEndDates()}) and purges audit entries past their retention ({@link
 * AuditService#purgeExpired()}); those two page through whole tables, so each node runs them on its
 * first sweep and then at most once every {@link #GRANT_REVIEW_INTERVAL}. Grants stop applying on their
 * end date whether or not the review has run.
 */
public final class MaintenanceService {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceService.class);

    private final PortalStorage storage;
    private final SettingsService settings;
    private final MaintenancePolicy policy;
    private final Clock clock;
    private final EventPublisher events;
    private final String messageIdDomain;
    private final AccessService access;
    private final AuditService audit;
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastReview =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** How often one node reviews access grants and purges the audit trail. */
    public static final java.time.Duration GRANT_REVIEW_INTERVAL = java.time.Duration.ofHours(1);

    /**
     * Creates the service. Usually built by {@link io.portalinvite.PortalInvite}.
     *
     * @param storage the stores
     * @param settings practices' settings
     * @param policy batch sizes and retention
     * @param clock the clock
     * @param events the host's listeners
     * @param messageIdDomain the domain part of generated Message-IDs
     * @param access the access-grant review (age rules, end dates)
     * @param audit the audit trail's retention purge
     */
    public MaintenanceService(
            PortalStorage storage,
            SettingsService settings,
            MaintenancePolicy policy,
            Clock clock,
            EventPublisher events,
            String messageIdDomain,
            AccessService access,
            AuditService audit) {
        this.access = access;
        this.audit = audit;
        this.storage = storage;
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Runs every step once: expiry, reminders, digest purge, reset purge, and — hourly per node — the
     * access-grant review and the audit retention purge.
     *
     * @return what was done
     */
    public SweepResult sweep() {
        int expired = expireDue();
        int reminded = sendReminders();
        int purged = purgeClosedTokenDigests();
        int resets = purgeExpiredResets();
        int ended = 0;
        int reduced = 0;
        int auditPurged = 0;
        Instant now = clock.instant();
        Instant last = lastReview.get();
        if ((last == null || !now.isBefore(last.plus(GRANT_REVIEW_INTERVAL))) && lastReview.compareAndSet(last, now)) {
            AccessService.SweepResult grants = access.applyAgeRulesAndEndDates();
            ended = grants.ended();
            reduced = grants.reduced();
            auditPurged = audit.purgeExpired();
        }
        if (expired + reminded + purged + resets + ended + reduced + auditPurged > 0) {
            log.info(
                    "maintenance sweep: {} expired, {} reminders queued, {} token digests purged, {} reset "
                            + "requests purged, {} access grants ended, {} reduced, {} audit entries purged",
                    expired,
                    reminded,
                    purged,
                    resets,
                    ended,
                    reduced,
                    auditPurged);
        }
        return new SweepResult(expired, reminded, purged, resets, ended, reduced, auditPurged);
    }

    /**
     * Marks open invitations whose link expired as EXPIRED: audit entry, {@link PortalEvent.InvitationExpired},
     * and their queued messages cancelled.
     *
     * @return how many were expired by this call
     */
    public int expireDue() {
        int total = 0;
        for (int batch = 0; batch < policy.maxBatches(); batch++) {
            Instant now = clock.instant();
            int[] done = new int[1];
            int found = storage.transactions().inTransaction(() -> {
                List<Invitation> due = storage.invitations().findExpiredOpen(now, policy.batchSize());
                for (Invitation invitation : due) {
                    if (expire(invitation, now)) {
                        done[0]++;
                    }
                }
                return due.size();
            });
            total += done[0];
            if (found < policy.batchSize() || done[0] == 0) {
                break;
            }
        }
        return total;
    }

    private boolean expire(Invitation invitation, Instant now) {
        if (!storage.invitations().update(invitation.expired(now))) {
            // another node expired (or otherwise changed) it a moment ago
            return false;
        }
        for (OutboundMessage m : storage.outbox().findByInvitation(invitation.id())) {
            if (m.status() == MessageStatus.PENDING) {
                storage.outbox().cancel(m.id(), "invitation expired", now);
            }
        }
        storage.audit()
                .append(AuditEvent.of(AuditAction.INVITATION_EXPIRED, "system", now)
                        .practice(invitation.practiceId())
                        .patient(invitation.patient().id())
                        .invitation(invitation.id())
                        .build());
        events.publishAfterCommit(new PortalEvent.InvitationExpired(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now));
        return true;
    }

    /**
     * Queues one reminder for each SENT invitation that expires within its practice's
     * {@link PortalSettings#reminderBefore()} and whose current link was not reminded of yet.
     * Practices with reminders off, or with the portal disabled, are skipped.
     *
     * @return how many reminders this call queued
     */
    public int sendReminders() {
        int total = 0;
        for (PracticeId practiceId :
                storage.transactions().inTransaction(() -> storage.invitations().findPracticesWithSentInvitations())) {
            PortalSettings practice = settings.get(practiceId);
            if (!practice.enabled() || practice.reminderBefore().isZero()) {
                continue;
            }
            total += remind(practice);
        }
        return total;
    }

    private int remind(PortalSettings practice) {
        int total = 0;
        for (int batch = 0; batch < policy.maxBatches(); batch++) {
            Instant now = clock.instant();
            int[] done = new int[1];
            int found = storage.transactions().inTransaction(() -> {
                List<Invitation> due = storage.invitations()
                        .findReminderDue(
                                practice.practiceId(), now, now.plus(practice.reminderBefore()), policy.batchSize());
                for (Invitation invitation : due) {
                    if (storage.invitations().markReminded(invitation.id(), invitation.tokenNonce())) {
                        queueReminder(practice, invitation, now);
                        done[0]++;
                    }
                }
                return due.size();
            });
            total += done[0];
            if (found < policy.batchSize() || done[0] == 0) {
                break;
            }
        }
        return total;
    }

    private void queueReminder(PortalSettings practice, Invitation invitation, Instant now) {
        OutboundMessage reminder = OutboundMessage.pending(
                invitation.practiceId(),
                invitation.id(),
                MessageKind.INVITATION_REMINDER_EMAIL,
                invitation.invitee().email().value(),
                invitation.tokenNonce(),
                now,
                messageIdDomain);
        OutboxPacing.pace(storage.outbox(), practice, List.of(reminder), now).forEach(storage.outbox()::insert);
        storage.audit()
                .append(AuditEvent.of(AuditAction.INVITATION_REMINDED, "system", now)
                        .practice(invitation.practiceId())
                        .patient(invitation.patient().id())
                        .invitation(invitation.id())
                        .detail("expiresAt", invitation.expiresAt())
                        .build());
        events.publishAfterCommit(new PortalEvent.InvitationReminded(
                invitation.id(), invitation.practiceId(), invitation.patient().id(), now));
    }

    /**
     * Purges the token digests of invitations that expired or were revoked longer ago than
     * {@link MaintenancePolicy#closedTokenRetention()}; the rows stay for history.
     *
     * @return how many digests this call purged
     */
    public int purgeClosedTokenDigests() {
        int total = 0;
        for (int batch = 0; batch < policy.maxBatches(); batch++) {
            Instant now = clock.instant();
            int purged = storage.transactions().inTransaction(() -> {
                int n = storage.invitations()
                        .purgeClosedTokenDigests(now.minus(policy.closedTokenRetention()), now, policy.batchSize());
                if (n > 0) {
                    storage.audit()
                            .append(AuditEvent.of(AuditAction.INVITATION_TOKEN_PURGED, "system", now)
                                    .detail("count", n)
                                    .detail("closedBefore", now.minus(policy.closedTokenRetention()))
                                    .build());
                }
                return n;
            });
            total += purged;
            if (purged < policy.batchSize()) {
                break;
            }
        }
        return total;
    }

    /**
     * Deletes password-reset requests whose link expired longer ago than
     * {@link MaintenancePolicy#resetRetention()}.
     *
     * @return how many this call deleted
     */
    public int purgeExpiredResets() {
        int total = 0;
        for (int batch = 0; batch < policy.maxBatches(); batch++) {
            Instant now = clock.instant();
            int purged = storage.transactions()
                    .inTransaction(() -> storage.passwordResets()
                            .purgeExpired(now.minus(policy.resetRetention()), policy.batchSize()));
            total += purged;
            if (purged < policy.batchSize()) {
                break;
            }
        }
        return total;
    }
}
