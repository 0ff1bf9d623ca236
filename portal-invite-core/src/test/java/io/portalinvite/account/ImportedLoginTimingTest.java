package io.portalinvite.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.AccountImport.Grant;
import io.portalinvite.account.AccountImportService.ImportOptions;
import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.password.Argon2idPasswordHasher;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.LegacyHashes;
import io.portalinvite.testing.LegacyHashes.Kind;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.TimingComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * No enumeration through imported accounts: a wrong password for an account imported with another
 * system's hash (bcrypt, scrypt, PBKDF2, Argon2 below the bounds — all cheaper than the production
 * Argon2id) answers exactly as an unknown email and takes as long, within 5 %, measured as
 * {@link LoginTimingTest} does ({@link TimingComparison}: interleaved, warmed up, median of the
 * round-by-round wall-clock gaps, 200 attempts each or more when the machine is noisy; the trimmed
 * means are held to 5 % too). The
 * production hasher (m=19 MiB, t=2, p=1) sets the unknown path's cost.
 *
 * <p>Only the wall clock — what a client observes — is compared: the imported path reaches the
 * Argon2id time by waiting, not by working (see {@link StoredPasswordCheck}), so its CPU time is
 * lower by design, and the CPU figure is printed for the record only. The test fails without that
 * wait: the old hashes here cost a few milliseconds against tens for Argon2id.
 */
class ImportedLoginTimingTest {

    private static final int SAMPLES = Integer.getInteger("portal.invite.timing.samples", 200);
    private static final int MAX_SAMPLES = Math.max(1_000, SAMPLES);
    private static final int WARM_UP = 20;
    private static final String PASSWORD = PortalFixture.GOOD_PASSWORD;
    private static final String WRONG = "not the passphrase that was set";
    private static final List<Kind> KINDS =
            List.of(Kind.BCRYPT_2B, Kind.SCRYPT, Kind.PBKDF2_SHA256, Kind.ARGON2ID_BELOW_BOUNDS, Kind.SPRING_ARGON2);

    @Test
    void loginWhenImportedAccountWrongPasswordVersusUnknownEmailThenSameAnswerAndWallClockWithinFivePercent() {
        PasswordHasher production = new Argon2idPasswordHasher();
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage, b -> b.passwordHasher(production));
        List<String> hashes =
                KINDS.stream().map(k -> LegacyHashes.hash(k, PASSWORD, true)).toList();
        int accounts = WARM_UP + MAX_SAMPLES;
        // one attempt per account, so none reaches the throttle and each takes the full check-and-count path
        AccountImportResult imported = f.portal
                .accountImport()
                .importAll(
                        PortalFixture.STAFF,
                        IntStream.range(0, accounts)
                                .mapToObj(i -> AccountImport.of(
                                        "imported-" + i + "@example.org",
                                        hashes.get(i % hashes.size()),
                                        Grant.self("practice-1", "p" + i))),
                        ImportOptions.DEFAULT);
        assertThat(imported.imported()).isEqualTo(accounts);
        List<LoginResult> answers = new ArrayList<>();

        TimingComparison.Result timing = TimingComparison.interleavedUntilSettled(
                "imported account, wrong password",
                i -> answers.add(f.portal.login().login("imported-" + i + "@example.org", WRONG)),
                "unknown account",
                i -> answers.add(f.portal.login().login("unknown-" + i + "@example.org", WRONG)),
                SAMPLES,
                WARM_UP,
                0.05,
                MAX_SAMPLES);

        System.out.println("TIMING imported login: " + timing);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.succeeded()).isFalse();
            assertThat(a.message()).isEqualTo(LoginResult.FAILURE_MESSAGE);
        });
        assertThat(storage.accounts()
                        .findByEmail("imported-0@example.org")
                        .orElseThrow()
                        .failedLogins())
                .as("the imported path really checked and counted the password")
                .isEqualTo(1);
        assertThat(timing.medianB())
                .as("real Argon2id cost on the unknown path")
                .isGreaterThan(1_000_000);
        assertThat(timing.pairedDifference()).as("wall clock: %s", timing).isLessThan(0.05);
        assertThat(timing.trimmedMeanDifference())
                .as("wall clock, trimmed means: %s", timing)
                .isLessThan(0.05);
    }
}
