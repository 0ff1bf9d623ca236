package io.portalinvite.spring.actuate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of portal-invite's outbox on a JDBC database: UP with the number of pending messages, or
 * DOWN when a due message has waited unclaimed longer than a threshold (no dispatcher is running,
 * or it is stuck) or the outbox cannot be read.
 *
 * <p>It queries {@code pi_outbox} directly because the {@code OutboxStore} SPI has no count method.
 */
public final class PortalInviteHealthIndicator implements HealthIndicator {

    private static final String SQL = "SELECT COUNT(*), "
            + "SUM(CASE WHEN next_attempt_at < ? AND (lease_until IS NULL OR lease_until < ?) THEN 1 ELSE 0 END), "
            + "MIN(next_attempt_at) FROM pi_outbox WHERE status = 'PENDING'";

    private final DataSource dataSource;
    private final Duration maxOverdue;
    private final Clock clock;

    /**
     * Creates the indicator.
     *
     * @param dataSource the database holding {@code pi_outbox}
     * @param maxOverdue how long a due message may wait unclaimed before DOWN
     * @param clock the clock
     */
    public PortalInviteHealthIndicator(DataSource dataSource, Duration maxOverdue, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
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
        LocalDateTime overdueBefore = LocalDateTime.ofInstant(now.minus(maxOverdue), ZoneOffset.UTC);
        LocalDateTime nowUtc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setObject(1, overdueBefore, Types.TIMESTAMP);
            ps.setObject(2, nowUtc, Types.TIMESTAMP);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long pending = rs.getLong(1);
                long overdue = rs.getLong(2);
                Health.Builder health = overdue > 0 ? Health.down() : Health.up();
                health.withDetail("pending", pending).withDetail("overdue", overdue);
                LocalDateTime oldest = rs.getObject(3, LocalDateTime.class);
                if (oldest != null) {
                    health.withDetail("oldestDue", oldest.toInstant(ZoneOffset.UTC).toString());
                }
                return health.build();
            }
        } catch (SQLException e) {
            return Health.down().withDetail("error", "cannot read pi_outbox (SQL state " + e.getSQLState() + ")")
                    .build();
        }
    }
}
