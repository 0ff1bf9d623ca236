package io.portalinvite.maintenance;

import io.portalinvite.common.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Library-wide rules of the maintenance sweep.
 *
 * @param batchSize rows handled per transaction (1 to 5 000; default 500)
 * @param maxBatches batches per step and sweep, so one sweep stays bounded (default 100); what is
 *     left is handled by the next sweep
 * @param closedTokenRetention how long after an invitation expired or was revoked its token digest
 *     is kept before being purged (default 30 days; zero purges at the next sweep). The token stops
 *     working when the invitation closes; the digest is kept a while only so that support can tell
 *     "expired link" from "unknown link"
 * @param resetRetention how long after a password-reset link expired its request is kept (default 7
 *     days)
 */
public record MaintenancePolicy(int batchSize, int maxBatches, Duration closedTokenRetention, Duration resetRetention) {

    /** Batches of 500, at most 100 per step, digests kept 30 days, reset requests 7 days. */
    public static final MaintenancePolicy DEFAULT =
            new MaintenancePolicy(500, 100, Duration.ofDays(30), Duration.ofDays(7));

    /** Checks ranges. */
    public MaintenancePolicy {
        Objects.requireNonNull(closedTokenRetention, "closedTokenRetention");
        Objects.requireNonNull(resetRetention, "resetRetention");
        if (batchSize < 1 || batchSize > 5_000) {
            throw new ValidationException("maintenance.batchSize", "range", "must be between 1 and 5000");
        }
        if (maxBatches < 1) {
            throw new ValidationException("maintenance.maxBatches", "range", "must be at least 1");
        }
        if (closedTokenRetention.isNegative() || resetRetention.isNegative()) {
            throw new ValidationException("maintenance.retention", "range", "must not be negative");
        }
    }
}
