package io.portalinvite.account;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.Actor;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.tx.TransactionRunner;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows when a grant ends or shrinks, wherever it happens (staff revoking, the daily sweep):
 * the audit entry, the event to in-transaction listeners at once and to the others after commit, and
 * the log line. One place, so a revocation by staff and an end found by the sweep read the same.
 */
final class AccessChanges {

    // logs as AccessService: one logger name for every access change a host may filter on
    private static final Logger log = LoggerFactory.getLogger(AccessService.class);

    private final TransactionRunner tx;
    private final AuditStore audit;
    private final PortalEventListener events;
    private final PortalEventListener inTransaction;

    AccessChanges(
            TransactionRunner tx, AuditStore audit, PortalEventListener events, PortalEventListener inTransaction) {
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.inTransaction = inTransaction;
    }

    void recordEnd(PatientAccess grant, AccessEndReason reason, Actor actor, Instant now) {
        audit.append(AuditEvent.of(
                        reason == AccessEndReason.REVOKED_BY_STAFF
                                ? AuditAction.ACCESS_REVOKED
                                : AuditAction.ACCESS_ENDED,
                        actor,
                        now)
                .practice(grant.practiceId())
                .patient(grant.patientId())
                .account(grant.accountId())
                .detail("access", grant.id())
                .detail("kind", grant.kind())
                .detail("reason", reason)
                .build());
        PortalEvent event = new PortalEvent.AccessEnded(
                grant.id(), grant.practiceId(), grant.patientId(), grant.accountId(), reason, now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info(
                    "access {} to patient {} at practice {} ended ({})",
                    grant.id(),
                    grant.patientId(),
                    grant.practiceId(),
                    reason);
            events.onEvent(event);
        });
    }

    /** Publishes that the age rule reduced a grant to limited access; its audit entry is already written. */
    void publishReduced(PatientAccess grant, Instant now) {
        PortalEvent event = new PortalEvent.AccessReduced(
                grant.id(), grant.practiceId(), grant.patientId(), grant.accountId(), now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info("access {} to patient {} reduced to LIMITED by the age rule", grant.id(), grant.patientId());
            events.onEvent(event);
        });
    }
}
