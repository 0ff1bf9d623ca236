package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.LoginService.LoginPolicy;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.throttle.Budget;
import io.portalinvite.throttle.SignInClient;
import io.portalinvite.throttle.SignInThrottleSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling that cannot be turned against the owner (OWASP's device cookies): failures
 * from clients without the owner's device cookie lock those clients out, never the owner's known
 * device; a client address past its budget is refused with a time to wait, before any account is
 * looked at, so unknown and known emails are answered alike; an email past its own budget is
 * answered "paused" at the same attempt and for as long whether or not an account has it. Storage modules subclass it, so the
 * budgets are those of their store.
 */
public abstract class SignInThrottleContract {

    private static final String OWNER_DEVICE_ADDRESS = "203.0.113.7";
    private static final String ATTACKER = "198.51.100.9";
    private static final String WRONG = "not the passphrase that was set";
    /** Budgets that do not refill during a test: one attempt back per 864 s and 2 880 s. */
    private static final SignInThrottleSettings SETTINGS = new SignInThrottleSettings(
            new Budget(100, Duration.ofDays(1)), new Budget(3, Duration.ofHours(8)), Duration.ofDays(30));
    /** A per-email budget of the login policy's {@code throttleFrom}: one attempt back per 12 minutes. */
    private static final Budget PER_EMAIL = new Budget(5, Duration.ofHours(1));

    private PortalFixture f;
    private String email;

    /**
     * Creates fresh, empty stores.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void registerOwner() {
        registerOwner(SETTINGS);
    }

    private void registerOwner(SignInThrottleSettings settings) {
        f = new PortalFixture(
                newStorage(),
                b -> b.signInThrottle(settings)
                        .loginPolicy(new LoginPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(15), 20)));
        f.enablePortal(b -> b.dateOfBirthCheck(false));
        String token = f.inviteAndDeliver(f.newPatient("owner").mobile(null).build());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        email = "ada.owner@example.org";
    }

    @Test
    void loginWhenAttackerBurnsTheAccountBudgetFromOneClientThenTheOwnersKnownDeviceSignsInAtOnce() {
        String cookie = ownerSignsIn();
        for (int i = 0; i < 30; i++) {
            assertThat(login(WRONG + i, new SignInClient(ATTACKER, null)))
                    .satisfies(SignInThrottleContract::genericFailure);
        }
        assertThat(account().throttledUntil())
                .as("the account's lockout engaged")
                .isAfter(f.clock.instant());
        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient("192.0.2.44", null))
                        .succeeded())
                .as("the right password from an unknown client is held back by the lockout")
                .isFalse();

        LoginResult owner = login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, cookie));

        assertThat(owner.succeeded()).as("the owner's known device, at once").isTrue();
        assertThat(owner.deviceCookie()).isPresent().get().isNotEqualTo(cookie);
        assertThat(account().failedLogins()).as("a success clears the counter").isZero();
    }

    @Test
    void loginWhenAccountLockedByFailuresFromElsewhereThenKnownDeviceSignsInAndTheLockEnds() {
        String cookie = ownerSignsIn();
        for (int i = 0; i < 20; i++) {
            f.clock.advance(Duration.ofMinutes(16)); // past every delay, so each attempt is counted
            login(WRONG + i, new SignInClient(ATTACKER, null));
        }
        assertThat(account().status()).isEqualTo(AccountStatus.LOCKED);
        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient(ATTACKER, null))
                        .succeeded())
                .isFalse();

        LoginResult owner = login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, cookie));

        assertThat(owner.succeeded()).isTrue();
        assertThat(account().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(f.portal.login().isSessionValid(account().id(), f.clock.instant()))
                .isTrue();
    }

    @Test
    void loginWhenDeviceCookieTamperedOrOfAnotherAccountThenTreatedAsAnUnknownClient() {
        String cookie = ownerSignsIn();
        String other = "ada.other@example.org";
        String token = f.inviteAndDeliver(f.newPatient("other").mobile(null).build());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        String otherCookie = f.portal
                .login()
                .login(other, PortalFixture.GOOD_PASSWORD, new SignInClient("192.0.2.1", null))
                .deviceCookie()
                .orElseThrow();
        for (int i = 0; i < 6; i++) {
            login(WRONG + i, new SignInClient(ATTACKER, null));
        }
        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "BB" : "AA");

        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, tampered))
                        .succeeded())
                .isFalse();
        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, otherCookie))
                        .succeeded())
                .isFalse();
        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, cookie))
                        .succeeded())
                .isTrue();
    }

    @Test
    void loginWhenKnownDeviceSpendsItsOwnBudgetThenItCountsAsAnUnknownClient() {
        String cookie = ownerSignsIn();
        SignInClient device = new SignInClient(OWNER_DEVICE_ADDRESS, cookie);
        for (int i = 0; i < 3; i++) {
            assertThat(login(WRONG + i, device)).satisfies(SignInThrottleContract::genericFailure);
        }
        assertThat(account().failedLogins())
                .as("the device's failures are its own, not the account's")
                .isZero();

        assertThat(login(WRONG, device)).satisfies(SignInThrottleContract::genericFailure);

        assertThat(account().failedLogins())
                .as("past its budget the device is an unknown client")
                .isEqualTo(1);
    }

    @Test
    void loginWhenThreeHundredAttemptsFromOneAddressThenRefusedWithRetryAfterPastTheBudgetForAnyEmail() {
        List<LoginResult> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String target = i % 2 == 0 ? email : "nobody-" + i + "@example.org";
            answers.add(f.portal.login().login(target, WRONG, new SignInClient(ATTACKER, null)));
        }
        LoginResult rightPassword =
                f.portal.login().login(email, PortalFixture.GOOD_PASSWORD, new SignInClient(ATTACKER, null));

        assertThat(answers.subList(0, 100))
                .allSatisfy(a -> assertThat(a).satisfies(SignInThrottleContract::genericFailure));
        assertThat(answers.subList(100, 300)).allSatisfy(a -> {
            assertThat(a.rateLimited()).isTrue();
            assertThat(a.succeeded()).isFalse();
            assertThat(a.message()).isEqualTo(LoginResult.RATE_LIMITED_MESSAGE);
            assertThat(a.retryAfter())
                    .get()
                    .satisfies(d -> assertThat(d)
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                            .isLessThanOrEqualTo(Duration.ofSeconds(864)));
        });
        assertThat(rightPassword.rateLimited())
                .as("the budget is the address's, whatever the password")
                .isTrue();
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD, new SignInClient("192.0.2.50", null)))
                .as("another address has its own budget")
                .satisfies(r -> assertThat(r.rateLimited()).isFalse());
        assertThat(f.events)
                .as("each refusal recorded (audited and published) like other sign-in failures")
                .filteredOn(e -> e instanceof PortalEvent.LoginFailed failed
                        && failed.reason().equals("address_throttled"))
                .hasSize(201);
    }

    @Test
    void loginWhenUnknownEmailThenTheSameAnswerAsAWrongPasswordAtEveryStage() {
        for (int i = 0; i < 8; i++) {
            SignInClient client = new SignInClient("192.0.2." + (100 + i), null);
            assertThat(f.portal.login().login(email, WRONG, client)).satisfies(SignInThrottleContract::genericFailure);
            assertThat(f.portal.login().login("nobody-" + i + "@example.org", WRONG, client))
                    .satisfies(SignInThrottleContract::genericFailure);
        }
        assertThat(account().throttledUntil())
                .as("the known account is throttled now")
                .isNotNull();
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD, new SignInClient("192.0.2.99", null)))
                .as("throttled, answered as any failure")
                .satisfies(SignInThrottleContract::genericFailure);
    }

    @Test
    void loginWhenEmailBudgetSpentThenKnownAndUnknownEmailsGetTheSameAnswerAtEveryAttempt() {
        registerOwner(SETTINGS.withPerEmail(PER_EMAIL));
        String unknown = "nobody.here@example.org";
        for (int attempt = 1; attempt <= 7; attempt++) {
            LoginResult known = f.portal.login().login(email, WRONG, new SignInClient("192.0.2." + attempt, null));
            LoginResult none =
                    f.portal.login().login(unknown, WRONG, new SignInClient("192.0.2." + (100 + attempt), null));

            assertThat(none.succeeded()).as("attempt %d", attempt).isEqualTo(known.succeeded());
            assertThat(none.paused()).as("attempt %d", attempt).isEqualTo(known.paused());
            assertThat(none.rateLimited()).as("attempt %d", attempt).isEqualTo(known.rateLimited());
            assertThat(none.message()).as("attempt %d", attempt).isEqualTo(known.message());
            assertThat(none.retryAfter().isPresent())
                    .as("attempt %d", attempt)
                    .isEqualTo(known.retryAfter().isPresent());
            if (known.retryAfter().isPresent()) {
                assertThat(known.retryAfter()
                                .get()
                                .minus(none.retryAfter().orElseThrow())
                                .abs())
                        .as("attempt %d: the same wait, within a second", attempt)
                        .isLessThanOrEqualTo(Duration.ofSeconds(1));
            }
            if (attempt <= 5) {
                assertThat(known).as("attempt %d", attempt).satisfies(SignInThrottleContract::genericFailure);
            } else {
                assertThat(known.paused()).as("attempt %d", attempt).isTrue();
                assertThat(known.message()).isEqualTo(LoginResult.PAUSED_MESSAGE);
                assertThat(known.retryAfter())
                        .get()
                        .satisfies(d -> assertThat(d)
                                .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                                .isLessThanOrEqualTo(Duration.ofMinutes(12)));
            }
        }
        assertThat(account().throttledUntil())
                .as("the budget engages where the account's own throttle does")
                .isNotNull();
    }

    @Test
    void loginWhenEmailPausedThenTheRightPasswordIsPausedTooButTheOwnersKnownDeviceSignsIn() {
        registerOwner(SETTINGS.withPerEmail(PER_EMAIL));
        String cookie = ownerSignsIn(); // from a new device: the first of the email's five attempts
        for (int i = 0; i < 6; i++) {
            login(WRONG + i, new SignInClient(ATTACKER, null));
        }

        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient("192.0.2.44", null)))
                .satisfies(r -> {
                    assertThat(r.succeeded()).isFalse();
                    assertThat(r.paused()).isTrue();
                });
        assertThat(login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, cookie))
                        .succeeded())
                .as("the owner's known device is not held by the email's budget")
                .isTrue();
        assertThat(f.events)
                .filteredOn(e -> e instanceof PortalEvent.LoginFailed failed
                        && failed.reason().equals("email_throttled"))
                .as("the attacker's last two and the right password from elsewhere")
                .hasSize(3);
    }

    @Test
    void loginWhenManyParallelAttemptsForOneEmailThenNoMoreGetPastTheBudgetThanItHolds() throws Exception {
        registerOwner(SETTINGS.withPerEmail(PER_EMAIL));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 4; round++) {
                String target = round == 0 ? email : "nobody-" + round + "@example.org";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<LoginResult>> answers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SignInClient client = new SignInClient("198.51.100." + (round * threads + t), null);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return f.portal.login().login(target, WRONG, client);
                    }));
                }
                start.countDown();
                int checked = 0;
                int paused = 0;
                for (Future<LoginResult> answer : answers) {
                    LoginResult r = answer.get(60, TimeUnit.SECONDS);
                    assertThat(r.succeeded()).isFalse();
                    if (r.paused()) {
                        paused++;
                    } else {
                        checked++;
                    }
                }
                assertThat(checked)
                        .as("round %d: attempts past the budget", round)
                        .isEqualTo(5);
                assertThat(paused).isEqualTo(threads - 5);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String ownerSignsIn() {
        LoginResult result = login(PortalFixture.GOOD_PASSWORD, new SignInClient(OWNER_DEVICE_ADDRESS, null));
        assertThat(result.succeeded()).isTrue();
        return result.deviceCookie().orElseThrow();
    }

    private LoginResult login(String password, SignInClient client) {
        return f.portal.login().login(email, password, client);
    }

    private PortalAccount account() {
        return f.storage.accounts().findByEmail(email).orElseThrow();
    }

    /** The generic failure: the same message for a wrong password, an unknown email or a lockout. */
    private static void genericFailure(LoginResult r) {
        assertThat(r.succeeded()).isFalse();
        assertThat(r.rateLimited()).isFalse();
        assertThat(r.paused()).isFalse();
        assertThat(r.deviceCookie()).isEmpty();
        assertThat(r.message()).isEqualTo(LoginResult.FAILURE_MESSAGE);
    }
}
