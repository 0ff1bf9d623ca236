package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a dispatcher run's results in batches, on its own thread, while the dispatcher sends the
 * next messages: sending never waits for the database unless {@code resultBatch} results are
 * unrecorded. A transaction is started when half a batch is waiting (so the other half can be sent
 * meanwhile), when the oldest result has waited {@code resultInterval}, or when the run ends; it
 * records at most one batch. The same thread renews the lease of every message the run still holds
 * ({@link ClaimLeases}) every third of the lease.
 *
 * <p>When a write fails because the database is unavailable, the results are kept and written again
 * after a pause (1 s doubling to 5 s); after one lease of failures the recorder gives up and the run
 * fails: the claims lapse and the messages are claimed again, as sent again if they were sent. A
 * write that fails for another reason is split into one transaction per result so that one faulty
 * result cannot hold up the others.
 */
final class ResultRecorder implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    /** One recorded outcome, applied under its claim with its handler's consequences. */
    interface Entry {
        /**
         * The outcome's message.
         *
         * @return the outcome
         */
        OutboundMessage outcome();

        /**
         * The claim it was sent under.
         *
         * @return the claim id
         */
        String claimId();

        /** Stores the outcome and its consequences; runs inside the recorder's transaction. */
        void write();
    }

    private record Release(String claimId, List<UUID> ids) {}

    private final TransactionRunner tx;
    private final OutboxStore outbox;
    private final Clock clock;
    private final DispatchSettings settings;
    private final StoreHealth health;
    private final ClaimLeases leases;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private final Map<Channel, Integer> unrecorded = new EnumMap<>(Channel.class);
    private final Map<Channel, Integer> waitingResults = new EnumMap<>(Channel.class);
    private long oldestWaitingNanos;
    private boolean finishing;
    private boolean flushRequested;
    private boolean done;
    private @Nullable RuntimeException failure;
    private int written;

    ResultRecorder(
            TransactionRunner tx, OutboxStore outbox, Clock clock, DispatchSettings settings, StoreHealth health) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.health = health;
        this.leases = new ClaimLeases(tx, outbox, clock, settings.lease(), health);
        for (Channel c : Channel.values()) {
            unrecorded.put(c, 0);
            waitingResults.put(c, 0);
        }
    }

    /** Registers a claim's messages, whose leases are renewed until they are recorded or handed back. */
    void claimed(String claimId, List<OutboundMessage> messages) {
        leases.claimed(claimId, messages);
    }

    /** Forgets a message recorded outside the recorder (moved to a new pacing slot, say). */
    void forget(String claimId, UUID id) {
        leases.forget(claimId, id);
    }

    /**
     * Waits until one more result of the channel may be produced: fewer than its batch size are
     * unrecorded. Throws the recorder's failure when it gave up.
     */
    void awaitRoom(Channel channel) {
        lock.lock();
        try {
            while (failure == null && unrecorded.getOrDefault(channel, 0) >= settings.resultBatch(channel)) {
                changed.awaitUninterruptibly();
            }
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a result for recording. */
    void add(Entry entry) {
        Channel channel = entry.outcome().channel();
        lock.lock();
        try {
            if (waitingResults.values().stream().mapToInt(Integer::intValue).sum() == 0) {
                oldestWaitingNanos = System.nanoTime();
            }
            waiting.add(entry);
            unrecorded.merge(channel, 1, Integer::sum);
            waitingResults.merge(channel, 1, Integer::sum);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues claimed messages to be handed back unattempted, after the results queued before. */
    void release(String claimId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (waitingResults.values().stream().mapToInt(Integer::intValue).sum() == 0 && waiting.isEmpty()) {
                oldestWaitingNanos = System.nanoTime();
            }
            waiting.add(new Release(claimId, List.copyOf(ids)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records everything queued so far and waits until it is recorded: an SMS notice is prepared only
     * after its email's result is stored, because it waits for the email to be sent.
     */
    void flush() {
        lock.lock();
        try {
            flushRequested = true;
            changed.signalAll();
            while (failure == null && !done && (unrecordedTotal() > 0 || !waiting.isEmpty())) {
                changed.awaitUninterruptibly();
            }
            flushRequested = false;
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tells whether the recorder gave up (see {@link #finish()}). */
    boolean hasFailed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** Tells whether results of a channel are unrecorded. */
    boolean hasUnrecorded(Channel channel) {
        lock.lock();
        try {
            return unrecorded.getOrDefault(channel, 0) > 0;
        } finally {
            lock.unlock();
        }
    }

    private int unrecordedTotal() {
        int n = 0;
        for (int v : unrecorded.values()) {
            n += v;
        }
        return n;
    }

    /**
     * Records everything queued and stops. Returns how many results were recorded in all.
     *
     * @throws RuntimeException the failure that made the recorder give up
     */
    int finish() {
        lock.lock();
        try {
            finishing = true;
            changed.signalAll();
            while (!done) {
                changed.awaitUninterruptibly();
            }
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            return written;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        // a third of the lease, but not a busy loop for the tiny leases of tests
        long renewEveryNanos = Math.max(settings.lease().dividedBy(3).toNanos(), TimeUnit.MILLISECONDS.toNanos(10));
        long lastRenewal = System.nanoTime();
        long intervalNanos = settings.resultInterval().toNanos();
        try {
            while (true) {
                List<Object> batch = new ArrayList<>();
                boolean renew = false;
                lock.lock();
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (!waiting.isEmpty()
                                && (finishing
                                        || flushRequested
                                        || halfFull()
                                        || now - oldestWaitingNanos >= intervalNanos)) {
                            take(batch);
                            break;
                        }
                        if (finishing && waiting.isEmpty()) {
                            return;
                        }
                        if (now - lastRenewal >= renewEveryNanos) {
                            renew = true;
                            break;
                        }
                        long untilRenewal = renewEveryNanos - (now - lastRenewal);
                        long untilFlush = waiting.isEmpty() ? untilRenewal : intervalNanos - (now - oldestWaitingNanos);
                        try {
                            changed.awaitNanos(Math.max(1, Math.min(untilRenewal, untilFlush)));
                        } catch (InterruptedException e) {
                            // only a dying JVM interrupts a recorder; write what is there first
                            Thread.currentThread().interrupt();
                            finishing = true;
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
                if (renew || System.nanoTime() - lastRenewal >= renewEveryNanos) {
                    leases.renew();
                    lastRenewal = System.nanoTime();
                }
            }
        } catch (RuntimeException e) {
            lock.lock();
            try {
                failure = e;
            } finally {
                lock.unlock();
            }
        } catch (Error e) {
            lock.lock();
            try {
                failure = new IllegalStateException("recording delivery results failed", e);
            } finally {
                lock.unlock();
            }
            throw e;
        } finally {
            lock.lock();
            try {
                done = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean halfFull() {
        for (Channel c : Channel.values()) {
            int batch = settings.resultBatch(c);
            if (waitingResults.getOrDefault(c, 0) >= Math.max(1, (batch + 1) / 2)) {
                return true;
            }
        }
        return false;
    }

    /** Takes at most one batch of results (per channel), with the hand-backs queued among them. */
    private void take(List<Object> batch) {
        Map<Channel, Integer> taken = new EnumMap<>(Channel.class);
        while (!waiting.isEmpty()) {
            Object next = waiting.peek();
            if (next instanceof Entry e) {
                Channel c = e.outcome().channel();
                int n = taken.getOrDefault(c, 0);
                if (n >= settings.resultBatch(c)) {
                    break;
                }
                taken.put(c, n + 1);
                waitingResults.merge(c, -1, Integer::sum);
            }
            batch.add(waiting.poll());
        }
        oldestWaitingNanos = System.nanoTime();
    }

    private void write(List<Object> batch) {
        long started = System.nanoTime();
        long pause = TimeUnit.SECONDS.toNanos(1);
        while (true) {
            try {
                tx.inTransaction(() -> {
                    for (Object op : batch) {
                        apply(op);
                    }
                });
                health.succeeded();
                break;
            } catch (RuntimeException e) {
                if (!StoreHealth.isStorageFailure(e)) {
                    writeOneByOne(batch);
                    break;
                }
                health.failed(e);
                if (System.nanoTime() - started >= settings.lease().toNanos()) {
                    throw e;
                }
                sleep(pause);
                pause = Math.min(pause * 2, TimeUnit.SECONDS.toNanos(5));
            }
        }
        recorded(batch);
    }

    /** A write failed for a reason other than the database: record each result on its own. */
    private void writeOneByOne(List<Object> batch) {
        for (Object op : batch) {
            try {
                tx.inTransaction(() -> apply(op));
            } catch (RuntimeException e) {
                if (StoreHealth.isStorageFailure(e)) {
                    throw e;
                }
                String what = op instanceof Entry entry
                        ? "the result of outbound message " + entry.outcome().id()
                        : "handing back claimed messages";
                // the claim lapses and the message is claimed again; never lose it
                log.error("recording {} failed; it will be claimed again when its lease lapses", what, e);
            }
        }
    }

    private void apply(Object op) {
        if (op instanceof Entry entry) {
            entry.write();
        } else if (op instanceof Release r) {
            outbox.release(r.claimId(), r.ids());
        }
    }

    private void recorded(List<Object> batch) {
        lock.lock();
        try {
            for (Object op : batch) {
                if (op instanceof Entry e) {
                    unrecorded.merge(e.outcome().channel(), -1, Integer::sum);
                    leases.forget(e.claimId(), e.outcome().id());
                    written++;
                } else if (op instanceof Release r) {
                    for (UUID id : r.ids()) {
                        leases.forget(r.claimId(), id);
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
