package io.portalinvite.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the dispatcher can reach its database, logged once per change: "unavailable since …" when
 * it fails and "back after …" when it answers again, not a stack trace per message or per pass.
 */
final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Clock clock;
    private @Nullable Instant downSince; // guarded by this

    StoreHealth(Clock clock) {
        this.clock = clock;
    }

    /** Notes a failure; logs it when the database was fine until now. */
    synchronized void failed(Throwable e) {
        if (downSince == null) {
            downSince = clock.instant();
            log.warn(
                    "outbox database unavailable since {}: {}; delivery waits and tries again", downSince, describe(e));
            log.debug("outbox database failure", e);
        }
    }

    /** Notes a success; logs the recovery when the database was failing. */
    synchronized void succeeded() {
        Instant since = downSince;
        if (since != null) {
            downSince = null;
            log.info("outbox database back after {}", Duration.between(since, clock.instant()));
        }
    }

    /** Tells whether the database is currently failing. */
    synchronized boolean down() {
        return downSince != null;
    }

    /**
     * Tells whether a failure came from the database (a JDBC exception in its causes), as opposed to
     * a template, a composer or a bug: only the first makes the dispatcher stop and wait.
     */
    static boolean isStorageFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                String name = c.getName();
                if (name.startsWith("java.sql.")) {
                    return true;
                }
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        for (int i = 0; root.getCause() != null && root.getCause() != root && i < 20; i++) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root != e) {
            text += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                    + ")";
        }
        return text.replaceAll("[\\p{Cntrl}]", " ");
    }
}
