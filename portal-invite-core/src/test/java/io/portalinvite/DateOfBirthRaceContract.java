package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.PatientId;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.invitation.DateOfBirthMismatchException;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The date-of-birth check under parallel guessing: every submission is one counted attempt, whatever
 * the concurrency. Fifty guesses at once count exactly the practice's limit, revoke the link, and get
 * only answers that do not depend on the date (a mismatch while attempts were left, then the answer
 * of any dead link); a guess sent with a blocklisted password is answered about the password only
 * when its date was checked as right before the limit was reached. Storage modules subclass it to
 * prove it on their technology.
 */
public abstract class DateOfBirthRaceContract {

    /** Guesses sent at once. */
    protected static final int GUESSES = 50;

    /** Wrong dates tolerated before the link is revoked. */
    private static final int LIMIT = 5;

    /** On the blocklist (and long enough), so it fails only the password policy. */
    private static final String BLOCKLISTED = "Password123456789!!";

    private PortalFixture f;

    /**
     * Creates fresh, empty stores.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    /**
     * How many races each test runs; subclasses on slow databases may lower it.
     *
     * @return the repetitions
     */
    protected int repetitions() {
        return 10;
    }

    @BeforeEach
    void wirePortal() {
        f = new PortalFixture(newStorage());
        f.enablePortal(b -> b.maxDateOfBirthAttempts(LIMIT));
    }

    @Test
    void completeRegistrationWhenFiftyWrongDatesArriveAtOnceThenExactlyTheLimitCountedAndTheLinkRevoked() {
        try (Race race = new Race(GUESSES)) {
            for (int round = 0; round < repetitions(); round++) {
                String patient = "dob-race-" + round;
                String token = f.inviteAndDeliver(f.newPatient(patient).build());

                List<Race.Outcome<Object>> outcomes =
                        race.run(i -> () -> complete(token, wrongDate(i), PortalFixture.GOOD_PASSWORD));

                List<Throwable> failures = failures(outcomes, round);
                assertThat(failures)
                        .as("round %d: wrong dates answered only as a mismatch or as a dead link", round)
                        .allSatisfy(e -> assertThat(e)
                                .isInstanceOfAny(DateOfBirthMismatchException.class, InvalidLinkException.class));
                List<DateOfBirthMismatchException> mismatches = mismatches(failures);
                assertThat(mismatches).as("round %d: counted mismatches", round).hasSize(LIMIT);
                assertThat(mismatches.stream().map(DateOfBirthMismatchException::attemptsRemaining))
                        .as("round %d: each count answered once", round)
                        .containsExactlyInAnyOrder(4, 3, 2, 1, 0);
                assertThat(mismatches.stream()
                                .filter(e -> e.attemptsRemaining() > 0)
                                .map(Throwable::getMessage)
                                .collect(Collectors.toSet()))
                        .as("round %d: one message for every wrong date while attempts are left", round)
                        .hasSize(1);
                assertRevokedAfterExactlyTheLimit(patient, round);
            }
        }
    }

    @Test
    void completeRegistrationWhenGuessesCarryABlocklistedPasswordThenTheRightDateIsNoOracle() {
        try (Race race = new Race(GUESSES)) {
            for (int round = 0; round < repetitions(); round++) {
                String patient = "dob-oracle-" + round;
                String token = f.inviteAndDeliver(f.newPatient(patient).build());
                int right = (round * 7) % GUESSES;

                List<Race.Outcome<Object>> outcomes = race.run(
                        i -> () -> complete(token, i == right ? PortalFixture.DOB : wrongDate(i), BLOCKLISTED));

                List<Throwable> failures = failures(outcomes, round);
                for (int i = 0; i < GUESSES; i++) {
                    Throwable answer = failures.get(i);
                    if (i == right) {
                        // about the password only when its date was checked as right in time; once
                        // the limit is reached it is a dead link, as for every wrong date
                        assertThat(answer)
                                .as("round %d: the right date", round)
                                .isInstanceOfAny(PasswordRejectedException.class, InvalidLinkException.class);
                    } else {
                        assertThat(answer)
                                .as("round %d: wrong date %d", round, i)
                                .isInstanceOfAny(DateOfBirthMismatchException.class, InvalidLinkException.class);
                    }
                }
                assertThat(mismatches(failures))
                        .as("round %d: counted mismatches", round)
                        .hasSize(LIMIT);
                assertRevokedAfterExactlyTheLimit(patient, round);
                // after the race the right date tells nothing either
                assertThatThrownBy(() -> complete(token, PortalFixture.DOB, BLOCKLISTED))
                        .as("round %d: the right date after the limit", round)
                        .isInstanceOf(InvalidLinkException.class);
            }
        }
    }

    @Test
    void completeRegistrationWhenRightDateWithBlocklistedPasswordBeforeTheLimitThenPasswordAnswerAndNothingCounted() {
        String token = f.inviteAndDeliver(f.newPatient("dob-right").build());
        assertThatThrownBy(() -> complete(token, wrongDate(1), BLOCKLISTED))
                .isInstanceOf(DateOfBirthMismatchException.class);

        assertThatThrownBy(() -> complete(token, PortalFixture.DOB, BLOCKLISTED))
                .isInstanceOf(PasswordRejectedException.class);

        assertThat(invitation("dob-right").dateOfBirthFailures()).isEqualTo(1);
        assertThat(invitation("dob-right").status()).isEqualTo(InvitationStatus.SENT);
    }

    private void assertRevokedAfterExactlyTheLimit(String patient, int round) {
        Invitation invitation = invitation(patient);
        assertThat(invitation.status()).as("round %d: status", round).isEqualTo(InvitationStatus.REVOKED);
        assertThat(invitation.revocationReason())
                .as("round %d: reason", round)
                .isEqualTo(RevocationReason.DATE_OF_BIRTH_ATTEMPTS);
        assertThat(invitation.dateOfBirthFailures())
                .as("round %d: failures", round)
                .isEqualTo(LIMIT);
        List<AuditAction> actions =
                f.storage.audit().findByPatient(PortalFixture.PRACTICE, PatientId.of(patient)).stream()
                        .map(AuditEvent::action)
                        .toList();
        assertThat(actions)
                .as("round %d: failures audited", round)
                .filteredOn(a -> a == AuditAction.DATE_OF_BIRTH_FAILED)
                .hasSize(LIMIT);
        assertThat(actions)
                .as("round %d: one revocation audited", round)
                .filteredOn(a -> a == AuditAction.INVITATION_REVOKED)
                .hasSize(1);
    }

    private Object complete(String token, LocalDate dateOfBirth, String password) {
        return f.portal.registration().complete(new CompleteRegistration(token, password, password, dateOfBirth));
    }

    private Invitation invitation(String patient) {
        List<Invitation> all = f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of(patient));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** A distinct wrong date per guess. */
    private static LocalDate wrongDate(int i) {
        return PortalFixture.DOB.plusDays(i + 1L);
    }

    private static List<Throwable> failures(List<Race.Outcome<Object>> outcomes, int round) {
        assertThat(outcomes).as("round %d: no guess may succeed", round).noneMatch(Race.Outcome::returned);
        return outcomes.stream().map(o -> nonNull(o.failure())).toList();
    }

    private static List<DateOfBirthMismatchException> mismatches(List<Throwable> failures) {
        return failures.stream()
                .filter(DateOfBirthMismatchException.class::isInstance)
                .map(DateOfBirthMismatchException.class::cast)
                .toList();
    }

    private static Throwable nonNull(@Nullable Throwable t) {
        assertThat(t).isNotNull();
        return t;
    }
}
