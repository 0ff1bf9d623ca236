package io.portalinvite.delivery;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dispatcher's background polling: one daemon thread that drains the outbox, pauses for the
 * interval (or until a transport's next probe, when sooner), and backs off with each failed pass
 * in a row.
 */
final class DispatcherLoop {

    // the dispatcher's logger: operators filter on one category for delivery
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Runnable drain;
    private final LongSupplier untilNextProbe;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * @param drain one run of passes until nothing is due
     * @param untilNextProbe milliseconds until an unreachable transport is due a probe, or {@code Long.MAX_VALUE}
     */
    DispatcherLoop(Runnable drain, LongSupplier untilNextProbe) {
        this.drain = drain;
        this.untilNextProbe = untilNextProbe;
    }

    /** Starts polling; see {@link OutboxDispatcher#start(Duration)}. */
    synchronized void start(Duration interval) {
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
                drain.run();
                failuresInARow[0] = 0;
                delay = Math.min(delay, untilNextProbe.getAsLong());
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

    /** Stops the polling, letting a pass in progress finish. */
    synchronized void close() {
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
}
