package io.portalinvite.account;

import io.portalinvite.account.AccessService.AccessReview;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PracticeId;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily access sweep behind {@link AccessService#applyAgeRulesAndEndDates()}: pages through
 * every open grant, decides without a transaction whether one needs a change, and writes only those
 * in a short transaction each, so a sweep over many grants holds no long lock.
 */
final class AccessSweep {

    // logs as AccessService: one logger name for every access change a host may filter on
    private static final Logger log = LoggerFactory.getLogger(AccessService.class);
    private static final int SWEEP_PAGE = 200;

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final Clock clock;
    private final AccessChanges changes;

    AccessSweep(
            TransactionRunner tx,
            AccountStore accounts,
            AuditStore audit,
            SettingsService settings,
            Clock clock,
            AccessChanges changes) {
        this.tx = tx;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.changes = changes;
    }

    /** Runs the sweep once; see {@link AccessService#applyAgeRulesAndEndDates()}. */
    AccessReview run() {
        Map<PracticeId, PortalSettings> practices = new HashMap<>();
        int examined = 0;
        int ended = 0;
        int reduced = 0;
        AccessId after = null;
        while (true) {
            AccessId cursor = after;
            List<PatientAccess> page = tx.inTransaction(() -> accounts.findAccessToReview(cursor, SWEEP_PAGE));
            for (PatientAccess grant : page) {
                examined++;
                PortalSettings practice = practices.computeIfAbsent(grant.practiceId(), settings::get);
                // most grants need nothing: decide without a transaction, open one only to write
                if (!needsChange(grant, practice)) {
                    continue;
                }
                Change change = tx.inTransaction(() -> review(grant, practice));
                if (change == Change.ENDED) {
                    ended++;
                } else if (change == Change.REDUCED) {
                    reduced++;
                }
            }
            if (page.size() < SWEEP_PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        if (ended + reduced > 0) {
            log.info("access sweep: {} grants examined, {} ended, {} reduced", examined, ended, reduced);
        }
        return new AccessReview(examined, ended, reduced);
    }

    private enum Change {
        NONE,
        ENDED,
        REDUCED
    }

    /**
     * The dates the age rules give a grant: when parental access ends and when it becomes limited
     * (both null for grants the rules do not apply to).
     */
    private record AgeDates(
            @Nullable LocalDate ends, @Nullable LocalDate reduced) {
        static AgeDates of(PatientAccess grant, AgePolicy policy) {
            LocalDate dob = grant.patientDateOfBirth();
            if (grant.kind() != AccessKind.PROXY || dob == null || !policy.appliesTo(grant.relationship())) {
                return new AgeDates(null, null);
            }
            return new AgeDates(policy.parentalEndsOn(dob), policy.parentalReducedFrom(dob));
        }
    }

    /** Whether {@link #review} would change the grant today; reads nothing from the stores. */
    private boolean needsChange(PatientAccess grant, PortalSettings practice) {
        LocalDate today =
                LocalDate.ofInstant(clock.instant(), practice.practice().timeZone());
        AgeDates ages = AgeDates.of(grant, practice.registration().agePolicy());
        LocalDate endsOn = grant.endsOn();
        return (endsOn != null && !today.isBefore(endsOn))
                || (ages.ends() != null && (endsOn == null || ages.ends().isBefore(endsOn)))
                || (ages.reduced() != null && !today.isBefore(ages.reduced()) && grant.scope() == AccessScope.FULL);
    }

    private Change review(PatientAccess grant, PortalSettings practice) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
        AgeDates ages = AgeDates.of(grant, practice.registration().agePolicy());
        LocalDate ageEnd = ages.ends();

        LocalDate endsOn = grant.endsOn();
        if (ageEnd != null && (endsOn == null || ageEnd.isBefore(endsOn))) {
            endsOn = ageEnd;
        }
        if (endsOn != null && !today.isBefore(endsOn)) {
            AccessEndReason reason =
                    endsOn.equals(ageEnd) ? AccessEndReason.AGE_RULE : AccessEndReason.END_DATE_REACHED;
            PatientAccess ended = grant.ended(endsOn, reason);
            if (!accounts.updateAccessIfOpen(ended, grant.scope())) {
                return Change.NONE;
            }
            changes.recordEnd(ended, reason, Actor.SYSTEM, now);
            return Change.ENDED;
        }
        PatientAccess next = grant;
        if (endsOn != null && !endsOn.equals(grant.endsOn())) {
            // the policy changed since the grant was made: end it on the birthday even if a sweep is missed
            next = next.withEndsOn(endsOn);
        }
        LocalDate reduceFrom = ages.reduced();
        boolean reduce = reduceFrom != null && !today.isBefore(reduceFrom) && grant.scope() == AccessScope.FULL;
        if (reduce) {
            next = next.withScope(AccessScope.LIMITED);
        }
        if (next == grant || !accounts.updateAccessIfOpen(next, grant.scope())) {
            return Change.NONE;
        }
        if (!Objects.equals(next.endsOn(), grant.endsOn())) {
            audit.append(AuditEvent.of(AuditAction.ACCESS_CHANGED, Actor.SYSTEM, now)
                    .practice(grant.practiceId())
                    .patient(grant.patientId())
                    .account(grant.accountId())
                    .detail("access", grant.id())
                    .detail("endsOn", next.endsOn() == null ? "none" : next.endsOn())
                    .detail("reason", "age_rule")
                    .build());
        }
        if (!reduce) {
            return Change.NONE;
        }
        audit.append(AuditEvent.of(AuditAction.ACCESS_REDUCED, Actor.SYSTEM, now)
                .practice(grant.practiceId())
                .patient(grant.patientId())
                .account(grant.accountId())
                .detail("access", grant.id())
                .detail("scope", AccessScope.LIMITED)
                .detail("reason", "age_rule")
                .build());
        changes.publishReduced(grant, now);
        return Change.REDUCED;
    }
}
