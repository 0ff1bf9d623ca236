package io.portalinvite.delivery;

import io.portalinvite.PortalStorage;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditOutcome;
import io.portalinvite.common.PracticeId;
import io.portalinvite.event.EventPublisher;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.InvitationStatus;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.reset.PasswordResetRequest;
import io.portalinvite.reset.PasswordResetStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.token.InvitationTokens;
import io.portalinvite.token.PasswordResetTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's messages after their transaction committed.
 *
 * <p>Each pass claims a batch of due messages under a lease (in its own short transaction), sends
 * each one outside any transaction, then records the result under the claim. Several dispatchers —
 * threads or nodes — can run at once against the same store; a dispatcher that dies leaves its
 * claims to lapse and another picks the messages up. Delivery is therefore at least once: after a
 * crash between sending and recording, a message can be sent again, with the same Message-ID.
 *
 * <p>Before sending, a message is checked against its invitation: a message of a revoked, accepted
 * or expired invitation, or of a link replaced by a resend, is cancelled instead. An SMS notice
 * waits until its email was sent, because it tells the invitee that the email has arrived.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final PortalStorage storage;
    private final SettingsService settings;
    private final InvitationTokens tokens;
    private final MessageComposer composer;
    private final EmailSender emailSender;
    private final @Nullable SmsSender smsSender;
    private final EmailAddress defaultFrom;
    private final RetryPolicy retry;
    private final Clock clock;
    private final EventPublisher events;
    private final Duration lease;
    private final int batchSize;
    private final Duration smsWaitForEmail;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * Creates a dispatcher. Usually built by {@link io.portalinvite.PortalInvite}.
     *
     * @param storage the stores
     * @param settings practices' settings
     * @param tokens derives each email's token at send time
     * @param composer writes the messages
     * @param emailSender sends email
     * @param smsSender sends SMS, or null when the host sends none
     * @param defaultFrom From address for practices that set none
     * @param retry when to retry failed sends
     * @param clock the clock
     * @param events the host's listeners
     * @param lease how long a claim holds a message; longer than the slowest send
     * @param batchSize messages claimed per pass
     * @param resetTokens derives each password-reset email's token at send time
     */
    public OutboxDispatcher(
            PortalStorage storage,
            SettingsService settings,
            InvitationTokens tokens,
            MessageComposer composer,
            EmailSender emailSender,
            @Nullable SmsSender smsSender,
            EmailAddress defaultFrom,
            RetryPolicy retry,
            Clock clock,
            EventPublisher events,
            Duration lease,
            int batchSize,
            PasswordResetTokens resetTokens) {
        if (batchSize < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("batchSize must be at least 1 and lease positive");
        }
        this.storage = storage;
        this.settings = settings;
        this.tokens = tokens;
        this.composer = composer;
        this.emailSender = Objects.requireNonNull(emailSender, "emailSender");
        this.smsSender = smsSender;
        this.defaultFrom = defaultFrom;
        this.retry = retry;
        this.clock = clock;
        this.events = events;
        this.lease = lease;
        this.batchSize = batchSize;
        this.smsWaitForEmail = Duration.ofSeconds(30);
        this.resetTokens = resetTokens;
    }

    /**
     * Runs one pass: claims up to one batch of due messages and handles each, then tells the senders
     * the batch is over (an SMTP sender closes its connection).
     *
     * @return how many messages were handled (sent, retried, failed or cancelled)
     */
    public int dispatchOnce() {
        try {
            return pass();
        } finally {
            finishBatch();
        }
    }

    /**
     * Runs passes until nothing is due, keeping the senders' connections open across them, then
     * tells the senders the batch is over. Handy for tests, demos and a host's own scheduler.
     *
     * @return how many messages were handled in all
     */
    public int drain() {
        int total = 0;
        try {
            int handled;
            do {
                handled = pass();
                total += handled;
            } while (handled > 0);
        } finally {
            finishBatch();
        }
        return total;
    }

    private int pass() {
        String claimId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        List<OutboundMessage> claimed = storage.transactions()
                .inTransaction(() -> storage.outbox().claimDue(now, batchSize, claimId, now.plus(lease)));
        Map<PracticeId, PortalSettings> practices = new HashMap<>();
        for (OutboundMessage message : claimed) {
            try {
                handle(message, claimId, practices.computeIfAbsent(message.practiceId(), settings::get));
            } catch (RuntimeException e) {
                // the claim lapses and another pass retries; never lose the message
                log.error("dispatching outbound message {} failed unexpectedly", message.id(), e);
            }
        }
        return claimed.size();
    }

    /**
     * Starts polling in a background daemon thread.
     *
     * <p>When a pass fails as a whole (the database is unreachable, say), the pause before the next
     * one doubles with each failure in a row, up to {@link #maxBackoff(Duration)}, so an outage of an
     * hour costs a few dozen attempts and log lines rather than one per interval; the first pass that
     * succeeds returns to the normal interval. Messages stay in the outbox meanwhile.
     *
     * @param interval the pause between passes that found nothing to do
     */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("the dispatcher is already running");
        }
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "portal-invite-dispatcher");
            t.setDaemon(true);
            return t;
        });
        // close() cancels the pass waiting for its turn; only a pass already running is let finish
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long intervalMillis = interval.toMillis();
        long maxBackoffMillis = maxBackoff(interval).toMillis();
        Runnable[] loop = new Runnable[1];
        int[] failuresInARow = new int[1];
        loop[0] = () -> {
            long delay = intervalMillis;
            try {
                drain();
                failuresInARow[0] = 0;
            } catch (RuntimeException e) {
                failuresInARow[0]++;
                delay = backoff(intervalMillis, maxBackoffMillis, failuresInARow[0]);
                log.warn("dispatcher pass failed ({} in a row); next try in {} ms", failuresInARow[0], delay, e);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Error e) {
                // an Error escaping would end the loop for good and leave messages unsent;
                // the claims of the failed pass lapse and the next pass picks the messages up
                failuresInARow[0]++;
                delay = backoff(intervalMillis, maxBackoffMillis, failuresInARow[0]);
                log.error("dispatcher pass failed with an error; will try again", e);
            }
            try {
                s.schedule(loop[0], delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // close() was called: the loop ends here
            }
        };
        s.schedule(loop[0], 0, TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    /**
     * The longest pause between failed background passes: 32 intervals, but no more than a minute
     * (and never less than one interval), so delivery resumes soon after the outage ends.
     *
     * @param interval the normal pause between passes
     * @return the cap on the back-off
     */
    static Duration maxBackoff(Duration interval) {
        Duration cap = interval.multipliedBy(32);
        Duration minute = Duration.ofMinutes(1);
        return cap.compareTo(minute) > 0 ? (interval.compareTo(minute) > 0 ? interval : minute) : cap;
    }

    /** The pause after {@code failures} failed passes in a row: the interval doubled each time, capped. */
    static long backoff(long intervalMillis, long maxMillis, int failures) {
        long delay = intervalMillis;
        for (int i = 0; i < failures && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(Math.max(delay, intervalMillis), Math.max(maxMillis, intervalMillis));
    }

    /** Stops the background polling started by {@link #start}, letting a pass in progress finish. */
    @Override
    public synchronized void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(OutboundMessage message, String claimId, PortalSettings practice) {
        Instant now = clock.instant();
        if (lateForPacedSlot(message, claimId, practice, now)) {
            return;
        }
        if (message.kind() == MessageKind.PASSWORD_RESET_EMAIL) {
            handleReset(message, claimId, practice, now);
            return;
        }
        Optional<Invitation> found = storage.invitations().findById(message.invitationId());
        String reason = cancellationReason(message, found, practice, now);
        if (reason != null) {
            record(message.cancelled(reason), claimId, found.orElse(null), null);
            return;
        }
        Invitation invitation = found.orElseThrow();
        if (message.kind() == MessageKind.INVITATION_SMS_NOTICE) {
            MessageStatus email = siblingEmailStatus(message);
            if (email == MessageStatus.PENDING) {
                record(message.postponed(now.plus(smsWaitForEmail)), claimId, invitation, null);
                return;
            }
            if (email != MessageStatus.SENT) {
                record(message.cancelled("the invitation email was not sent"), claimId, invitation, null);
                return;
            }
            if (smsSender == null) {
                record(message.failed("no SMS sender is configured", false), claimId, invitation, null);
                return;
            }
        }
        OutboundMessage outcome;
        try {
            send(message, invitation, practice);
            outcome = message.sent(clock.instant());
        } catch (DeliveryException e) {
            outcome = afterFailure(message, describe(e), e.permanent());
            if (outcome.status() == MessageStatus.PENDING && e.retryAfter().isPresent()) {
                Instant asked = clock.instant().plus(e.retryAfter().get());
                if (asked.isAfter(outcome.nextAttemptAt())) {
                    outcome = message.retryAt(asked, describe(e));
                }
            }
        } catch (RuntimeException e) {
            outcome = afterFailure(message, describe(e), false);
        }
        record(outcome, claimId, invitation, outcome.status() == MessageStatus.PENDING ? outcome.lastError() : null);
    }

    private void finishBatch() {
        try {
            emailSender.batchFinished();
            if (smsSender != null) {
                smsSender.batchFinished();
            }
        } catch (RuntimeException e) {
            log.warn("a sender failed to close its batch", e);
        }
    }

    private @Nullable String cancellationReason(
            OutboundMessage message, Optional<Invitation> invitation, PortalSettings practice, Instant now) {
        if (invitation.isEmpty()) {
            return "the invitation no longer exists";
        }
        Invitation inv = invitation.get();
        if (!practice.enabled()) {
            return "the practice disabled the portal";
        }
        if (!inv.tokenNonce().equals(message.tokenNonce())) {
            return "superseded by a newer link";
        }
        if (!inv.isUsable(now)) {
            return "the invitation is " + inv.effectiveStatus(now).name().toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    private MessageStatus siblingEmailStatus(OutboundMessage sms) {
        return storage.outbox().findByInvitation(sms.invitationId()).stream()
                .filter(m -> m.kind() == MessageKind.INVITATION_EMAIL
                        && m.tokenNonce().equals(sms.tokenNonce()))
                .map(OutboundMessage::status)
                .findFirst()
                .orElse(MessageStatus.CANCELLED);
    }

    private void send(OutboundMessage message, Invitation invitation, PortalSettings practice) {
        switch (message.kind()) {
            case INVITATION_EMAIL ->
                emailSender.send(composer.invitationEmail(
                        message,
                        invitation,
                        practice,
                        tokens.derive(invitation.id().value(), message.tokenNonce()),
                        defaultFrom));
            case INVITATION_SMS_NOTICE ->
                Objects.requireNonNull(smsSender).send(composer.smsNotice(message, invitation, practice));
            case INVITATION_REMINDER_EMAIL ->
                emailSender.send(composer.reminderEmail(
                        message,
                        invitation,
                        practice,
                        tokens.derive(invitation.id().value(), message.tokenNonce()),
                        defaultFrom));
            case PASSWORD_RESET_EMAIL -> throw new IllegalStateException("reset emails are sent by handleReset");
        }
    }

    private OutboundMessage afterFailure(OutboundMessage message, String error, boolean permanent) {
        int attempts = message.attempts() + 1;
        if (permanent || !retry.shouldRetry(attempts)) {
            return message.failed(error, true);
        }
        return message.retryAt(
                retry.nextAttempt(attempts, clock.instant(), ThreadLocalRandom.current()::nextDouble), error);
    }

    private void record(
            OutboundMessage outcome, String claimId, @Nullable Invitation invitation, @Nullable String deferredError) {
        Instant now = clock.instant();
        storage.transactions().inTransaction(() -> {
            logOutcome(outcome);
            if (!storage.outbox().complete(outcome, claimId)) {
                log.info(
                        "claim on outbound message {} lapsed before its result was recorded; another "
                                + "dispatcher owns it now",
                        outcome.id());
                return;
            }
            if (invitation == null) {
                return;
            }
            AuditAction action = switch (outcome.status()) {
                case SENT -> AuditAction.DELIVERY_SENT;
                case FAILED -> AuditAction.DELIVERY_FAILED;
                case PENDING -> deferredError == null ? null : AuditAction.DELIVERY_DEFERRED;
                case CANCELLED -> null;
            };
            if (action == null) {
                return;
            }
            storage.audit()
                    .append(AuditEvent.of(action, "system", now)
                            .practice(invitation.practiceId())
                            .patient(invitation.patient().id())
                            .invitation(invitation.id())
                            .channel(outcome.channel())
                            .outcome(
                                    outcome.status() == MessageStatus.SENT
                                            ? AuditOutcome.SUCCESS
                                            : AuditOutcome.FAILURE)
                            .detail("attempt", outcome.attempts())
                            .detail("messageId", outcome.id())
                            .build());
            if (outcome.status() == MessageStatus.SENT) {
                if (outcome.kind() == MessageKind.INVITATION_EMAIL) {
                    moveInvitation(outcome, InvitationStatus.SENT, now);
                }
                events.publishAfterCommit(new PortalEvent.MessageSent(
                        invitation.id(),
                        invitation.practiceId(),
                        invitation.patient().id(),
                        outcome.channel(),
                        now));
            } else if (outcome.status() == MessageStatus.FAILED) {
                if (outcome.kind() == MessageKind.INVITATION_EMAIL) {
                    moveInvitation(outcome, InvitationStatus.DELIVERY_FAILED, now);
                    cancelNotices(outcome, now);
                }
                events.publishAfterCommit(new PortalEvent.MessageFailed(
                        invitation.id(),
                        invitation.practiceId(),
                        invitation.patient().id(),
                        outcome.channel(),
                        String.valueOf(outcome.lastError()),
                        now));
            }
        });
    }

    private static void logOutcome(OutboundMessage outcome) {
        switch (outcome.status()) {
            case SENT -> log.debug("sent {} {} (attempt {})", outcome.kind(), outcome.id(), outcome.attempts());
            case PENDING -> {
                if (outcome.lastError() != null) {
                    log.warn(
                            "sending {} {} failed (attempt {}), retrying at {}: {}",
                            outcome.kind(),
                            outcome.id(),
                            outcome.attempts(),
                            outcome.nextAttemptAt(),
                            outcome.lastError());
                }
            }
            case FAILED ->
                log.error(
                        "sending {} {} failed for good after {} attempts: {}",
                        outcome.kind(),
                        outcome.id(),
                        outcome.attempts(),
                        outcome.lastError());
            case CANCELLED -> log.debug("cancelled {} {}: {}", outcome.kind(), outcome.id(), outcome.lastError());
        }
    }

    /** An SMS notice says "we emailed you": withdraw it when its email will never go. */
    private void cancelNotices(OutboundMessage failedEmail, Instant now) {
        for (OutboundMessage m : storage.outbox().findByInvitation(failedEmail.invitationId())) {
            if (m.kind() == MessageKind.INVITATION_SMS_NOTICE
                    && m.status() == MessageStatus.PENDING
                    && m.tokenNonce().equals(failedEmail.tokenNonce())) {
                storage.outbox().cancel(m.id(), "the invitation email was not sent", now);
            }
        }
    }

    /** Moves the invitation to a delivery status if it is still open on the same link. */
    private void moveInvitation(OutboundMessage message, InvitationStatus status, Instant now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Invitation> current = storage.invitations().findById(message.invitationId());
            if (current.isEmpty()) {
                return;
            }
            Invitation inv = current.get();
            if (!inv.status().isOpen() || !inv.tokenNonce().equals(message.tokenNonce()) || inv.status() == status) {
                return;
            }
            if (storage.invitations().update(inv.withDeliveryStatus(status, now))) {
                return;
            }
        }
        log.warn(
                "could not record delivery status {} on invitation {} after repeated concurrent changes",
                status,
                message.invitationId());
    }

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.replaceAll("[\\p{Cntrl}]", " ");
    }

    // --- issue 7: password-reset emails and pacing ---------------------------------------------

    private final PasswordResetTokens resetTokens;

    /**
     * Sends a password-reset email if its request is still open on the same link; cancels it
     * otherwise. Reset emails carry no invitation, so they leave no delivery audit entry on one.
     */
    private void handleReset(OutboundMessage message, String claimId, PortalSettings practice, Instant now) {
        Optional<PasswordResetRequest> found =
                storage.passwordResets().findById(message.invitationId().value());
        String reason = null;
        if (found.isEmpty()) {
            reason = "the reset request no longer exists";
        } else if (!practice.enabled()) {
            reason = "the practice disabled the portal";
        } else if (!found.get().tokenNonce().equals(message.tokenNonce())) {
            reason = "superseded by a newer link";
        } else if (!found.get().isUsable(now)) {
            reason = "the reset link is "
                    + (found.get().status() == PasswordResetStatus.OPEN
                            ? "expired"
                            : found.get().status().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (reason != null) {
            record(message.cancelled(reason), claimId, null, null);
            return;
        }
        PasswordResetRequest reset = found.get();
        OutboundMessage outcome;
        try {
            emailSender.send(composer.passwordResetEmail(
                    message,
                    practice,
                    resetTokens.derive(reset.id(), reset.tokenNonce()),
                    reset.expiresAt(),
                    defaultFrom));
            outcome = message.sent(clock.instant());
        } catch (DeliveryException e) {
            outcome = afterFailure(message, describe(e), e.permanent());
        } catch (RuntimeException e) {
            outcome = afterFailure(message, describe(e), e instanceof UnsupportedOperationException);
        }
        record(outcome, claimId, null, null);
    }

    /**
     * A paced practice's first attempt more than {@link OutboxPacing#LATE_SLOT_GRACE} after its slot
     * (dispatchers were stopped, say) takes a new slot rather than going out with the whole overdue
     * backlog at once. Returns true when the message was put back for its new slot.
     */
    private boolean lateForPacedSlot(OutboundMessage message, String claimId, PortalSettings practice, Instant now) {
        if (!practice.paced()
                || message.attempts() > 0
                || !now.isAfter(message.nextAttemptAt().plus(OutboxPacing.LATE_SLOT_GRACE))) {
            return false;
        }
        return storage.transactions().inTransaction(() -> {
            Instant slot = storage.outbox()
                    .reserveSendSlots(
                            practice.practiceId(), message.channel(), 1, now, OutboxPacing.interval(practice));
            if (!slot.isAfter(now)) {
                return false;
            }
            storage.outbox().complete(message.postponed(slot), claimId);
            log.debug("paced message {} was overdue; moved to a new slot at {}", message.id(), slot);
            return true;
        });
    }
}
