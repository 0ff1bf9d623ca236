package io.portalinvite.spring.actuate;

import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import io.portalinvite.storage.PortalStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of portal-invite's outbox, on any {@link PortalStorage}: UP with the backlog
 * ({@code pending}, {@code due}, {@code failed}, {@code oldestDue}), or DOWN when a due message has
 * waited unclaimed longer than a threshold (no dispatcher is running, or it is stuck) or the outbox
 * cannot be read. Reads {@link io.portalinvite.delivery.OutboxStore#backlog(Instant)}.
 */
public final class PortalInviteHealthIndicator implements HealthIndicator {

    private final PortalStorage storage;
    private final Duration maxOverdue;
    private final Clock clock;

    /**
     * Creates the indicator.
     *
     * @param storage the stores whose outbox is reported
     * @param maxOverdue how long a due message may wait unclaimed before DOWN
     * @param clock the clock
     */
    public PortalInviteHealthIndicator(PortalStorage storage, Duration maxOverdue, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.maxOverdue = Objects.requireNonNull(maxOverdue, "maxOverdue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the outbox backlog.
     *
     * @return the health
     */
    @Override
    public Health health() {
        Instant now = clock.instant();
        OutboxBacklog backlog;
        try {
            backlog = storage.outbox().backlog(now);
        } catch (RuntimeException e) {
            // the exception's class only: driver messages can contain connection details
            return Health.down()
                    .withDetail(
                            "error", "cannot read the outbox (" + e.getClass().getSimpleName() + ")")
                    .build();
        }
        Instant oldestDue = backlog.oldestDue();
        boolean overdue = oldestDue != null && oldestDue.isBefore(now.minus(maxOverdue));
        Health.Builder health = overdue ? Health.down() : Health.up();
        health.withDetail("pending", backlog.pending())
                .withDetail("due", backlog.due())
                .withDetail("failed", backlog.failed());
        if (oldestDue != null) {
            health.withDetail("oldestDue", oldestDue.toString());
        }
        return health.build();
    }
}
