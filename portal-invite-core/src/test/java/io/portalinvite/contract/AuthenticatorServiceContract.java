package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.audit.AuditEvent.AuditOutcome;
import io.portalinvite.audit.AuditQuery;
import io.portalinvite.authenticator.AuthenticatorService;
import io.portalinvite.authenticator.PasskeyCredential;
import io.portalinvite.authenticator.SecondFactorCheck;
import io.portalinvite.authenticator.TotpSetup;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.settings.SecondFactorPolicy;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.SignInClient;
import io.portalinvite.throttle.SignInThrottleSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

/**
 * The second factor end to end on a storage implementation: enrolling an authenticator app with a
 * code computed from the shown secret, a code accepted once (a replay within its window refused),
 * recovery codes that each work once, the throttle that stops guessing from elsewhere without
 * locking the owner's known device, passkey management, and an audit entry for each.
 */
public abstract class AuthenticatorServiceContract {

    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    private static final SignInClient ELSEWHERE = new SignInClient("203.0.113.9", null);

    private PortalFixture f;
    private AccountId account;
    private String email;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    /**
     * How many single-use races to run; slow databases may lower it.
     *
     * @return the rounds
     */
    protected int raceRounds() {
        return 10;
    }

    private AuthenticatorService start(SecondFactorPolicy policy, Consumer<io.portalinvite.PortalInvite.Builder> more) {
        f = new PortalFixture(newStorage(), b -> {
            b.authenticatorKey(KEY);
            more.accept(b);
        });
        f.enablePortal(b -> b.dateOfBirthCheck(false).secondFactor(policy));
        String token = f.inviteAndDeliver(f.newPatient("p1").mobile(null).build());
        account = f.portal
                .registration()
                .complete(
                        new CompleteRegistration(token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null))
                .accountId();
        email = "ada.p1@example.org";
        return f.portal.authenticators();
    }

    private AuthenticatorService start(SecondFactorPolicy policy) {
        return start(policy, b -> {});
    }

