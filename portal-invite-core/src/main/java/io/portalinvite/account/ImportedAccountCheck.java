package io.portalinvite.account;

import io.portalinvite.common.AccessKind;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.PracticeId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.password.LegacyPasswordHash;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.AgePolicy;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.settings.SettingsService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an account to import before anything of it is written: its email, its password hash (in
 * an accepted format) and each grant (ids, the relationship a PROXY grant needs, no repeats, the
 * practice's age rules), naming the field and the rule of what it refuses.
 */
final class ImportedAccountCheck {

    private final SettingsService settings;
    private final Clock clock;

    ImportedAccountCheck(SettingsService settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Checks an account.
     *
     * @param account the account as the other system exported it
     * @param practices the practices' settings read so far in this chunk, filled as new ones are met
     * @return the parsed account
     * @throws ValidationException naming the field and the rule of the first problem
     */
    Valid check(AccountImport account, Map<PracticeId, PortalSettings> practices) {
        EmailAddress email = EmailAddress.parse("email", account.email());
        LegacyPasswordHash hash = LegacyPasswordHash.parse("passwordHash", account.passwordHash());
        if (account.grants().isEmpty()) {
            throw new ValidationException("grants", "import.no_grant", "an imported account needs at least one grant");
        }
        if (account.grants().size() > AccountImportFile.MAX_GRANTS) {
            throw new ValidationException(
                    "grants", "import.too_many_grants", "more than " + AccountImportFile.MAX_GRANTS + " grants");
        }
        List<ValidGrant> grants = new ArrayList<>(account.grants().size());
        Set<String> seen = new HashSet<>();
        Instant now = clock.instant();
        for (int i = 0; i < account.grants().size(); i++) {
            AccountImport.Grant g = account.grants().get(i);
            String at = "grants[" + i + "].";
            PracticeId practiceId = PracticeId.parse(at + "practiceId", g.practiceId());
            PatientId patientId = PatientId.parse(at + "patientId", g.patientId());
            if ((g.kind() == AccessKind.PROXY) != (g.relationship() != null)) {
                throw new ValidationException(
                        at + "relationship",
                        g.kind() == AccessKind.PROXY
                                ? "import.proxy_needs_relationship"
                                : "import.self_has_no_relationship",
                        "PROXY access names the relationship, SELF access none");
            }
            if (!seen.add(practiceId.value() + "\u0000" + patientId.value() + "\u0000" + g.kind())) {
                throw new ValidationException(at + "patientId", "import.repeated_grant", "the same grant twice");
            }
            PortalSettings practice = practices.computeIfAbsent(practiceId, settings::get);
            LocalDate dob = g.patientDateOfBirth();
            if (dob != null) {
                LocalDate today = LocalDate.ofInstant(now, practice.practice().timeZone());
                if (dob.isAfter(today)) {
                    throw new ValidationException(at + "patientDateOfBirth", "date_of_birth.future", "in the future");
                }
                AgePolicy ages = practice.registration().agePolicy();
                LocalDate parentalEnd = g.kind() == AccessKind.PROXY && ages.appliesTo(g.relationship())
                        ? ages.parentalEndsOn(dob)
                        : null;
                if (parentalEnd != null && !today.isBefore(parentalEnd)) {
                    throw new ValidationException(
                            at + "relationship",
                            "age.parental_access_ended",
                            "Parental access to this patient has ended under the practice's age rules");
                }
            }
            grants.add(new ValidGrant(g, practiceId, patientId, practice));
        }
        return new Valid(email, hash, grants);
    }

    /** A grant that passed, with its practice's settings. */
    record ValidGrant(
            AccountImport.Grant source, PracticeId practiceId, PatientId patientId, PortalSettings settings) {}

    /** An account that passed. */
    record Valid(EmailAddress email, LegacyPasswordHash hash, List<ValidGrant> grants) {}
}
