package io.portalinvite.audit;

import io.portalinvite.audit.AuditQuery.AuditPage;
import io.portalinvite.common.Actor;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as a privacy officer uses it: page through a practice's or a patient's entries
 * ("who gave this person access, and when?"), and delete entries past the retention period.
 *
 * <p>Entries hold who, what, when, which practice, patient, invitation and account, and the outcome;
 * never a password, token, hash or message body.
 */
public final class AuditService {

    private static final Logger log = LoggerFactory.getLogger(AuditService.class);
    private static final int PURGE_BATCH = 1_000;

    private final TransactionRunner tx;
    private final AuditStore store;
    private final Clock clock;
    private final @Nullable Duration retention;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the store joins
     * @param store the audit store
     * @param clock the clock
     * @param retention how long entries are kept, or null to keep them for ever
     */
    public AuditService(TransactionRunner tx, AuditStore store, Clock clock, @Nullable Duration retention) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Reads one page of entries.
     *
     * @param query the practice, filters, page size and cursor
     * @return the page, oldest first
     */
    public AuditPage query(AuditQuery query) {
        return tx.inTransaction(() -> store.query(query));
    }

    /**
     * Returns the retention period.
     *
     * @return how long entries are kept, or empty when they are kept for ever
     */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /**
     * Deletes entries older than the retention period, in batches of {@value #PURGE_BATCH} (each in
     * its own transaction, so a long purge does not hold locks), and records the purge itself in the
     * trail. Does nothing when no retention is configured.
     *
     * @return how many entries were deleted
     */
    public int purgeExpired() {
        if (retention == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        int total = 0;
        while (true) {
            int deleted = tx.inTransaction(() -> store.purgeBefore(cutoff, PURGE_BATCH));
            total += deleted;
            if (deleted < PURGE_BATCH) {
                break;
            }
        }
        if (total > 0) {
            int count = total;
            tx.inTransaction(() -> store.append(AuditEvent.of(AuditAction.AUDIT_PURGED, Actor.SYSTEM, now)
                    .detail("deleted", count)
                    .detail("before", cutoff)
                    .build()));
            log.info("audit trail: {} entries older than {} deleted", total, cutoff);
        }
        return total;
    }
}
