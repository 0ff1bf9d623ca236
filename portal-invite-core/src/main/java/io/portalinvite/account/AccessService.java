package io.portalinvite.account;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.ConcurrentChangeException;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.StaffId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.event.PortalEventListener;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.SettingsService;
import io.portalinvite.tx.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Access grants as staff and the daily sweep see them: list a patient's or an account's grants,
 * revoke one grant, set its end date, apply the practices' age rules, and record acceptance of a
 * practice's privacy notice.
 *
 * <p>Every change is audited and published to listeners after it commits. The daily sweep
 * ({@code AccessSweep}) and the privacy-notice gate ({@code ConsentGate}) are their own classes; the
 * audit entry, events and log line of an ended grant are written in one place ({@code AccessChanges}).
 */
public final class AccessService {

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final Clock clock;
    private final AccessChanges changes;
    private final AccessSweep sweep;
    private final ConsentGate consentGate;

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
        this.changes = new AccessChanges(tx, audit, events, inTransaction);
        this.sweep = new AccessSweep(tx, accounts, audit, settings, clock, changes);
        this.consentGate = new ConsentGate(tx, accounts, audit, settings, clock);
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
            changes.recordEnd(revoked, AccessEndReason.REVOKED_BY_STAFF, actor, now);
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
                    changes.recordEnd(grant, AccessEndReason.REVOKED_BY_STAFF, actor, now);
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
        return sweep.run();
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
        return consentGate.accept(accountId, practiceId, version);
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
        return consentGate.principal(account, now);
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
