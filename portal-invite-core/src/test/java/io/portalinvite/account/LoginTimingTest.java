package io.portalinvite.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.TimingComparison;
import io.portalinvite.throttle.SignInClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checklist E1 and E2 (ASVS 6.3.8, no enumeration by message or timing): a login for an unknown
 * email answers exactly as a wrong password for a known one, and takes as long — the unknown path
 * verifies against a dummy hash made with the same Argon2id parameters (the production ones here,
 * m=19 MiB, t=2, p=1), so the two cannot be told apart over 200 attempts each. The comparison is
 * {@link TimingComparison}'s: interleaved, warmed up, the median of the round-by-round wall-clock
 * gaps within 5 % and the median CPU times within 5 %, over 200 attempts each — or more, up to
 * 1 000, when other processes make the samples noisy. Password-reset timing reuses the same helper
 * (see its Javadoc).
 */
class LoginTimingTest {

    /** Attempts of each kind; {@code -Pstress} measures 1 000. */
    private static final int SAMPLES = Integer.getInteger("portal.invite.timing.samples", 200);
    /** When other processes make every sample noisy, more rounds are measured, up to this many. */
    private static final int MAX_SAMPLES = Math.max(1_000, SAMPLES);

    private static final int WARM_UP = 20;
    private static final String WRONG = "not the passphrase that was set";

    @Test
    void loginWhenUnknownVersusKnownAccountWithWrongPasswordThenSameAnswerAndTimesWithinFivePercentE2() {
        PasswordHasher production = new Argon2idPasswordHasher();
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage, b -> b.passwordHasher(production));
        String hash = production.hash(PortalFixture.GOOD_PASSWORD);
        List<String> known = new ArrayList<>();
        storage.transactions().inTransaction(() -> {
            for (int i = 0; i < WARM_UP + MAX_SAMPLES; i++) {
                // one attempt per account, so no account reaches the throttle and every known attempt
                // takes the full verify-and-count path
                String email = "known-" + i + "@example.org";
                storage.accounts().insert(PortalAccount.activate(EmailAddress.of(email), hash, PortalFixture.START));
                known.add(email);
            }
            return null;
        });
        List<LoginResult> answers = new ArrayList<>();

        TimingComparison.Result timing = TimingComparison.interleavedUntilSettled(
                "known account, wrong password",
                i -> answers.add(f.portal.login().login(known.get(i), WRONG)),
                "unknown account",
                i -> answers.add(f.portal.login().login("unknown-" + i + "@example.org", WRONG)),
                SAMPLES,
                WARM_UP,
                0.05,
                MAX_SAMPLES);

        System.out.println("TIMING login (E2): " + timing);
        assertThat(timing.samples()).isBetween(SAMPLES, MAX_SAMPLES);
        assertThat(answers)
                .hasSize(2 * (timing.samples() + WARM_UP))
                .allSatisfy(a -> assertThat(a).isSameAs(LoginResult.failed()));
        assertThat(storage.accounts().findByEmail(known.get(0)).orElseThrow().failedLogins())
                .as("the known path really checked and counted the password")
                .isEqualTo(1);
        assertThat(timing.medianA()).as("real Argon2id cost, not a shortcut").isGreaterThan(1_000_000);
        assertThat(timing.pairedDifference()).as("wall clock: %s", timing).isLessThan(0.05);
        assertThat(timing.cpuMedianDifference()).as("work done: %s", timing).isLessThan(0.05);
    }

    @Test
    void loginWhenUnknownVersusKnownAccountThroughTheSignInThrottleThenSameAnswerAndTimesWithinFivePercent() {
        PasswordHasher production = new Argon2idPasswordHasher();
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage, b -> b.passwordHasher(production));
        String hash = production.hash(PortalFixture.GOOD_PASSWORD);
        String ownerCookie = f.portal
                .login()
                .login(seed(storage, "owner@example.org", hash), PortalFixture.GOOD_PASSWORD, SignInClient.UNKNOWN)
                .deviceCookie()
                .orElseThrow();
        List<String> known = new ArrayList<>();
        for (int i = 0; i < WARM_UP + MAX_SAMPLES; i++) {
            known.add(seed(storage, "known-" + i + "@example.org", hash));
        }
        List<LoginResult> answers = new ArrayList<>();

        // each attempt from its own address, through the address budget, carrying a device cookie of
        // another account (as a shared computer would): every step of the throttle runs on both paths
        TimingComparison.Result timing = TimingComparison.interleavedUntilSettled(
                "known account, wrong password, throttled client",
                i -> answers.add(f.portal.login().login(known.get(i), WRONG, client("10.1", i, ownerCookie))),
                "unknown account, throttled client",
                i -> answers.add(
                        f.portal.login().login("unknown-" + i + "@example.org", WRONG, client("10.2", i, ownerCookie))),
                SAMPLES,
                WARM_UP,
                0.05,
                MAX_SAMPLES);

        System.out.println("TIMING login through the throttle (E2): " + timing);
        assertThat(answers).allSatisfy(a -> assertThat(a).isSameAs(LoginResult.failed()));
        assertThat(storage.accounts().findByEmail(known.get(0)).orElseThrow().failedLogins())
                .as("the known path really checked and counted the password")
                .isEqualTo(1);
        assertThat(timing.medianA()).as("real Argon2id cost, not a shortcut").isGreaterThan(1_000_000);
        assertThat(timing.pairedDifference()).as("wall clock: %s", timing).isLessThan(0.05);
        assertThat(timing.cpuMedianDifference()).as("work done: %s", timing).isLessThan(0.05);
    }

    private static String seed(InMemoryPortalStorage storage, String email, String hash) {
        storage.transactions().inTransaction(() -> {
            storage.accounts().insert(PortalAccount.activate(EmailAddress.of(email), hash, PortalFixture.START));
            return null;
        });
        return email;
    }

    private static SignInClient client(String prefix, int i, String cookie) {
        return new SignInClient(prefix + "." + (i / 250) + "." + (i % 250), cookie);
    }
}
