package io.portalinvite.spring.boot.autoconfigure;

import io.portalinvite.PortalInvite;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the outbox dispatcher of a {@link PortalInvite} with the application context: polling starts
 * once every singleton is ready and stops (letting a pass in progress finish) before they are
 * destroyed.
 */
public final class PortalInviteDispatcherLifecycle implements SmartLifecycle {

    private final PortalInvite portal;
    private final Duration pollInterval;
    private volatile boolean running;

    /**
     * Creates the lifecycle.
     *
     * @param portal the portal whose dispatcher to run
     * @param pollInterval the pause between passes that found nothing to send
     */
    public PortalInviteDispatcherLifecycle(PortalInvite portal, Duration pollInterval) {
        this.portal = Objects.requireNonNull(portal, "portal");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("portal.invite.dispatcher.poll-interval must be positive");
        }
        this.pollInterval = pollInterval;
    }

    /** Starts polling the outbox in the dispatcher's background thread. */
    @Override
    public synchronized void start() {
        if (!running) {
            portal.dispatcher().start(pollInterval);
            running = true;
        }
    }

    /** Stops polling; waits for a pass in progress. */
    @Override
    public synchronized void stop() {
        if (running) {
            running = false;
            portal.dispatcher().close();
        }
    }

    /**
     * Returns whether the dispatcher is polling.
     *
     * @return the flag
     */
    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Returns the poll interval.
     *
     * @return the interval
     */
    public Duration pollInterval() {
        return pollInterval;
    }
}
