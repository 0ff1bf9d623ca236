package io.portalinvite;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.common.PatientId;
import io.portalinvite.invitation.InviteResult.InviteOutcome;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.password.PasswordHasher;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Races under contention. Single use (checklist A5): many threads complete registration with the
 * same link at the same instant and exactly one wins, every time. One invitation per person: many
 * threads invite the same patient at once and exactly one invitation is made. Storage modules
 * subclass it to prove both on their technology.
 */
public abstract class RegistrationConcurrencyContract {

    /** Threads racing for one link. */
    protected static final int THREADS = 16;

    /**
     * Creates fresh, empty stores.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    /**
     * How many races to run; subclasses on slow databases may lower it.
     *
     * @return the repetitions
     */
    protected int repetitions() {
        return 200;
    }

    @Test
    void completeRegistrationWhenSixteenThreadsUseTheSameLinkThenExactlyOneSucceedsEveryTime() throws Exception {
        PortalFixture f = new PortalFixture(newStorage());
        f.enablePortal(b -> b.dateOfBirthCheck(false));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < repetitions(); round++) {
                String patient = "race-" + round;
                String token =
                        f.inviteAndDeliver(f.newPatient(patient).mobile(null).build());
                CountDownLatch ready = new CountDownLatch(THREADS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        try {
                            f.portal
                                    .registration()
                                    .complete(new CompleteRegistration(
                                            token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
                            return true;
                        } catch (InvalidLinkException e) {
                            return false;
                        }
                    }));
                }
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                int successes = 0;
                for (Future<Boolean> r : results) {
                    if (r.get(60, TimeUnit.SECONDS)) {
                        successes++;
                    }
                }
                assertThat(successes)
                        .as("round %d: successful registrations", round)
                        .isEqualTo(1);
                List<PatientAccess> grants =
                        f.storage.accounts().findAccessByPatient(PortalFixture.PRACTICE, PatientId.of(patient));
                assertThat(grants).as("round %d: access grants", round).hasSize(1);
                assertThat(f.storage.accounts().findByEmail("ada." + patient + "@example.org"))
                        .as("round %d: account", round)
                        .isPresent();
                assertThat(f.storage.audit().findByPatient(PortalFixture.PRACTICE, PatientId.of(patient)))
                        .as("round %d: accepted audit rows", round)
                        .filteredOn(e -> e.action() == AuditAction.INVITATION_ACCEPTED)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inviteWhenEightThreadsInviteTheSamePatientAtOnceThenOneInvitationAndTheOthersSeeIt() throws Exception {
        PortalFixture f = new PortalFixture(newStorage());
        f.enablePortal();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String patient = "same-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<InviteOutcome>> outcomes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        return f.portal
                                .invitations()
                                .invite(f.newPatient(patient).build())
                                .outcome();
                    }));
                }
                go.countDown();
                List<InviteOutcome> results = new ArrayList<>();
                for (Future<InviteOutcome> o : outcomes) {
                    results.add(o.get(60, TimeUnit.SECONDS));
                }
                assertThat(results)
                        .as("round %d", round)
                        .filteredOn(o -> o == InviteOutcome.INVITED)
                        .hasSize(1);
                assertThat(results)
                        .as("round %d", round)
                        .filteredOn(o -> o == InviteOutcome.ALREADY_INVITED)
                        .hasSize(threads - 1);
                assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, PatientId.of(patient)))
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loginWhenWrongPasswordsArriveSixteenAtOnceThenEveryPasswordCheckIsCountedAndTheLockEngages() throws Exception {
        AtomicInteger realChecks = new AtomicInteger();
        PasswordHasher fast = PortalFixture.fastHasher();
        String[] accountHash = new String[1];
        PasswordHasher counting = new PasswordHasher() {
            @Override
            public String hash(CharSequence password) {
                return fast.hash(password);
            }

            @Override
            public boolean verify(String encodedHash, CharSequence password) {
                if (encodedHash.equals(accountHash[0])) {
                    realChecks.incrementAndGet();
                }
                return fast.verify(encodedHash, password);
            }

            @Override
            public boolean needsRehash(String encodedHash) {
                return fast.needsRehash(encodedHash);
            }
        };
        PortalFixture f = new PortalFixture(newStorage(), b -> b.passwordHasher(counting));
        f.enablePortal(b -> b.dateOfBirthCheck(false));
        String token = f.inviteAndDeliver(f.newPatient("target").mobile(null).build());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        token, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        String email = "ada.target@example.org";
        accountHash[0] = f.storage.accounts().findByEmail(email).orElseThrow().passwordHash();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 1; round <= 150 && status(f, email) == AccountStatus.ACTIVE; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int attempt = t;
                    results.add(pool.submit(() -> {
                        go.await();
                        return f.portal
                                .login()
                                .login(email, "wrong passphrase number " + attempt)
                                .succeeded();
                    }));
                }
                go.countDown();
                for (Future<Boolean> r : results) {
                    assertThat(r.get(60, TimeUnit.SECONDS)).isFalse();
                }
                // each failed password check is counted, however many arrive together; attempts made
                // while throttled are refused without checking the password
                assertThat(failures(f, email)).as("round %d", round).isEqualTo(realChecks.get());
                f.clock.advance(java.time.Duration.ofMinutes(16));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(status(f, email)).isEqualTo(AccountStatus.LOCKED);
        assertThat(realChecks.get()).as("password checks before the lock").isBetween(100, 100 + THREADS - 1);
        int checks = realChecks.get();
        assertThat(f.portal.login().login(email, PortalFixture.GOOD_PASSWORD).succeeded())
                .isFalse();
        assertThat(realChecks.get()).as("no password check once locked").isEqualTo(checks);
    }

    private static int failures(PortalFixture f, String email) {
        return f.storage.accounts().findByEmail(email).orElseThrow().failedLogins();
    }

    private static AccountStatus status(PortalFixture f, String email) {
        return f.storage.accounts().findByEmail(email).orElseThrow().status();
    }
}