    @Test
    void enrolTotpWhenCodeComputedFromShownSecretThenConfirmedAndAudited() {
        AuthenticatorService authenticators = start(SecondFactorPolicy.OPTIONAL);
        TotpSetup setup = authenticators.startTotpEnrolment(account, PortalFixture.PRACTICE);

        assertThat(setup.secret()).matches("[A-Z2-7]{32}");
        String uri = URLDecoder.decode(setup.enrolmentUri().toString(), StandardCharsets.UTF_8);
        assertThat(uri)
                .startsWith("otpauth://totp/Sunrise Family Clinic:" + email + "?secret=" + setup.secret())
                .contains("issuer=Sunrise Family Clinic");
        assertThat(authenticators.totpEnrolled(account)).isFalse();
        assertThat(authenticators.confirmTotp(account, "000000".equals(code(setup, 0)) ? "111111" : "000000"))
                .isFalse();
        assertThat(authenticators.confirmTotp(account, code(setup, 0))).isTrue();
        assertThat(authenticators.totpEnrolled(account)).isTrue();
        assertThat(actions()).contains(AuditAction.TOTP_ENROLLED);
        byte[] sealed =
                f.storage.authenticators().findTotp(account).orElseThrow().sealedSecret();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(Base32.decode(setup.secret()), StandardCharsets.ISO_8859_1));
    }

    @Test
    void verifyTotpWhenSameCodeReplayedWithinItsWindowThenRefused() {
        AuthenticatorService authenticators = start(SecondFactorPolicy.REQUIRED);
        TotpSetup setup = enrolled(authenticators);
        f.clock.advance(Duration.ofSeconds(30));
        String code = code(setup, 0);

        assertThat(authenticators.verifyTotp(account, code, ELSEWHERE).accepted())
                .isTrue();
        f.clock.advance(Duration.ofSeconds(10));
        SecondFactorCheck replay = authenticators.verifyTotp(account, code, ELSEWHERE);
        assertThat(replay.accepted()).isFalse();
        assertThat(replay.rateLimited()).isFalse();
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(authenticators.verifyTotp(account, code(setup, 0), ELSEWHERE).accepted())
                .isTrue();
        assertThat(entries(AuditAction.SECOND_FACTOR_SUCCESS)).hasSize(2);
        assertThat(entries(AuditAction.SECOND_FACTOR_FAILURE))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILURE));
    }

    @Test
    void verifyTotpWhenManyThreadsPresentOneCodeThenExactlyOneAcceptedEachRound() {
        AuthenticatorService authenticators = start(
                SecondFactorPolicy.REQUIRED,
                b -> b.signInThrottle(new SignInThrottleSettings(
                        new Budget(100_000, Duration.ofMinutes(1)),
                        new Budget(100_000, Duration.ofMinutes(1)),
                        Duration.ofDays(30),
                        new Budget(100_000, Duration.ofMinutes(1)))));
        TotpSetup setup = enrolled(authenticators);
        try (Race race = new Race(8)) {
            for (int round = 0; round < raceRounds(); round++) {
                f.clock.advance(Duration.ofSeconds(30));
                String code = code(setup, 0);
                List<Race.Outcome<SecondFactorCheck>> outcomes =
                        race.run(i -> () -> authenticators.verifyTotp(account, code, ELSEWHERE));
                assertThat(outcomes).allMatch(Race.Outcome::returned);
                assertThat(outcomes.stream()
                                .filter(o -> o.value() != null && o.value().accepted()))
                        .as("round %d", round)
                        .hasSize(1);
            }
        }
    }

    @Test
    void verifyTotpWhenTenWrongCodesFromElsewhereThenThrottledButOwnersKnownDeviceStillSignsIn() {
        AuthenticatorService authenticators = start(SecondFactorPolicy.REQUIRED);
        LoginResult owner =
                f.portal.login().login(email, PortalFixture.GOOD_PASSWORD, new SignInClient("198.51.100.7", null));
        String deviceCookie = owner.deviceCookie().orElseThrow();
        TotpSetup setup = enrolled(authenticators);
        f.clock.advance(Duration.ofSeconds(30));
        String right = code(setup, 0);
        String wrong = right.equals("123456") ? "654321" : "123456";

        for (int i = 0; i < 10; i++) {
            SecondFactorCheck check = authenticators.verifyTotp(account, wrong, ELSEWHERE);
            assertThat(check.accepted()).isFalse();
            assertThat(check.rateLimited()).as("attempt %d", i + 1).isFalse();
        }
        SecondFactorCheck eleventh = authenticators.verifyTotp(account, right, ELSEWHERE);
        assertThat(eleventh.accepted()).isFalse();
        assertThat(eleventh.rateLimited()).isTrue();
        assertThat(eleventh.waitFor()).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(authenticators
                        .useRecoveryCode(account, "AAAA-AAAA-AAAA-AAAA", ELSEWHERE)
                        .rateLimited())
                .isTrue();

        SecondFactorCheck fromKnownDevice =
                authenticators.verifyTotp(account, right, new SignInClient("198.51.100.7", deviceCookie));
        assertThat(fromKnownDevice.accepted()).isTrue();
        assertThat(entries(AuditAction.SECOND_FACTOR_FAILURE))
                .filteredOn(e -> "rate_limited".equals(e.details().get("reason")))
                .hasSize(2);
    }

    @Test
    void useRecoveryCodeWhenIssuedThenEachWorksOnceAndReissueKillsTheOldSet() {
        AuthenticatorService authenticators = start(SecondFactorPolicy.REQUIRED);
        List<String> codes = authenticators.issueRecoveryCodes(account);
        assertThat(codes).hasSize(10);
        assertThat(new HashSet<>(codes)).hasSize(10);
        assertThat(authenticators.unusedRecoveryCodes(account)).isEqualTo(10);

        assertThat(authenticators
                        .useRecoveryCode(account, codes.get(0), ELSEWHERE)
                        .accepted())
                .isTrue();
        assertThat(authenticators
                        .useRecoveryCode(account, codes.get(0), ELSEWHERE)
                        .accepted())
                .isFalse();
        String typed = codes.get(1).replace("-", " ").toLowerCase(Locale.ROOT);
        assertThat(authenticators.useRecoveryCode(account, typed, ELSEWHERE).accepted())
                .isTrue();
        assertThat(authenticators.unusedRecoveryCodes(account)).isEqualTo(8);

        List<String> fresh = authenticators.issueRecoveryCodes(account);
        assertThat(authenticators
                        .useRecoveryCode(account, codes.get(2), ELSEWHERE)
                        .accepted())
                .isFalse();
        assertThat(authenticators
                        .useRecoveryCode(account, fresh.get(0), ELSEWHERE)
                        .accepted())
                .isTrue();
        assertThat(actions()).contains(AuditAction.RECOVERY_CODES_ISSUED);
        assertThat(entries(AuditAction.SECOND_FACTOR_SUCCESS))
                .allSatisfy(e -> assertThat(e.details()).containsEntry("method", "recovery_code"))
                .allSatisfy(e -> assertThat(e.details().toString()).doesNotContain(codes.get(0)));
    }

    @Test
    void useRecoveryCodeWhenManyThreadsPresentOneCodeThenExactlyOneAccepted() {
        AuthenticatorService authenticators = start(
                SecondFactorPolicy.REQUIRED,
                b -> b.signInThrottle(new SignInThrottleSettings(
                        new Budget(100_000, Duration.ofMinutes(1)),
                        new Budget(100_000, Duration.ofMinutes(1)),
                        Duration.ofDays(30),
                        new Budget(100_000, Duration.ofMinutes(1)))));
        List<String> codes = authenticators.issueRecoveryCodes(account);
        try (Race race = new Race(8)) {
            for (String code : codes) {
                List<Race.Outcome<SecondFactorCheck>> outcomes =
                        race.run(i -> () -> authenticators.useRecoveryCode(account, code, ELSEWHERE));
                assertThat(outcomes).allMatch(Race.Outcome::returned);
                assertThat(outcomes.stream()
                                .filter(o -> o.value() != null && o.value().accepted()))
                        .hasSize(1);
            }
        }
        assertThat(authenticators.unusedRecoveryCodes(account)).isZero();
    }

    @Test
    void startTotpEnrolmentWhenPracticeOffOrAppAlreadyConfirmedThenRefusedNamingTheRule() {
        AuthenticatorService authenticators = start(SecondFactorPolicy.OFF);
        assertThatThrownBy(() -> authenticators.startTotpEnrolment(account, PortalFixture.PRACTICE))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::rule)
                                .containsExactly("second_factor.off"));
        f.enablePortal(b -> b.dateOfBirthCheck(false).secondFactor(SecondFactorPolicy.OPTIONAL));
        enrolled(authenticators);
        assertThatThrownBy(() -> authenticators.startTotpEnrolment(account, PortalFixture.PRACTICE))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::rule)
                                .containsExactly("totp.already_enrolled"));
        assertThat(authenticators.removeTotp(account)).isTrue();
        assertThat(authenticators.totpEnrolled(account)).isFalse();
        assertThat(authenticators.startTotpEnrolment(account, PortalFixture.PRACTICE))
                .isNotNull();
        assertThat(actions()).contains(AuditAction.TOTP_REMOVED);
    }

    @Test
    void passkeysWhenAddedRenamedAndRemovedThenListedAndAudited() {
        AuthenticatorService authenticators = start(SecondFactorPolicy.OPTIONAL);
        PasskeyCredential phone = passkey("Y3JlZC1waG9uZQ", "Phone", f.clock.instant());
        authenticators.addPasskey(phone);
        f.clock.advance(Duration.ofSeconds(1));
        authenticators.addPasskey(passkey("Y3JlZC1sYXB0b3A", "Laptop", f.clock.instant()));
        assertThatThrownBy(() -> authenticators.addPasskey(passkey("Y3JlZC1waG9uZQ", "Again", f.clock.instant())))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::rule)
                                .containsExactly("passkey.duplicate"));
        assertThatThrownBy(() -> authenticators.renamePasskey(account, "Y3JlZC1waG9uZQ", "a\u202Eb"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(FieldViolation::field)
                                .containsExactly("passkey.label"));
        assertThat(authenticators.renamePasskey(account, "Y3JlZC1waG9uZQ", "  My phone "))
                .isTrue();
        assertThat(authenticators.passkeys(account))
                .extracting(PasskeyCredential::label)
                .containsExactly("My phone", "Laptop");
        assertThat(authenticators.removePasskey(AccountId.random(), "Y3JlZC1waG9uZQ"))
                .isFalse();
        assertThat(authenticators.removePasskey(account, "Y3JlZC1waG9uZQ")).isTrue();
        assertThat(authenticators.passkeys(account))
                .extracting(PasskeyCredential::label)
                .containsExactly("Laptop");
        assertThat(actions())
                .containsSubsequence(
                        AuditAction.PASSKEY_ADDED,
                        AuditAction.PASSKEY_ADDED,
                        AuditAction.PASSKEY_RENAMED,
                        AuditAction.PASSKEY_REMOVED);
    }

    private TotpSetup enrolled(AuthenticatorService authenticators) {
        TotpSetup setup = authenticators.startTotpEnrolment(account, PortalFixture.PRACTICE);
        assertThat(authenticators.confirmTotp(account, code(setup, 0))).isTrue();
        return setup;
    }

    /** The code an authenticator app shows now (plus {@code steps}), computed from the shown secret. */
    private String code(TotpSetup setup, int steps) {
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
            int code = totp.generateOneTimePassword(
                    new SecretKeySpec(Base32.decode(setup.secret()), "HmacSHA1"),
                    f.clock.instant().plusSeconds(30L * steps));
            return String.format(Locale.ROOT, "%06d", code);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private PasskeyCredential passkey(String id, String label, Instant createdAt) {
        return new PasskeyCredential(
                id, account, new byte[] {1, 2, 3}, 0, List.of("internal"), "dXNlci1oYW5kbGU", label, createdAt, null);
    }

    private List<AuditEvent> entries(AuditAction action) {
        return audit().stream().filter(e -> e.action() == action).toList();
    }

    private List<AuditAction> actions() {
        return audit().stream().map(AuditEvent::action).toList();
    }

    private List<AuditEvent> audit() {
        return f.storage
                .transactions()
                .inTransaction(() -> f.storage
                        .audit()
                        .query(AuditQuery.account(account)
                                .pageSize(AuditQuery.MAX_PAGE_SIZE)
                                .build())
                        .events());
    }
}
