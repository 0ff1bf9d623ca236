package io.portalinvite.invitation;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.settings.PortalSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The practice's limits on resending one invitation, per hour and per 24 hours, counted from the
 * invitation's audit trail so they hold across nodes and restarts.
 */
final class ResendLimits {

    private ResendLimits() {}

    /**
     * Refuses a resend beyond either limit.
     *
     * @throws ResendLimitExceededException naming the limit and when the next resend is allowed
     */
    static void check(AuditStore audit, Invitation invitation, PortalSettings practice, Instant now) {
        List<Instant> resends = audit.findByInvitation(invitation.id()).stream()
                .filter(e -> e.action() == AuditAction.INVITATION_RESENT)
                .map(AuditEvent::occurredAt)
                .filter(t -> t.isAfter(now.minus(Duration.ofDays(1))))
                .sorted()
                .toList();
        List<Instant> lastHour = resends.stream()
                .filter(t -> t.isAfter(now.minus(Duration.ofHours(1))))
                .toList();
        if (lastHour.size() >= practice.delivery().maxResendsPerHour()) {
            throw new ResendLimitExceededException(
                    practice.delivery().maxResendsPerHour() + " times in the last hour",
                    lastHour.get(lastHour.size() - practice.delivery().maxResendsPerHour())
                            .plus(Duration.ofHours(1)));
        }
        if (resends.size() >= practice.delivery().maxResendsPerDay()) {
            throw new ResendLimitExceededException(
                    practice.delivery().maxResendsPerDay() + " times in the last 24 hours",
                    resends.get(resends.size() - practice.delivery().maxResendsPerDay())
                            .plus(Duration.ofDays(1)));
        }
    }
}
