package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.ValidationException;
import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.password.PasswordCheck.PasswordRejectedException;
import io.portalinvite.reset.PasswordResetService.CompletePasswordReset;
import io.portalinvite.reset.PasswordResetService.ResetRequestReceipt;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import io.portalinvite.testing.RecordingStorage;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" on a storage implementation: same answer and same store work for known and
 * unknown emails, single-use links under contention, older links dying with newer requests,
 * expiry, rate limiting, sessions invalidated by the change, and the audit trail.
 */
public abstract class PasswordResetContract {

    /** A second password that satisfies the default policy. */
    protected static final String NEW_PASSWORD = "amber lantern sways above slow rivers";

    private RecordingStorage recording;
    private PortalFixture f;
    private String email;
    private AccountId account;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    /**
     * How many single-use races to run; slow databases may lower it.
     *
     * @return the repetitions
     */
    protected int raceRounds() {
        return 25;
    }

    @BeforeEach
    void registerAnAccount() {
        recording = new RecordingStorage(newStorage());
        f = new PortalFixture(recording.storage());
        f.enablePortal(b -> b.dateOfBirthCheck(false));
        String token = f.inviteAndDeliver(f.newPatient("p1").mobile(null).build());
        account = f.portal
                .registration()
                .complete(
                        new CompleteRegistration(token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null))
                .accountId();
        email = "ada.p1@example.org";
        f.email.clear();
    }

    private String requestAndDeliver() {
        f.portal.passwordReset().request(PortalFixture.PRACTICE, email);
        f.portal.dispatcher().drain();
        return CapturingEmailSender.tokenIn(f.email.last());
    }

    @Test
    void requestWhenEmailUnknownThenSameReceiptAndSameStoreWorkAsForAKnownEmail() {
        ResetRequestReceipt[] receipts = new ResetRequestReceipt[2];
        List<String> known =
                recording.record(() -> receipts[0] = f.portal.passwordReset().request(PortalFixture.PRACTICE, email));
        List<String> unknown = recording.record(
                () -> receipts[1] = f.portal.passwordReset().request(PortalFixture.PRACTICE, "nobody@example.org"));
        assertThat(receipts[1]).isEqualTo(receipts[0]).isSameAs(ResetRequestReceipt.GENERIC);
        assertThat(unknown).isEqualTo(known).contains("passwordResets.insert", "outbox.insert", "audit.append");
        // and a malformed address is answered the same way too
        assertThat(f.portal.passwordReset().request(PortalFixture.PRACTICE, "not an email"))
                .isEqualTo(receipts[0]);

        assertThat(f.portal.dispatcher().drain()).isEqualTo(1);
        assertThat(f.email.sent()).hasSize(1);
        EmailMessage sent = f.email.last();
        assertThat(sent.to().value()).isEqualTo(email);
        assertThat(sent.subject()).isEqualTo(DefaultMessageComposer.RESET_SUBJECT);
        assertThat(sent.textBody()).contains("https://portal.sunrise.example/password-reset?token=");
    }

