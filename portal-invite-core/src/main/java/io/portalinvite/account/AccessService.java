package io.portalinvite.account;

import io.portalinvite.account.PortalPrincipal.ConsentRequirement;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.event.PortalEvent.PortalEventListener;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.ConsentDocument;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access grants as staff and the daily sweep see them: list a patient's or an account's grants,
 * revoke one grant, set its end date, apply the practices' age rules, and record acceptance of a
 * practice's privacy notice.
 *
 * <p>Every change is audited and published to listeners after it commits.
 */
public final class AccessService {

    private static final Logger log = LoggerFactory.getLogger(AccessService.class);
    private static final int SWEEP_PAGE = 200;

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final Clock clock;
    private final PortalEventListener events;
    private final PortalEventListener inTransaction;

    /**
     * Creates the service. Built by {@link io.portalinvite.PortalInvite}; hosts get it from there.
     *
     * @param tx the transaction boundary the stores join
     * @param accounts the account and access-grant store
     * @param audit the audit store
     * @param settings practices' settings
     * @param clock the clock
     * @param events told of each change after it commits
     * @param inTransaction told of each change at once, inside the transaction that makes it
     */
    public AccessService(
            TransactionRunner tx,
            AccountStore accounts,
            AuditStore audit,
            SettingsService settings,
            Clock clock,
            PortalEventListener events,
            PortalEventListener inTransaction) {
        this.tx = tx;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.inTransaction = inTransaction;
    }

    /**
     * Lists every grant to a patient at a practice, active or not, oldest first — who has access,
     * who gave it, and when it started and ended.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @return the grants
     */
    public List<PatientAccess> forPatient(PracticeId practiceId, PatientId patientId) {
        return tx.inTransaction(() -> accounts.findAccessByPatient(practiceId, patientId));
    }

    /**
     * Lists every grant an account holds, at every practice, active or not, oldest first.
     *
     * @param accountId the account
     * @return the grants
     */
    public List<PatientAccess> forAccount(AccountId accountId) {
        return tx.inTransaction(() -> accounts.findAccessByAccount(accountId));
    }

    /**
     * Revokes one grant, leaving the holder's other grants (other patients, other practices) as they
     * are. Revoking a grant that already ended changes nothing.
     *
     * @param practiceId the practice (a grant of another practice is not found)
     * @param accessId the grant
     * @param staffId who asked
     * @return the grant as it now is
     * @throws ValidationException when no such grant exists at this practice
     */
    public PatientAccess revoke(PracticeId practiceId, AccessId accessId, StaffId staffId) {
        return tx.inTransaction(() -> {
            PatientAccess grant = load(practiceId, accessId);
            if (grant.revokedAt() != null || grant.endReason() != null) {
                return grant;
            }
            Instant now = clock.instant();
            Actor actor = Actor.staff(staffId);
            PatientAccess revoked = grant.revoked(now, actor.value());
            if (!accounts.updateAccessIfOpen(revoked, grant.scope())) {
                throw new ConcurrentChangeException("The access grant");
            }
            recordEnd(revoked, AccessEndReason.REVOKED_BY_STAFF, actor, now);
            return revoked;
        });
    }

