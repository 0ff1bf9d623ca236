package io.portalinvite.account;

import io.portalinvite.account.PortalPrincipal.ConsentRequirement;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditStore;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.Actor;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
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
import java.util.Set;

/**
 * A practice's privacy notice as it gates access: recording that a holder accepted the current
 * version, and building the principal a signed-in holder may use, leaving out grants whose practice
 * asks for the current notice to be accepted again. Behind {@link AccessService#acceptConsent} and
 * {@link AccessService#principal}.
 */
final class ConsentGate {

    private final TransactionRunner tx;
    private final AccountStore accounts;
    private final AuditStore audit;
    private final SettingsService settings;
    private final Clock clock;

    ConsentGate(TransactionRunner tx, AccountStore accounts, AuditStore audit, SettingsService settings, Clock clock) {
        this.tx = tx;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Records acceptance of the practice's current notice on the holder's grants there; audited. */
    List<PatientAccess> accept(AccountId accountId, PracticeId practiceId, String version) {
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

    /** Active grants usable now, and the practices whose notice must be accepted again first. */
    PortalPrincipal principal(PortalAccount account, Instant now) {
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
}
