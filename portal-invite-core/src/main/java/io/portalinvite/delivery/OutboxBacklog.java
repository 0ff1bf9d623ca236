package io.portalinvite.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How the outbox is doing, for health checks and dashboards.
 *
 * @param pending messages waiting to be sent, due or not
 * @param due pending messages whose next attempt is due now and that no live claim holds
 * @param oldestDue when the longest-waiting due message became due, or null when none is due
 * @param failed messages that failed for good
 */
public record OutboxBacklog(
        long pending, long due, @Nullable Instant oldestDue, long failed) {}
