package io.portalinvite.maintenance;

import io.portalinvite.account.AccessService;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditService;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationLifecycle;
import io.portalinvite.invitation.InvitationStore;
import io.portalinvite.reset.PasswordResetStore;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.throttle.SignInBudgets;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
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
 * {@link InvitationStore#markReminded}), so an invitation is expired once
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

    /** How often one node reviews access grants and purges the audit trail. */
    public static final Duration GRANT_REVIEW_INTERVAL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(MaintenanceService.class);

    private final TransactionRunner tx;
    private final InvitationStore invitations;
    private final AuditStore auditStore;
    private final PasswordResetStore resets;
    private final SettingsService settings;
    private final InvitationLifecycle lifecycle;
    private final AccessService access;
    private final AuditService audit;
    private final SignInBudgets budgets;
    private final MaintenancePolicy policy;
    private final Clock clock;
    private final AtomicReference<Instant> lastReview = new AtomicReference<>();

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary every store joins
     * @param invitations the invitation store
     * @param auditStore the audit store
     * @param resets the password-reset request store
     * @param settings practices' settings
     * @param lifecycle expires invitations and queues their reminders
     * @param access the access-grant review (age rules, end dates)
     * @param audit the audit trail's retention purge
     * @param budgets the sign-in budgets, purged of those full again
     * @param policy batch sizes and retention
     * @param clock the clock
     */
    public MaintenanceService(
            TransactionRunner tx,
            InvitationStore invitations,
            AuditStore auditStore,
            PasswordResetStore resets,
            SettingsService settings,
            InvitationLifecycle lifecycle,
            AccessService access,
            AuditService audit,
            SignInBudgets budgets,
            MaintenancePolicy policy,
            Clock clock) {
        this.tx = tx;
        this.invitations = invitations;
        this.auditStore = auditStore;
        this.resets = resets;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.access = access;
        this.audit = audit;
        this.budgets = budgets;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Runs every step once: expiry, reminders, digest purge, reset purge, and — hourly per node — the
     * access-grant review and the audit retention purge.
     *
     * @return what was done
     */
    public MaintenanceReport sweep() {
        int expired = expireDue();
        int reminded = sendReminders();
        int purged = purgeClosedTokenDigests();
        int resets = purgeExpiredResets();
        int ended = 0;
        int reduced = 0;
        int auditPurged = 0;
        int budgetsPurged = 0;
        Instant now = clock.instant();
        Instant last = lastReview.get();
        if ((last == null || !now.isBefore(last.plus(GRANT_REVIEW_INTERVAL))) && lastReview.compareAndSet(last, now)) {
            AccessService.AccessReview grants = access.applyAgeRulesAndEndDates();
            ended = grants.ended();
            reduced = grants.reduced();
            auditPurged = audit.purgeExpired();
            budgetsPurged = purgeFullSignInBudgets();
        }
        if (expired + reminded + purged + resets + ended + reduced + auditPurged + budgetsPurged > 0) {
            log.info(
                    "maintenance sweep: {} expired, {} reminders queued, {} token digests purged, {} reset "
                            + "requests purged, {} access grants ended, {} reduced, {} audit entries purged, {} sign-in "
                            + "budgets purged",
                    expired,
                    reminded,
                    purged,
                    resets,
                    ended,
                    reduced,
                    auditPurged,
                    budgetsPurged);
        }
        return new MaintenanceReport(expired, reminded, purged, resets, ended, reduced, auditPurged, budgetsPurged);
    }

    /**
     * Deletes sign-in budgets that are full again (per client address and per device, keyed by
     * digests): without it every address that ever tried to sign in would keep a row.
     *
     * @return how many were deleted by this call
     */
    public int purgeFullSignInBudgets() {
        int total = 0;
        for (int batch = 0; batch < policy.maxBatches(); batch++) {
            int deleted = budgets.purgeFull(clock.instant(), policy.batchSize());
            total += deleted;
            if (deleted < policy.batchSize()) {
                break;
            }
        }
        return total;
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
            int found = tx.inTransaction(() -> {
                List<Invitation> due = invitations.findExpiredOpen(now, policy.batchSize());
                for (Invitation invitation : due) {
                    if (lifecycle.expire(invitation, now)) {
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

    /**
     * Queues one reminder for each SENT invitation that expires within its practice's
     * {@link PortalSettings#reminderBefore()} and whose current link was not reminded of yet.
     * Practices with reminders off, or with the portal disabled, are skipped.
     *
     * @return how many reminders this call queued
     */
    public int sendReminders() {
        int total = 0;
        for (PracticeId practiceId : tx.inTransaction(() -> invitations.findPracticesWithSentInvitations())) {
            PortalSettings practice = settings.get(practiceId);
            if (!practice.enabled() || practice.links().reminderBefore().isZero()) {
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
            int found = tx.inTransaction(() -> {
                List<Invitation> due = invitations.findReminderDue(
                        practice.practiceId(), now, now.plus(practice.links().reminderBefore()), policy.batchSize());
                for (Invitation invitation : due) {
                    if (lifecycle.remind(practice, invitation, now)) {
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
            int purged = tx.inTransaction(() -> {
                int n = invitations.purgeClosedTokenDigests(
                        now.minus(policy.closedTokenRetention()), now, policy.batchSize());
                if (n > 0) {
                    auditStore.append(AuditEvent.of(AuditAction.INVITATION_TOKEN_PURGED, Actor.SYSTEM, now)
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
            int purged =
                    tx.inTransaction(() -> resets.purgeExpired(now.minus(policy.resetRetention()), policy.batchSize()));
            total += purged;
            if (purged < policy.batchSize()) {
                break;
            }
        }
        return total;
    }

    /**
     * What one maintenance sweep did.
     *
     * @param expired invitations marked EXPIRED
     * @param reminded reminder emails queued
     * @param purgedTokenDigests closed invitations whose token digest was purged
     * @param purgedResets expired password-reset requests deleted
     * @param accessEnded access grants whose end (end date or age rule) was recorded
     * @param accessReduced parental grants reduced to limited access by an age rule
     * @param auditPurged audit entries deleted after the retention period
     * @param signInBudgetsPurged sign-in budgets deleted because they were full again
     */
    public record MaintenanceReport(
            int expired,
            int reminded,
            int purgedTokenDigests,
            int purgedResets,
            int accessEnded,
            int accessReduced,
            int auditPurged,
            int signInBudgetsPurged) {

        /**
         * A result of the invitation steps only.
         *
         * @param expired invitations marked EXPIRED
         * @param reminded reminder emails queued
         * @param purgedTokenDigests closed invitations whose token digest was purged
         * @param purgedResets expired password-reset requests deleted
         */
        public MaintenanceReport(int expired, int reminded, int purgedTokenDigests, int purgedResets) {
            this(expired, reminded, purgedTokenDigests, purgedResets, 0, 0, 0, 0);
        }
    }

    /**
     * Library-wide rules of the maintenance sweep.
     *
     * @param batchSize rows handled per transaction (1 to 5 000; default 500)
     * @param maxBatches batches per step and sweep, so one sweep stays bounded (default 100); what is
     *     left is handled by the next sweep
     * @param closedTokenRetention how long after an invitation expired or was revoked its token digest
     *     is kept before being purged (default 30 days; zero purges at the next sweep). The token stops
     *     working when the invitation closes; the digest is kept a while only so that support can tell
     *     "expired link" from "unknown link"
     * @param resetRetention how long after a password-reset link expired its request is kept (default 7
     *     days)
     */
    public record MaintenancePolicy(
            int batchSize, int maxBatches, Duration closedTokenRetention, Duration resetRetention) {

        /** Batches of 500, at most 100 per step, digests kept 30 days, reset requests 7 days. */
        public static final MaintenancePolicy DEFAULT =
                new MaintenancePolicy(500, 100, Duration.ofDays(30), Duration.ofDays(7));

        /** Checks ranges. */
        public MaintenancePolicy {
            Objects.requireNonNull(closedTokenRetention, "closedTokenRetention");
            Objects.requireNonNull(resetRetention, "resetRetention");
            if (batchSize < 1 || batchSize > 5_000) {
                throw new ValidationException("maintenance.batchSize", "range", "must be between 1 and 5000");
            }
            if (maxBatches < 1) {
                throw new ValidationException("maintenance.maxBatches", "range", "must be at least 1");
            }
            if (closedTokenRetention.isNegative() || resetRetention.isNegative()) {
                throw new ValidationException("maintenance.retention", "range", "must not be negative");
            }
        }
    }
}
