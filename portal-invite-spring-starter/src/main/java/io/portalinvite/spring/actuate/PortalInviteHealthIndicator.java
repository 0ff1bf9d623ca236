package io.portalinvite.spring.actuate;

import io.portalinvite.health.OutboxHealth;
import io.portalinvite.storage.PortalStorage;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator's view of {@link OutboxHealth} (portal-invite-micrometer): UP with the backlog
 * ({@code pending}, {@code due}, {@code failed}, {@code oldestDue}), or DOWN when a due message has
 * waited unclaimed longer than a threshold or the outbox cannot be read.
 */
public final class PortalInviteHealthIndicator implements HealthIndicator {

    private final OutboxHealth outbox;

    /**
     * Creates the indicator.
     *
     * @param storage the stores whose outbox is reported
     * @param maxOverdue how long a due message may wait unclaimed before DOWN
     * @param clock the clock
     */
    public PortalInviteHealthIndicator(PortalStorage storage, Duration maxOverdue, Clock clock) {
        this.outbox = new OutboxHealth(storage, maxOverdue, clock);
    }

    /**
     * Reads the outbox backlog.
     *
     * @return the health
     */
    @Override
    public Health health() {
        OutboxHealth.Report report = outbox.check();
        return (report.up() ? Health.up() : Health.down())
                .withDetails(report.details())
                .build();
    }
}
