package io.portalinvite.health;

import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import io.portalinvite.storage.PortalStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Health of portal-invite's outbox, for any host's health endpoint: UP with the backlog, or DOWN
 * when a due message has waited unclaimed longer than {@code maxOverdue} (no dispatcher is running,
 * or it is stuck) or the outbox cannot be read. Reads
 * {@link io.portalinvite.delivery.OutboxStore#backlog(Instant)} once per {@link #check()}.
 *
 * <pre>{@code
 * OutboxHealth health = new OutboxHealth(portal.storage());
 * OutboxHealth.Report report = health.check();   // e.g. in your /health handler
 * response.status(report.up() ? 200 : 503).body(report.details());
 * }</pre>
 */
public final class OutboxHealth {

    /** How long a due message may wait unclaimed before DOWN unless configured otherwise. */
    public static final Duration DEFAULT_MAX_OVERDUE = Duration.ofMinutes(15);

    private final PortalStorage storage;
    private final Duration maxOverdue;
    private final Clock clock;

    /**
     * Creates the check with {@link #DEFAULT_MAX_OVERDUE} and the system clock.
     *
     * @param storage the stores whose outbox is reported
     */
    public OutboxHealth(PortalStorage storage) {
        this(storage, DEFAULT_MAX_OVERDUE, Clock.systemUTC());
    }

    /**
     * Creates the check.
     *
     * @param storage the stores whose outbox is reported
     * @param maxOverdue how long a due message may wait unclaimed before DOWN
     * @param clock the clock
     */
    public OutboxHealth(PortalStorage storage, Duration maxOverdue, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.maxOverdue = Objects.requireNonNull(maxOverdue, "maxOverdue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the outbox backlog and judges it.
     *
     * @return the report; never throws for an unreadable outbox (that is DOWN)
     */
    public Report check() {
        Instant now = clock.instant();
        OutboxBacklog backlog;
        try {
            backlog = storage.outbox().backlog(now);
        } catch (RuntimeException e) {
            // the exception's class only: driver messages can contain connection details
            return new Report(
                    Status.DOWN, null, "cannot read the outbox (" + e.getClass().getSimpleName() + ")");
        }
        Instant oldestDue = backlog.oldestDue();
        boolean overdue = oldestDue != null && oldestDue.isBefore(now.minus(maxOverdue));
        return new Report(overdue ? Status.DOWN : Status.UP, backlog, null);
    }

    /** UP or DOWN. */
    public enum Status {
        /** The outbox is read and no due message waits longer than allowed. */
        UP,
        /** A due message waits longer than allowed, or the outbox cannot be read. */
        DOWN
    }

    /**
     * One health check's outcome.
     *
     * @param status UP or DOWN
     * @param backlog the counts read, or null when the outbox could not be read
     * @param error why the outbox could not be read (the exception's class, never its message), or null
     */
    public record Report(
            Status status,
            @Nullable OutboxBacklog backlog,
            @Nullable String error) {

        /**
         * Tells whether the outbox is healthy.
         *
         * @return true when UP
         */
        public boolean up() {
            return status == Status.UP;
        }

        /**
         * Returns the details for a health endpoint: {@code pending}, {@code due}, {@code failed} and
         * {@code oldestDue} (ISO-8601, only when a message is due), or {@code error}.
         *
         * @return the details, in that order
         */
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            if (backlog != null) {
                details.put("pending", backlog.pending());
                details.put("due", backlog.due());
                details.put("failed", backlog.failed());
                if (backlog.oldestDue() != null) {
                    details.put("oldestDue", backlog.oldestDue().toString());
                }
            }
            if (error != null) {
                details.put("error", error);
            }
            return details;
        }

        /**
         * Describes the report on one line, e.g. {@code UP {pending=2, due=0, failed=0}}.
         *
         * @return the description
         */
        @Override
        public String toString() {
            return status + " " + details();
        }
    }
}