    /**
     * Revokes every grant to a patient at one practice in force today, as the demographic toggle
     * does; grants at other practices are untouched.
     *
     * @param practiceId the practice
     * @param patientId the patient
     * @param actor who asked
     * @return how many grants were revoked
     */
    public int revokeAllForPatient(PracticeId practiceId, PatientId patientId, Actor actor) {
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            LocalDate today =
                    LocalDate.ofInstant(now, settings.get(practiceId).practice().timeZone());
            int revoked = 0;
            for (PatientAccess grant : accounts.findAccessByPatient(practiceId, patientId)) {
                if (grant.isActive(today)
                        && accounts.updateAccessIfOpen(grant.revoked(now, actor.value()), grant.scope())) {
                    recordEnd(grant, AccessEndReason.REVOKED_BY_STAFF, actor, now);
                    revoked++;
                }
            }
            return revoked;
        });
    }

    /**
     * Sets or clears a grant's end date: from that day on the grant no longer applies (the daily
     * sweep then records that it ended).
     *
     * @param practiceId the practice
     * @param accessId the grant
     * @param endsOn the first day without access, after the grant's start; null for no end
     * @param staffId who asked
     * @return the changed grant
     * @throws ValidationException when no such grant exists, it already ended, or the date is not
     *     after its start
     */
    public PatientAccess changeEndDate(
            PracticeId practiceId, AccessId accessId, @Nullable LocalDate endsOn, StaffId staffId) {
        return tx.inTransaction(() -> {
            PatientAccess grant = load(practiceId, accessId);
            if (grant.revokedAt() != null || grant.endReason() != null) {
                throw new ValidationException("accessId", "access.ended", "this access has already ended");
            }
            if (endsOn != null && !endsOn.isAfter(grant.startsOn())) {
                throw new ValidationException("endsOn", "range", "must be after the day access started");
            }
            Instant now = clock.instant();
            PatientAccess changed = grant.withEndsOn(endsOn);
            if (!accounts.updateAccessIfOpen(changed, grant.scope())) {
                throw new ConcurrentChangeException("The access grant");
            }
            audit.append(AuditEvent.of(AuditAction.ACCESS_CHANGED, Actor.staff(staffId), now)
                    .practice(practiceId)
                    .patient(grant.patientId())
                    .account(grant.accountId())
                    .detail("access", grant.id())
                    .detail("endsOn", endsOn == null ? "none" : endsOn)
                    .build());
            return changed;
        });
    }

    /**
     * The daily sweep: records the end of every grant whose end date has come, ends parental access
     * on the birthday the practice's {@link AgePolicy} names, and reduces it to limited access where
     * the policy says so. Safe to run on several nodes at once: each change is recorded once. Run it
     * at least daily (the Spring Boot starter schedules it); grants end on their end date even before
     * the sweep runs, because {@link PatientAccess#isActive} checks the date.
     *
     * @return what the sweep changed
     */
    public AccessReview applyAgeRulesAndEndDates() {
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
            recordEnd(ended, reason, Actor.SYSTEM, now);
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
        PortalEvent event = new PortalEvent.AccessReduced(
                grant.id(), grant.practiceId(), grant.patientId(), grant.accountId(), now);
        inTransaction.onEvent(event);
        tx.afterCommit(() -> {
            log.info("access {} to patient {} reduced to LIMITED by the age rule", grant.id(), grant.patientId());
            events.onEvent(event);
        });
        return Change.REDUCED;
    }

    /**
     * Records that the holder accepted a practice's current privacy notice: stored on each of their
     * grants at that practice and audited.
     *
     * @param accountId the account
     * @param practiceId the practice
     * @param version the version the holder was shown
     * @return the grants now usable at that practice
     * @throws ValidationException when the version is not the practice's current one, or the account
     *     holds no active grant there
     */
    public List<PatientAccess> acceptConsent(AccountId accountId, PracticeId practiceId, String version) {
        PortalSettings practice = settings.get(practiceId);
        ConsentDocument consent = practice.registration().consent();
        if (consent == null || !consent.version().equals(version)) {
            throw new ValidationException(
                    "consent",
                    "consent.version",
                    "is not the practice's current privacy notice; show the current one and ask again");
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
            List<PatientAccess> accepted = new ArrayList<>();
            for (PatientAccess grant : accounts.findAccessByAccount(accountId)) {
                if (!grant.practiceId().equals(practiceId) || !grant.isActive(today)) {
                    continue;
                }
                PatientAccess changed =
                        version.equals(grant.consentVersion()) ? grant : grant.withConsent(version, now);
                if (changed != grant) {
                    accounts.updateAccess(changed);
                }
                accepted.add(changed);
            }
            if (accepted.isEmpty()) {
                throw new ValidationException(
                        "practiceId", "access.none", "this account has no access at the practice");
            }
            audit.append(AuditEvent.of(AuditAction.CONSENT_ACCEPTED, Actor.account(accountId), now)
                    .practice(practiceId)
                    .account(accountId)
                    .detail("version", version)
                    .build());
            return List.copyOf(accepted);
        });
    }

    /**
     * Builds what a signed-in holder may use now: active grants, minus those at practices whose
     * current privacy notice requires re-acceptance, which are named instead.
     *
     * @param account the account
     * @param now the current time
     * @return the principal
     */
    public PortalPrincipal principal(PortalAccount account, Instant now) {
        Map<PracticeId, PortalSettings> practices = new HashMap<>();
        List<PatientAccess> usable = new ArrayList<>();
        Set<ConsentRequirement> required = new LinkedHashSet<>();
        for (PatientAccess grant : accounts.findAccessByAccount(account.id())) {
            PortalSettings practice = practices.computeIfAbsent(grant.practiceId(), settings::get);
            if (!grant.isActive(LocalDate.ofInstant(now, practice.practice().timeZone()))) {
                continue;
            }
            ConsentDocument consent = practice.registration().consent();
            if (consent != null
                    && consent.reacceptanceRequired()
                    && !consent.version().equals(grant.consentVersion())) {
                required.add(new ConsentRequirement(grant.practiceId(), consent.version()));
            } else {
                usable.add(grant);
            }
        }
        return new PortalPrincipal(account.id(), account.email(), usable, List.copyOf(required));
    }

    private void recordEnd(PatientAccess grant, AccessEndReason reason, Actor actor, Instant now) {
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

    private PatientAccess load(PracticeId practiceId, AccessId accessId) {
        return accounts.findAccessById(accessId)
                .filter(a -> a.practiceId().equals(practiceId))
                .orElseThrow(() -> new ValidationException("accessId", "not_found", "no such access at this practice"));
    }

    /**
     * What one run of {@link #applyAgeRulesAndEndDates()} did.
     *
     * @param examined grants looked at
     * @param ended grants whose end was recorded
     * @param reduced grants reduced to limited access
     */
    public record AccessReview(int examined, int ended, int reduced) {}
}
