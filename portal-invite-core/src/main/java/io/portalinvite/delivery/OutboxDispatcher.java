package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's messages after their transaction committed.
 *
 * <p>Each pass claims a batch of due messages under a lease (in its own short transaction) and sends
 * each one outside any transaction; the results are recorded under the claim in batches, by a
 * recorder thread, while the next messages are sent (see {@code docs/outbox-delivery.md}). Several
 * dispatchers — threads or nodes — can run at once against the same store; the leases of messages
 * a dispatcher still holds are renewed while it works, and a dispatcher that dies leaves its claims
 * to lapse so another picks the messages up. Delivery is therefore at least once: after a crash
 * between sending and recording, at most one result batch is sent again, with the same Message-ID,
 * and recorded as sent again.
 *
 * <p>A transport that cannot be reached ({@link DeliveryException.Kind#TRANSPORT_UNREACHABLE})
 * stops the batch for its channel: the message and the rest of that channel's batch are handed back
 * without counting an attempt, and the channel is tried again after a short pause (doubling up to
 * the longest probe pause), with one log line when it goes away and one when it is back.
 * Failures that are not the transport's never count as delivery attempts: a database failure ends
 * the run (one log line per change, see the background loop), and a message whose composition failed
 * is put back for later with its attempts unchanged.
 *
 * <p>The dispatcher knows message kinds only through their {@link MessageHandler}s: before sending,
 * the handler of the message's kind says whether it is still wanted (a message of a revoked
 * invitation, or of a link replaced by a resend, is cancelled instead) and composes it; once the
 * outcome is stored, the handler records what it means for its subject.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final AtomicInteger RECORDER_THREADS = new AtomicInteger();

    private final TransactionRunner tx;
    private final OutboxStore outbox;
    private final SettingsService settings;
    private final Map<MessageKind, MessageHandler<?>> handlers = new EnumMap<>(MessageKind.class);
    private final EmailSender emailSender;
    private final @Nullable SmsSender smsSender;
    private final RetryPolicy retry;
    private final Clock clock;
    private final DispatchSettings tuning;
    private final StoreHealth storeHealth;
    private final Map<Channel, TransportHealth> transports = new EnumMap<>(Channel.class);
    private final ExecutorService recorders;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * Creates a dispatcher with the default {@link DispatchSettings} but the given lease and claim
     * batch size. Usually built by {@link io.portalinvite.PortalInvite}.
     *
     * @param tx the transaction boundary the outbox joins
     * @param outbox the outbox
     * @param settings practices' settings
     * @param handlers one handler for each message kind
     * @param emailSender sends email
     * @param smsSender sends SMS, or null when the host sends none
     * @param retry when to retry failed sends
     * @param clock the clock
     * @param lease how long a claim holds a message before it is renewed or lapses
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
        this(
                tx,
                outbox,
                settings,
                handlers,
                emailSender,
                smsSender,
                retry,
                clock,
                DispatchSettings.DEFAULT.withLease(lease).withClaimBatchSize(batchSize));
    }

    /**
     * Creates a dispatcher with every setting. Usually built by {@link io.portalinvite.PortalInvite}
     * from its builder's settings; see {@code docs/outbox-delivery.md}.
     *
     * @param tx the transaction boundary the outbox joins
     * @param outbox the outbox
     * @param settings practices' settings
     * @param handlers one handler for each message kind
     * @param emailSender sends email
     * @param smsSender sends SMS, or null when the host sends none
     * @param retry when to retry failed sends
     * @param clock the clock
     * @param lease how long a claim holds a message; renewed every third of it while the dispatcher works
     * @param batchSize messages claimed per pass
     * @param emailResultBatch the most email results per transaction, and the most emails held sent but unrecorded
     * @param smsResultBatch the same for SMS
     * @param resultInterval the longest a result waits before it is recorded
     * @param probeInitial the first pause before trying an unreachable transport again
     * @param probeMax the longest pause between tries of an unreachable transport
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
            int batchSize,
            int emailResultBatch,
            int smsResultBatch,
            Duration resultInterval,
            Duration probeInitial,
            Duration probeMax) {
        this(
                tx,
                outbox,
                settings,
                handlers,
                emailSender,
                smsSender,
                retry,
                clock,
                new DispatchSettings(
                        lease, batchSize, emailResultBatch, smsResultBatch, resultInterval, probeInitial, probeMax));
    }

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
     * @param tuning lease, batch sizes and pauses
     */
    OutboxDispatcher(
            TransactionRunner tx,
            OutboxStore outbox,
            SettingsService settings,
            List<? extends MessageHandler<?>> handlers,
            EmailSender emailSender,
            @Nullable SmsSender smsSender,
            RetryPolicy retry,
            Clock clock,
            DispatchSettings tuning) {
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
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.storeHealth = new StoreHealth(clock);
        for (Channel channel : Channel.values()) {
            transports.put(channel, new TransportHealth(channel, clock, tuning));
        }
        // recorder threads live only while a run needs them; daemon, so they never keep a JVM alive
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "portal-invite-recorder-" + RECORDER_THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.recorders = pool;
    }

    /** Returns the settings this dispatcher runs with. */
    DispatchSettings tuning() {
        return tuning;
    }

    /**
     * Runs one pass: claims up to one batch of due messages and handles each, records every result,
     * then tells the senders the batch is over (an SMTP sender closes its connection).
     *
     * @return how many messages were handled (sent, retried, failed, postponed or cancelled; not
     *     those handed back because their transport could not be reached)
     */
    public int dispatchOnce() {
        return run(false);
    }

    /**
     * Runs passes until nothing is due, keeping the senders' connections open across them, records
     * every result, then tells the senders the batch is over. Handy for tests, demos and a host's own
     * scheduler.
     *
     * @return how many messages were handled in all
     */
    public int drain() {
        return run(true);
    }

    private int run(boolean untilEmpty) {
        ResultRecorder recorder = new ResultRecorder(tx, outbox, clock, tuning, storeHealth);
        recorders.execute(recorder);
        int total = 0;
        RuntimeException failed = null;
        try {
            int handled;
            do {
                handled = pass(recorder);
                total += handled;
            } while (untilEmpty && handled > 0);
        } catch (RuntimeException e) {
            failed = e;
        } finally {
            finishBatch();
            try {
                recorder.finish();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else if (failed != e) {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return total;
    }

    private int pass(ResultRecorder recorder) {
        Instant now = clock.instant();
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (TransportHealth t : transports.values()) {
            if (t.mayTry(now)) {
                channels.add(t.channel);
            }
        }
        if (channels.isEmpty()) {
            return 0;
        }
        String claimId = UUID.randomUUID().toString();
        List<OutboundMessage> claimed;
        try {
            claimed = tx.inTransaction(
                    () -> outbox.claimDue(now, tuning.claimBatchSize(), claimId, now.plus(tuning.lease()), channels));
        } catch (RuntimeException e) {
            if (StoreHealth.isStorageFailure(e)) {
                storeHealth.failed(e);
            }
            throw e;
        }
        storeHealth.succeeded();
        if (claimed.isEmpty()) {
            return 0;
        }
        recorder.claimed(claimId, claimed);
        Map<PracticeId, PortalSettings> practices = new HashMap<>();
        Set<Channel> stopped = EnumSet.noneOf(Channel.class);
        List<UUID> handBack = new ArrayList<>();
        int handled = 0;
        for (int i = 0; i < claimed.size(); i++) {
            OutboundMessage message = claimed.get(i);
            if (stopped.contains(message.channel())) {
                handBack.add(message.id());
                continue;
            }
            Step step;
            try {
                if (message.channel() == Channel.SMS && recorder.hasUnrecorded(Channel.EMAIL)) {
                    // an SMS notice waits for its email to be sent: let the emails' results land first
                    recorder.flush();
                }
                recorder.awaitRoom(message.channel());
                PortalSettings practice = practices.computeIfAbsent(message.practiceId(), settings::get);
                step = handle(message, claimId, practice, recorder);
            } catch (RuntimeException e) {
                if (!StoreHealth.isStorageFailure(e)) {
                    // a bug or a faulty host component: the claim lapses and another pass retries
                    log.error("dispatching outbound message {} failed unexpectedly", message.id(), e);
                    continue;
                }
                // the database failed: stop here, hand this message and the rest back unattempted
                storeHealth.failed(e);
                for (int j = i; j < claimed.size(); j++) {
                    handBack.add(claimed.get(j).id());
                }
                recorder.release(claimId, handBack);
                throw e;
            }
            if (step == Step.TRANSPORT_UNREACHABLE) {
                stopped.add(message.channel());
                handBack.add(message.id());
            } else {
                handled++;
            }
        }
        recorder.release(claimId, handBack);
        return handled;
    }

    /** What became of one claimed message. */
    private enum Step {
        /** Its result is queued for recording (or it was recorded already). */
        HANDLED,
        /** Its transport could not be reached: hand it back unattempted. */
        TRANSPORT_UNREACHABLE
    }

    /**
     * Starts polling in a background daemon thread.
     *
     * <p>When a pass fails as a whole (the database is unreachable, say), the pause before the next
     * one doubles with each failure in a row, up to {@link #maxBackoff(Duration)}, so an outage of an
     * hour costs a few dozen attempts rather than one per interval, and one log line when the database
     * goes away and one when it is back; the first pass that succeeds returns to the normal interval.
     * While a transport is unreachable, the next pass comes no later than its next probe. Messages stay
     * in the outbox meanwhile.
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
                delay = Math.min(delay, untilNextProbe());
            } catch (RuntimeException e) {
                failuresInARow[0]++;
                delay = backoff(intervalMillis, maxBackoffMillis, failuresInARow[0]);
                if (!StoreHealth.isStorageFailure(e)) {
                    log.warn("dispatcher pass failed ({} in a row); next try in {} ms", failuresInARow[0], delay, e);
                }
                // a database failure was logged once, when it began
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

    private long untilNextProbe() {
        Instant now = clock.instant();
        long wait = Long.MAX_VALUE;
        for (TransportHealth t : transports.values()) {
            Instant probe = t.nextProbe();
            if (probe != null) {
                wait = Math.min(wait, Math.max(0, Duration.between(now, probe).toMillis()));
            }
        }
        return wait;
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

    private Step handle(OutboundMessage message, String claimId, PortalSettings practice, ResultRecorder recorder) {
        Instant now = clock.instant();
        if (lateForPacedSlot(message, claimId, practice, now)) {
            recorder.forget(claimId, message.id());
            return Step.HANDLED;
        }
        return handle(Objects.requireNonNull(handlers.get(message.kind())), message, claimId, practice, now, recorder);
    }

    private <S> Step handle(
            MessageHandler<S> handler,
            OutboundMessage message,
            String claimId,
            PortalSettings practice,
            Instant now,
            ResultRecorder recorder) {
        if (!practice.enabled()) {
            recorder.add(new Result<>(
                    message.cancelled("the practice disabled the portal"), claimId, handler, null, false, now));
            return Step.HANDLED;
        }
        MessageHandler.Preparation<S> preparation;
        try {
            preparation = handler.prepare(message, practice, now);
        } catch (UnsupportedOperationException e) {
            // a composer that does not write this kind never will: fail the message for good
            recorder.add(new Result<>(message.failed(describe(e), true), claimId, handler, null, false, now));
            return Step.HANDLED;
        } catch (RuntimeException e) {
            if (StoreHealth.isStorageFailure(e)) {
                throw e; // the database failed: not the message's fault, nothing attempted
            }
            // composing failed (a template, the host's composer): not a delivery attempt. Put the
            // message back for later, as a retry would be, but with its attempts unchanged.
            Instant later = retry.nextAttempt(
                    Math.max(1, message.attempts()), clock.instant(), ThreadLocalRandom.current()::nextDouble);
            log.warn(
                    "composing {} {} failed; trying again at {} (no delivery attempt counted): {}",
                    message.kind(),
                    message.id(),
                    later,
                    describe(e));
            recorder.add(new Result<>(message.deferred(later, describe(e)), claimId, handler, null, false, now));
            return Step.HANDLED;
        }
        if (preparation instanceof MessageHandler.Cancel<S> c) {
            recorder.add(new Result<>(message.cancelled(c.reason()), claimId, handler, null, false, now));
        } else if (preparation instanceof MessageHandler.Postpone<S> p) {
            recorder.add(new Result<>(message.postponed(p.until()), claimId, handler, null, false, now));
        } else if (preparation instanceof MessageHandler.SendEmail<S> e) {
            return send(message, claimId, handler, e.subject(), () -> emailSender.send(e.email()), recorder);
        } else if (preparation instanceof MessageHandler.SendSms<S> sms) {
            SmsSender sender = smsSender;
            if (sender == null) {
                recorder.add(new Result<>(
                        message.failed("no SMS sender is configured", false),
                        claimId,
                        handler,
                        sms.subject(),
                        false,
                        now));
            } else {
                return send(message, claimId, handler, sms.subject(), () -> sender.send(sms.sms()), recorder);
            }
        }
        return Step.HANDLED;
    }

    private <S> Step send(
            OutboundMessage message,
            String claimId,
            MessageHandler<S> handler,
            S subject,
            Runnable sending,
            ResultRecorder recorder) {
        TransportHealth transport = Objects.requireNonNull(transports.get(message.channel()));
        OutboundMessage outcome;
        try {
            sending.run();
            outcome = message.sent(clock.instant());
            transport.reached(this::waiting);
        } catch (DeliveryException e) {
            if (e.kind() == DeliveryException.Kind.TRANSPORT_UNREACHABLE) {
                transport.unreachable(describe(e));
                return Step.TRANSPORT_UNREACHABLE;
            }
            transport.reached(this::waiting);
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
        boolean retryScheduled = outcome.status() == MessageStatus.PENDING && outcome.lastError() != null;
        recorder.add(new Result<>(outcome, claimId, handler, subject, retryScheduled, clock.instant()));
        return Step.HANDLED;
    }

    /** How many messages of a channel are due, for the "back" log line; -1 when the count fails. */
    private long waiting(Channel channel) {
        try {
            return tx.inTransaction(() -> outbox.backlog(clock.instant())).due();
        } catch (RuntimeException e) {
            return -1;
        }
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
        int attempts = message.attempts() + (message.previousClaimLapsed() ? 2 : 1);
        if (permanent || !retry.shouldRetry(attempts)) {
            return message.failed(error, true);
        }
        return message.retryAt(
                retry.nextAttempt(attempts, clock.instant(), ThreadLocalRandom.current()::nextDouble), error);
    }

    /** One outcome waiting for the recorder, with what its handler needs to record its consequences. */
    private final class Result<S> implements ResultRecorder.Entry {
        private final OutboundMessage outcome;
        private final String claimId;
        private final MessageHandler<S> handler;
        private final @Nullable S subject;
        private final boolean retryScheduled;
        private final Instant at;

        Result(
                OutboundMessage outcome,
                String claimId,
                MessageHandler<S> handler,
                @Nullable S subject,
                boolean retryScheduled,
                Instant at) {
            this.outcome = outcome;
            this.claimId = claimId;
            this.handler = handler;
            this.subject = subject;
            this.retryScheduled = retryScheduled;
            this.at = at;
        }

        @Override
        public OutboundMessage outcome() {
            return outcome;
        }

        @Override
        public String claimId() {
            return claimId;
        }

        @Override
        public void write() {
            logOutcome(outcome, retryScheduled);
            if (!outbox.complete(outcome, claimId)) {
                log.info(
                        "claim on outbound message {} lapsed before its result was recorded; another "
                                + "dispatcher owns it now",
                        outcome.id());
                return;
            }
            handler.recorded(outcome, subject, retryScheduled, at);
        }
    }

    private static void logOutcome(OutboundMessage outcome, boolean retryScheduled) {
        switch (outcome.status()) {
            case SENT -> log.debug("sent {} {} (attempt {})", outcome.kind(), outcome.id(), outcome.attempts());
            case PENDING -> {
                // a message put back without an attempt (composing failed) was logged when it happened
                if (retryScheduled && outcome.lastError() != null) {
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
        // C0, DEL, C1 (NEL) and the Unicode line and paragraph separators: each would start a new
        // line in a log file or viewer, and this text is logged and shown to staff
        return text.replaceAll("[\\p{Cc}\\u2028\\u2029]", " ");
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
