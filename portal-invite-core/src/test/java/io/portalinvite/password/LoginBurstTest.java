package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.LoginService.LoginResult;
import io.portalinvite.account.PortalAccount;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checklist D4 and L1.12 (ASVS 15.2.2): a burst of 500 simultaneous logins with the production
 * Argon2id parameters never runs more native hashes at once than the hasher's bound, so hashing
 * memory stays at most {@code maxConcurrent × 19 MiB}; every caller either gets its login answer or,
 * after the acquire timeout, the documented {@link HashingCapacityExceededException} (HTTP 503 with
 * Retry-After) — nothing else, and nobody waits without bound.
 */
@Timeout(120)
class LoginBurstTest {

    private static final int LOGINS = 500;
    private static final int ACCOUNTS = 50;
    private static final int BOUND = 2;

    @Test
    void loginWhenFiveHundredAtOnceThenNativeHashesNeverExceedTheBoundAndEveryCallerGetsADocumentedAnswerD4() {
        FakeArgon2Backend.InFlightTracker tracker = new FakeArgon2Backend.InFlightTracker();
        Argon2Backend counting = new CountingBackend(new NativeArgon2idBackend(), tracker);
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .parameters(Argon2Parameters.OWASP_MINIMUM)
                .maxConcurrent(BOUND)
                .acquireTimeout(Duration.ofSeconds(2))
                .backend(counting)
                .build();
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage, b -> b.passwordHasher(hasher));
        String hash = hasher.hash(PortalFixture.GOOD_PASSWORD);
        storage.transactions().inTransaction(() -> {
            for (int i = 0; i < ACCOUNTS; i++) {
                storage.accounts()
                        .insert(PortalAccount.activate(
                                EmailAddress.of("burst-" + i + "@example.org"), hash, PortalFixture.START));
            }
            return null;
        });
        tracker.reset();

        List<Race.Outcome<LoginResult>> outcomes;
        try (Race race = new Race(LOGINS)) {
            outcomes = race.run(i -> () ->
                    f.portal.login().login("burst-" + (i % ACCOUNTS) + "@example.org", PortalFixture.GOOD_PASSWORD));
        }

        long answered = outcomes.stream().filter(Race.Outcome::returned).count();
        long refused = outcomes.stream()
                .filter(o -> o.failure() instanceof HashingCapacityExceededException)
                .count();
        System.out.printf(
                "BURST %d logins, bound %d: peak %d native hashes at once (%d MiB of Argon2 memory), "
                        + "%d answered, %d refused with HashingCapacityExceededException%n",
                LOGINS,
                BOUND,
                tracker.peak(),
                tracker.peak() * Argon2Parameters.OWASP_MINIMUM.memoryKiB() / 1024,
                answered,
                refused);
        assertThat(tracker.peak()).as("native hashes at once").isBetween(1, BOUND);
        assertThat(outcomes).allSatisfy(o -> {
            if (!o.returned()) {
                assertThat(o.failure()).isInstanceOf(HashingCapacityExceededException.class);
            }
        });
        assertThat(outcomes)
                .filteredOn(Race.Outcome::returned)
                .allSatisfy(o ->
                        assertThat(o.value().succeeded()).as("right password").isTrue());
        assertThat(answered).as("some logins got through").isPositive();
        assertThat(refused).as("a burst this size overflows a 2-second queue").isPositive();
        assertThat(tracker.inFlight()).isZero();
    }

    /** The native backend, counted: how many calls are inside it at once. */
    private record CountingBackend(Argon2Backend delegate, FakeArgon2Backend.InFlightTracker tracker)
            implements Argon2Backend {

        @Override
        public String hash(Argon2Parameters parameters, char[] password) {
            tracker.enter();
            try {
                return delegate.hash(parameters, password);
            } finally {
                tracker.exit();
            }
        }

        @Override
        public boolean verify(String encodedHash, char[] password) {
            tracker.enter();
            try {
                return delegate.verify(encodedHash, password);
            } finally {
                tracker.exit();
            }
        }

        @Override
        public void wipe(char[] password) {
            delegate.wipe(password);
        }
    }
}
