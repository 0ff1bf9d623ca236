package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@code PortalInvite.maintenance().sweep()} — expiry, reminders, purges — in a background
 * daemon thread with the application context. Every node may run it: each change the sweep makes is
 * a conditional write, so two nodes never expire or remind the same invitation twice.
 */
public final class PortalInviteMaintenanceLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PortalInviteMaintenanceLifecycle.class);

    private final PortalInvite portal;
    private final Duration interval;
    private @Nullable ScheduledExecutorService scheduler;

    /**
     * Creates the lifecycle.
     *
     * @param portal the portal whose sweep to run
     * @param interval the pause between sweeps
     */
    public PortalInviteMaintenanceLifecycle(PortalInvite portal, Duration interval) {
        this.portal = Objects.requireNonNull(portal, "portal");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("portal.invite.maintenance.interval must be positive");
        }
        this.interval = interval;
    }

    /** Starts sweeping in a background thread, first sweep at once. */
    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portal-invite-maintenance");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::sweepQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    private void sweepQuietly() {
        try {
            portal.maintenance().sweep();
        } catch (RuntimeException e) {
            // a failed sweep (database down, say) must not cancel the schedule; the next one catches up
            log.warn("portal-invite maintenance sweep failed; will try again", e);
        }
    }

    /** Stops sweeping; waits briefly for a sweep in progress. */
    @Override
    public synchronized void stop() {
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

    /**
     * Returns whether sweeps are scheduled.
     *
     * @return the flag
     */
    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Returns the pause between sweeps.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }
}
