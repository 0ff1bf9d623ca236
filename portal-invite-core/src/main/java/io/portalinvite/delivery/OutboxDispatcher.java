package io.portalinvite.delivery;

import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>The dispatcher knows message kinds only through their {@link MessageHandler}s: before sending,
 * the handler of the message's kind says whether it is still wanted (a message of a revoked
 * invitation, or of a link replaced by a resend, is cancelled instead) and composes it; once the
 * outcome is stored, the handler records what it means for its subject.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final TransactionRunner tx;
    private final OutboxStore outbox;
    private final SettingsService settings;
    private final Map<MessageKind, MessageHandler<?>> handlers = new EnumMap<>(MessageKind.class);
    private final EmailSender emailSender;
    private final @Nullable SmsSender smsSender;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration lease;
    private final int batchSize;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * Creates a dispatcher. Usually built by {@link io.portalinvite.PortalInvite}.
     *
     * @param tx the transaction boundary the outbox joins
     * @param outbox the outbox
     * @param settings practices' settings
     * @param handlers one handler for each message kind
     * @param emailSender sends email
     * @param smsSender sends SMS, or null when the host sends none
     * @param retry when to retry failed sends
     * @param clock the clock
     * @param lease how long a claim holds a message; longer than the slowest send
     * @param batchSize messages claimed per pass
     */
    public OutboxDispatcher(
            TransactionRunner tx,
            OutboxStore outbox,
            SettingsService settings,
            List<? extends MessageHandler<?>> handlers,
            EmailSender emailSender,
            @Nullable SmsSender smsSender,
            RetryPolicy retry,
            Clock clock,
            Duration lease,
            int batchSize) {
        if (batchSize < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("batchSize must be at least 1 and lease positive");
        }
        this.tx = tx;
        this.outbox = outbox;
        this.settings = settings;
        for (MessageHandler<?> handler : handlers) {
            for (MessageKind kind : handler.kinds()) {
                if (this.handlers.put(kind, handler) != null) {
                    throw new IllegalArgumentException("two handlers for " + kind);
                }
            }
        }
        for (MessageKind kind : MessageKind.values()) {
            if (!this.handlers.containsKey(kind)) {
                throw new IllegalArgumentException("no handler for " + kind);
            }
        }
        this.emailSender = Objects.requireNonNull(emailSender, "emailSender");
        this.smsSender = smsSender;
        this.retry = retry;
        this.clock = clock;
        this.lease = lease;
        this.batchSize = batchSize;
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
        List<OutboundMessage> claimed =
                tx.inTransaction(() -> outbox.claimDue(now, batchSize, claimId, now.plus(lease)));
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
        handle(Objects.requireNonNull(handlers.get(message.kind())), message, claimId, practice, now);
    }

    private <S> void handle(
            MessageHandler<S> handler, OutboundMessage message, String claimId, PortalSettings practice, Instant now) {
        if (!practice.enabled()) {
            record(message.cancelled("the practice disabled the portal"), claimId, handler, null, false);
            return;
        }
        MessageHandler.Preparation<S> preparation;
        try {
            preparation = handler.prepare(message, practice, now);
        } catch (UnsupportedOperationException e) {
            // a composer that does not write this kind never will: fail the message for good
            record(message.failed(describe(e), true), claimId, handler, null, false);
            return;
        } catch (RuntimeException e) {
            // composing failed: count it as a failed attempt, as a failed send is
            OutboundMessage outcome = afterFailure(message, describe(e), false);
            record(outcome, claimId, handler, null, outcome.status() == MessageStatus.PENDING);
            return;
        }
        if (preparation instanceof MessageHandler.Cancel<S> c) {
            record(message.cancelled(c.reason()), claimId, handler, null, false);
        } else if (preparation instanceof MessageHandler.Postpone<S> p) {
            record(message.postponed(p.until()), claimId, handler, null, false);
        } else if (preparation instanceof MessageHandler.SendEmail<S> e) {
            send(message, claimId, handler, e.subject(), () -> emailSender.send(e.email()));
        } else if (preparation instanceof MessageHandler.SendSms<S> sms) {
            SmsSender sender = smsSender;
            if (sender == null) {
                record(message.failed("no SMS sender is configured", false), claimId, handler, sms.subject(), false);
            } else {
                send(message, claimId, handler, sms.subject(), () -> sender.send(sms.sms()));
            }
        }
    }

    private <S> void send(
            OutboundMessage message, String claimId, MessageHandler<S> handler, S subject, Runnable sending) {
        OutboundMessage outcome;
        try {
            sending.run();
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
        boolean retry = outcome.status() == MessageStatus.PENDING && outcome.lastError() != null;
        record(outcome, claimId, handler, subject, retry);
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

    private OutboundMessage afterFailure(OutboundMessage message, String error, boolean permanent) {
        int attempts = message.attempts() + 1;
        if (permanent || !retry.shouldRetry(attempts)) {
            return message.failed(error, true);
        }
        return message.retryAt(
                retry.nextAttempt(attempts, clock.instant(), ThreadLocalRandom.current()::nextDouble), error);
    }

    private <S> void record(
            OutboundMessage outcome,
            String claimId,
            MessageHandler<S> handler,
            @Nullable S subject,
            boolean retryScheduled) {
        Instant now = clock.instant();
        tx.inTransaction(() -> {
            logOutcome(outcome);
            if (!outbox.complete(outcome, claimId)) {
                log.info(
                        "claim on outbound message {} lapsed before its result was recorded; another "
                                + "dispatcher owns it now",
                        outcome.id());
                return;
            }
            handler.recorded(outcome, subject, retryScheduled, now);
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

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.replaceAll("[\\p{Cntrl}]", " ");
    }

    /**
     * A paced practice's first attempt more than {@link OutboxPacing#LATE_SLOT_GRACE} after its slot
     * (dispatchers were stopped, say) takes a new slot rather than going out with the whole overdue
     * backlog at once. Returns true when the message was put back for its new slot.
     */
    private boolean lateForPacedSlot(OutboundMessage message, String claimId, PortalSettings practice, Instant now) {
        if (!practice.delivery().paced()
                || message.attempts() > 0
                || !now.isAfter(message.nextAttemptAt().plus(OutboxPacing.LATE_SLOT_GRACE))) {
            return false;
        }
        return tx.inTransaction(() -> {
            Instant slot = outbox.reserveSendSlots(
                    practice.practiceId(), message.channel(), 1, now, OutboxPacing.interval(practice));
            if (!slot.isAfter(now)) {
                return false;
            }
            outbox.complete(message.postponed(slot), claimId);
            log.debug("paced message {} was overdue; moved to a new slot at {}", message.id(), slot);
            return true;
        });
    }
}
