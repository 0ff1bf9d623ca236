package io.portalinvite.delivery;

import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The messages a dispatcher run holds under its claims — claimed, not yet recorded or handed back —
 * and the renewal of their leases, so that a lease can be short (a dead node's claims lapse soon)
 * without lapsing under a live node that is still working through its batch.
 */
final class ClaimLeases {

    private final TransactionRunner tx;
    private final OutboxStore outbox;
    private final Clock clock;
    private final Duration lease;
    private final StoreHealth health;
    // guarded by this
    private final Map<String, Set<UUID>> held = new LinkedHashMap<>();

    ClaimLeases(TransactionRunner tx, OutboxStore outbox, Clock clock, Duration lease, StoreHealth health) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.lease = lease;
        this.health = health;
    }

    /** Holds a claim's messages until each is recorded or handed back. */
    synchronized void claimed(String claimId, List<OutboundMessage> messages) {
        Set<UUID> ids = held.computeIfAbsent(claimId, k -> new HashSet<>());
        for (OutboundMessage m : messages) {
            ids.add(m.id());
        }
    }

    /** Stops holding a message: its result was recorded, or it was handed back. */
    synchronized void forget(String claimId, UUID id) {
        Set<UUID> ids = held.get(claimId);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                held.remove(claimId);
            }
        }
    }

    private synchronized Map<String, List<UUID>> snapshot() {
        Map<String, List<UUID>> copy = new LinkedHashMap<>();
        held.forEach((claim, ids) -> {
            if (!ids.isEmpty()) {
                copy.put(claim, List.copyOf(ids));
            }
        });
        return copy;
    }

    /**
     * Extends the lease of every message still held by one lease from now, in one transaction. A
     * database failure is left to the results' writes to report: those results are written when the
     * database is back, or the claims lapse.
     */
    void renew() {
        Map<String, List<UUID>> toRenew = snapshot();
        if (toRenew.isEmpty()) {
            return;
        }
        Instant until = clock.instant().plus(lease);
        try {
            tx.inTransaction(() -> toRenew.forEach((claim, ids) -> outbox.renewClaim(claim, ids, until)));
            health.succeeded();
        } catch (RuntimeException e) {
            if (!StoreHealth.isStorageFailure(e)) {
                throw e;
            }
            health.failed(e);
        }
    }
}