    @Test
    void requestWhenEmailUnknownThenAuditRecordsItWithoutTheAddress() {
        f.portal.passwordReset().request(PortalFixture.PRACTICE, "nobody@example.org");
        List<AuditEvent> requested = audit(AuditAction.PASSWORD_RESET_REQUESTED);
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).outcome()).isEqualTo(AuditOutcome.FAILURE);
        assertThat(requested.get(0).details()).containsEntry("reason", "unknown_email");
        assertThat(requested.get(0).toString()).doesNotContain("nobody");
        assertThat(requested.get(0).details().values()).noneMatch(v -> v.contains("nobody"));
    }

    @Test
    void completeWhenLinkValidThenNewPasswordWorksOldFailsAndEarlierSessionsEnd() {
        Instant sessionStart = f.clock.instant();
        assertThat(f.portal.login().isSessionValid(account, sessionStart)).isTrue();
        String token = requestAndDeliver();
        f.clock.advance(Duration.ofMinutes(1));

        AccountId changed =
                f.portal.passwordReset().complete(new CompletePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD));

        assertThat(changed).isEqualTo(account);
        assertThat(f.portal.login().isSessionValid(account, sessionStart)).isFalse();
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD).succeeded())
                .isFalse();
        f.clock.advance(Duration.ofSeconds(1));
        Instant newSession = f.clock.instant();
        assertThat(f.portal.login().login(email, NEW_PASSWORD).succeeded()).isTrue();
        assertThat(f.portal.login().isSessionValid(account, newSession)).isTrue();
        assertThat(audit(AuditAction.PASSWORD_RESET))
                .singleElement()
                .satisfies(e -> assertThat(e.accountId()).isEqualTo(account));
        assertThat(f.events)
                .anyMatch(e -> e instanceof PortalEvent.PasswordReset r
                        && r.accountId().equals(account));
        assertThatThrownBy(() ->
                        f.portal.passwordReset().complete(new CompletePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD)))
                .isInstanceOf(InvalidLinkException.class);
    }

    @Test
    void completeWhenSixteenThreadsUseTheSameLinkThenExactlyOneSucceedsEveryRound() {
        try (Race race = new Race(16)) {
            for (int round = 0; round < raceRounds(); round++) {
                String token = requestAndDeliver();
                String password = NEW_PASSWORD + " " + round;
                AtomicInteger wins = new AtomicInteger();
                List<Race.Outcome<AccountId>> outcomes = race.run(i -> () -> {
                    AccountId id =
                            f.portal.passwordReset().complete(new CompletePasswordReset(token, password, password));
                    wins.incrementAndGet();
                    return id;
                });
                assertThat(wins.get()).as("round %d", round).isEqualTo(1);
                assertThat(outcomes)
                        .filteredOn(o -> !o.returned())
                        .allMatch(o -> o.failure() instanceof InvalidLinkException, "generic invalid link");
                assertThat(f.portal.login().login(email, password).succeeded()).isTrue();
                f.clock.advance(Duration.ofMinutes(30));
            }
        }
        assertThat(audit(AuditAction.PASSWORD_RESET)).hasSize(raceRounds());
    }

    @Test
    void completeWhenANewerLinkWasRequestedThenTheOlderLinkIsRefused() {
        String older = requestAndDeliver();
        String newer = requestAndDeliver();
        assertThat(newer).isNotEqualTo(older);
        assertThatThrownBy(() ->
                        f.portal.passwordReset().complete(new CompletePasswordReset(older, NEW_PASSWORD, NEW_PASSWORD)))
                .isInstanceOf(InvalidLinkException.class);
        f.portal.passwordReset().complete(new CompletePasswordReset(newer, NEW_PASSWORD, NEW_PASSWORD));
        assertThat(f.portal.login().login(email, NEW_PASSWORD).succeeded()).isTrue();
    }

    @Test
    void completeWhenLinkExpiredThenRefusedAndPasswordUnchanged() {
        String token = requestAndDeliver();
        f.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() ->
                        f.portal.passwordReset().complete(new CompletePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD)))
                .isInstanceOf(InvalidLinkException.class);
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD).succeeded())
                .isTrue();
    }

    @Test
    void completeWhenPasswordBreaksPolicyOrConfirmationDiffersThenRefusedAndLinkStillWorks() {
        String token = requestAndDeliver();
        assertThatThrownBy(() -> f.portal.passwordReset().complete(new CompletePasswordReset(token, "short", "short")))
                .isInstanceOf(PasswordRejectedException.class);
        assertThatThrownBy(() -> f.portal
                        .passwordReset()
                        .complete(new CompletePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD + "x")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).hasViolationFor("passwordConfirmation"))
                        .isTrue());
        f.portal.passwordReset().complete(new CompletePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD));
    }

    @Test
    void requestWhenAskedTooOftenThenSameReceiptButNoMoreEmails() {
        for (int i = 0; i < 5; i++) {
            assertThat(f.portal.passwordReset().request(PortalFixture.PRACTICE, email))
                    .isEqualTo(ResetRequestReceipt.GENERIC);
        }
        f.portal.dispatcher().drain();
        // the first three links were queued; each newer one superseded the one before, so one is sent
        assertThat(f.email.sent()).hasSize(1);
        assertThat(audit(AuditAction.PASSWORD_RESET_REQUESTED))
                .filteredOn(e -> "rate_limited".equals(e.details().get("reason")))
                .hasSize(2);
        f.clock.advance(Duration.ofMinutes(61));
        requestAndDeliver();
        assertThat(f.email.sent()).hasSize(2);
    }

    @Test
    void completeWhenAccountWasLockedThenUnlockedWithTheNewPassword() {
        for (int i = 0; i < 100; i++) {
            f.portal.login().login(email, "wrong password " + i);
            f.clock.advance(Duration.ofHours(1));
        }
        assertThat(f.storage.accounts().findById(account))
                .map(PortalAccount::status)
                .contains(AccountStatus.LOCKED);
        String token = requestAndDeliver();
        f.portal.passwordReset().complete(new CompletePasswordReset(token, NEW_PASSWORD, NEW_PASSWORD));
        PortalAccount after = f.storage.accounts().findById(account).orElseThrow();
        assertThat(after.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(after.failedLogins()).isZero();
        LoginResult login = f.portal.login().login(email, NEW_PASSWORD);
        assertThat(login.succeeded()).isTrue();
    }

    @Test
    void tokensWhenPresentedForTheOtherPurposeThenRefused() {
        String resetToken = requestAndDeliver();
        assertThatThrownBy(() -> f.portal.registration().preview(resetToken)).isInstanceOf(InvalidLinkException.class);
        String invitationToken =
                f.inviteAndDeliver(f.newPatient("p2").mobile(null).build());
        assertThatThrownBy(() -> f.portal
                        .passwordReset()
                        .complete(new CompletePasswordReset(invitationToken, NEW_PASSWORD, NEW_PASSWORD)))
                .isInstanceOf(InvalidLinkException.class);
    }

    @Test
    void requestWhenNoAccountButOpenInvitationThenNoLinkAndTheInvitationIsNotActivated() {
        f.inviteAndDeliver(f.newPatient("p3").mobile(null).build());
        f.email.clear();
        f.portal.passwordReset().request(PortalFixture.PRACTICE, "ada.p3@example.org");
        f.portal.dispatcher().drain();
        assertThat(f.email.sent()).isEmpty();
        assertThat(f.storage.accounts().findByEmail("ada.p3@example.org")).isEmpty();
    }

    private List<AuditEvent> audit(AuditAction action) {
        return recording.appended().stream().filter(e -> e.action() == action).toList();
    }
}
