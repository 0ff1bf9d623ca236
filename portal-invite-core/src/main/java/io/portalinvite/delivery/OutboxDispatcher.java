package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
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
    private final MessageDispatch dispatch;
    private final DispatcherLoop loop;

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
        this.dispatch =
                new MessageDispatch(tx, outbox, this.handlers, this.emailSender, smsSender, retry, clock, transports);
        this.loop = new DispatcherLoop(this::drain, this::untilNextProbe);
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
            claimed = claim(now, claimId, channels);
        } catch (RuntimeException e) {
            if (!StoreHealth.isStorageFailure(e)) {
                throw e;
            }
            if (recorder.hasUnrecorded(Channel.EMAIL) || recorder.hasUnrecorded(Channel.SMS)) {
                // The claim may have run into this run's own recorder: InnoDB locks every row a claim
                // scans, and the recorder's transaction holds rows of the previous batch. Let the
                // recorder finish, then claim once more before calling the database unavailable.
                recorder.flush();
                try {
                    claimed = claim(now, claimId, channels);
                } catch (RuntimeException again) {
                    if (StoreHealth.isStorageFailure(again)) {
                        storeHealth.failed(again);
                    }
                    throw again;
                }
            } else {
                storeHealth.failed(e);
                throw e;
            }
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
            MessageDispatch.Step step;
            try {
                if (message.channel() == Channel.SMS && recorder.hasUnrecorded(Channel.EMAIL)) {
                    // an SMS notice waits for its email to be sent: let the emails' results land first
                    recorder.flush();
                }
                recorder.awaitRoom(message.channel());
                PortalSettings practice = practices.computeIfAbsent(message.practiceId(), settings::get);
                step = dispatch.handle(message, claimId, practice, recorder);
            } catch (RuntimeException e) {
                if (!StoreHealth.isStorageFailure(e) && !recorder.hasFailed()) {
                    // a bug or a faulty host component, before the message was sent
                    dispatch.putBack(message, claimId, e, recorder);
                    handled++;
                    continue;
                }
                if (!StoreHealth.isStorageFailure(e)) {
                    // the recorder gave up: nothing more can be recorded, the claims lapse
                    throw e;
                }
                // the database failed: stop here, hand this message and the rest back unattempted
                storeHealth.failed(e);
                for (int j = i; j < claimed.size(); j++) {
                    handBack.add(claimed.get(j).id());
                }
                recorder.release(claimId, handBack);
                throw e;
            }
            if (step == MessageDispatch.Step.TRANSPORT_UNREACHABLE) {
                stopped.add(message.channel());
                handBack.add(message.id());
            } else {
                handled++;
            }
        }
        recorder.release(claimId, handBack);
        return handled;
    }

    private List<OutboundMessage> claim(Instant now, String claimId, Set<Channel> channels) {
        return tx.inTransaction(
                () -> outbox.claimDue(now, tuning.claimBatchSize(), claimId, now.plus(tuning.lease()), channels));
    }

    /**
     * Starts polling in a background daemon thread.
     *
     * <p>When a pass fails as a whole (the database is unreachable, say), the pause before the next
     * one doubles with each failure in a row, up to 32 intervals or a minute, so an outage of an
     * hour costs a few dozen attempts rather than one per interval, and one log line when the database
     * goes away and one when it is back; the first pass that succeeds returns to the normal interval.
     * While a transport is unreachable, the next pass comes no later than its next probe. Messages stay
     * in the outbox meanwhile.
     *
     * @param interval the pause between passes that found nothing to do
     */
    public void start(Duration interval) {
        loop.start(interval);
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

    /** Stops the background polling started by {@link #start}, letting a pass in progress finish. */
    @Override
    public void close() {
        loop.close();
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
}
