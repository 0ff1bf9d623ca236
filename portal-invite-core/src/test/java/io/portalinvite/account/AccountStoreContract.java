package io.portalinvite.account;

import static io.portalinvite.testing.StoreTestData.OTHER_PRACTICE;
import static io.portalinvite.testing.StoreTestData.PRACTICE;
import static io.portalinvite.testing.StoreTestData.STAFF;
import static io.portalinvite.testing.StoreTestData.T0;
import static io.portalinvite.testing.StoreTestData.account;
import static io.portalinvite.testing.StoreTestData.at;
import static io.portalinvite.testing.StoreTestData.proxyAccess;
import static io.portalinvite.testing.StoreTestData.selfAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.account.PortalAccount.AccountStatus;
import io.portalinvite.common.AccessEndReason;
import io.portalinvite.common.AccessId;
import io.portalinvite.common.AccessKind;
import io.portalinvite.common.AccessScope;
import io.portalinvite.common.AccountId;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.PatientId;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.party.Relationship;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.Race;
import io.portalinvite.testing.StoreTestData;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccountStore} must have, as its Javadoc states it: exact round trips of
 * accounts and access grants, one account per email lookup key (also under concurrency), optimistic
 * updates, grant listings scoped and oldest first, and all-or-nothing transactions.
 *
 * <p>To check an implementation, subclass this in the implementation's test sources and return a
 * fresh, empty {@link PortalStorage} from {@link #newStorage()}. The tests use only the SPI
 * interfaces and write inside {@code storage.transactions().inTransaction(...)}. Emails contain a
 * capital {@code I} so that lower-casing with a Turkish default locale (as the build's test JVM
 * uses) is caught.
 */
public abstract class AccountStoreContract {

    /** The storage of the current test. */
    protected PortalStorage storage;

    private AccountStore store;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void createStorage() {
        storage = newStorage();
        store = storage.accounts();
    }

    // --- accounts --------------------------------------------------------------------------------

    @Test
    void insertThenFindByIdReturnsEveryFieldUnchanged() {
        PortalAccount account = new PortalAccount(
                AccountId.random(),
                EmailAddress.of("Ivy.Irwin@Example.org"),
                StoreTestData.PASSWORD_HASH,
                AccountStatus.LOCKED,
                7,
                T0.plusNanos(250_001_000),
                T0.minusSeconds(3_600).plusNanos(1_000),
                T0.minusSeconds(60).plusNanos(999_999_000),
                T0.minusSeconds(1_800),
                1);

        insert(account);

        assertSame(store.findById(account.id()), account);
    }

    @Test
    void insertThenFindByIdWhenOptionalTimesNullThenNull() {
        PortalAccount account = account("ada@example.org");

        insert(account);

        PortalAccount found = store.findById(account.id()).orElseThrow();
        assertSame(Optional.of(found), account);
        assertThat(found.throttledUntil()).isNull();
        assertThat(found.lastLoginAt()).isNull();
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        insert(account("ada@example.org"));

        assertThat(store.findById(AccountId.random())).isEmpty();
    }

    @Test
    void findByEmailWhenLookupKeyOfAnyCaseThenFoundAndEmailKeptAsEntered() {
        PortalAccount account = account("Ivy.Irwin@Example.org");
        insert(account);

        assertSame(store.findByEmail(key("IVY.IRWIN@EXAMPLE.ORG")), account);
        assertThat(store.findByEmail(key("ivy.irwin@example.org"))
                        .orElseThrow()
                        .email()
                        .value())
                .isEqualTo("Ivy.Irwin@example.org");
    }

    @Test
    void findByEmailWhenOtherAddressThenEmpty() {
        insert(account("ivy.irwin@example.org"));

        assertThat(store.findByEmail(key("ivy.irwin@example.com"))).isEmpty();
        assertThat(store.findByEmail(key("ivy@example.org"))).isEmpty();
    }

    @Test
    void insertWhenSameEmailThenDuplicateAndFirstKept() {
        PortalAccount first = account("ivy@example.org");
        insert(first);
        PortalAccount second = account("ivy@example.org");

        assertThatThrownBy(() -> insert(second)).isInstanceOf(DuplicateAccountException.class);

        assertThat(store.findById(second.id())).isEmpty();
        assertSame(store.findByEmail(key("ivy@example.org")), first);
    }

    @Test
    void insertWhenSameEmailInOtherCaseThenDuplicate() {
        PortalAccount first = account("Ivy.Irwin@Example.org");
        insert(first);
        PortalAccount second = account("IVY.IRWIN@example.ORG");

        assertThatThrownBy(() -> insert(second)).isInstanceOf(DuplicateAccountException.class);

        assertThat(store.findById(second.id())).isEmpty();
        assertSame(store.findByEmail(key("ivy.irwin@example.org")), first);
    }

    @Test
    void updateWhenVersionIsStoredPlusOneThenStored() {
        PortalAccount account = account("ada@example.org");
        insert(account);
        PortalAccount failed = account.failedLogin(at(1_000).plusNanos(3_000), at(61_000), false);

        assertThat(update(failed)).isTrue();
        PortalAccount found = store.findById(account.id()).orElseThrow();
        assertSame(Optional.of(found), failed);
        assertThat(found.throttledUntil()).isEqualTo(at(61_000));

        PortalAccount loggedIn = failed.loggedIn(at(120_000), "$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$aGFzaA");
        assertThat(update(loggedIn)).isTrue();
        found = store.findById(account.id()).orElseThrow();
        assertSame(Optional.of(found), loggedIn);
        assertThat(found.throttledUntil()).isNull();
        assertThat(found.lastLoginAt()).isEqualTo(at(120_000));
        assertSame(store.findByEmail(key("ada@example.org")), loggedIn);
    }

    @Test
    void updateWhenStaleVersionThenFalseAndStoredUnchanged() {
        PortalAccount read = account("ada@example.org");
        insert(read);
        PortalAccount winner = read.loggedIn(at(1), null);
        assertThat(update(winner)).isTrue();

        boolean stored = update(read.failedLogin(at(2), null, true));

        assertThat(stored).isFalse();
        assertSame(store.findById(read.id()), winner);
    }

    @Test
    void updateWhenVersionSkipsAheadThenFalseAndStoredUnchanged() {
        PortalAccount account = account("ada@example.org");
        insert(account);

        assertThat(update(account.failedLogin(at(1), null, false).failedLogin(at(2), null, false)))
                .isFalse();

        assertSame(store.findById(account.id()), account);
    }

    @Test
    void updateWhenUnknownIdThenFalse() {
        PortalAccount neverInserted = account("ada@example.org");

        assertThat(update(neverInserted.loggedIn(at(1), null))).isFalse();

        assertThat(store.findById(neverInserted.id())).isEmpty();
        assertThat(store.findByEmail(key("ada@example.org"))).isEmpty();
    }

    // --- access grants ---------------------------------------------------------------------------

    @Test
    void insertAccessThenFindReturnsEveryFieldOfSelfGrant() {
        PortalAccount account = account("ada@example.org");
        insert(account);
        PatientAccess self = PatientAccess.grant(
                AccessId.random(),
                account.id(),
                PRACTICE,
                PatientId.of("p-1"),
                AccessKind.SELF,
                null,
                T0.plusNanos(5_000),
                STAFF,
                InvitationId.random(),
                LocalDate.of(2026, 3, 1),
                null);

        insertAccess(self);

        List<PatientAccess> found = store.findAccessByAccount(account.id());
        assertThat(found).singleElement().usingRecursiveComparison().isEqualTo(self);
        assertThat(found).containsExactly(self);
        assertThat(found.get(0).relationship()).isNull();
        assertThat(found.get(0).endsOn()).isNull();
        assertThat(found.get(0).revokedAt()).isNull();
    }

    @Test
    void insertAccessThenFindReturnsEveryFieldOfProxyGrantWithEndDate() {
        PortalAccount account = account("mum@example.org");
        insert(account);
        PatientAccess proxy = new PatientAccess(
                AccessId.random(),
                account.id(),
                PRACTICE,
                PatientId.of("child-1"),
                AccessKind.PROXY,
                Relationship.PARENT,
                T0.plusNanos(1_000),
                STAFF,
                InvitationId.random(),
                LocalDate.of(2038, 1, 19),
                null,
                LocalDate.of(2026, 3, 2),
                AccessScope.LIMITED,
                LocalDate.of(2024, 1, 19),
                null,
                null,
                "privacy-2026.1",
                T0.plusNanos(2_000));

        insertAccess(proxy);

        List<PatientAccess> found = store.findAccessByPatient(PRACTICE, PatientId.of("child-1"));
        assertThat(found).singleElement().usingRecursiveComparison().isEqualTo(proxy);
        assertThat(found).containsExactly(proxy);
        assertThat(found.get(0).kind()).isEqualTo(AccessKind.PROXY);
        assertThat(found.get(0).relationship()).isEqualTo(Relationship.PARENT);
        assertThat(found.get(0).endsOn()).isEqualTo(LocalDate.of(2038, 1, 19));
        assertThat(found.get(0).startsOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(found.get(0).scope()).isEqualTo(AccessScope.LIMITED);
        assertThat(found.get(0).patientDateOfBirth()).isEqualTo(LocalDate.of(2024, 1, 19));
        assertThat(found.get(0).consentVersion()).isEqualTo("privacy-2026.1");
    }

    @Test
    void insertAccessWhenNoInvitationThenInvitationIdNull() {
        PortalAccount account = account("ada@example.org");
        insert(account);
        PatientAccess grant = PatientAccess.grant(
                AccessId.random(),
                account.id(),
                PRACTICE,
                PatientId.of("p-1"),
                AccessKind.PROXY,
                Relationship.OTHER,
                T0,
                STAFF,
                null,
                LocalDate.of(2026, 3, 1),
                null);

        insertAccess(grant);

        assertThat(store.findAccessByAccount(account.id()))
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(grant);
    }

    @Test
    void findAccessByAccountWhenSeveralThenOldestFirstAndOnlyThatAccount() {
        PortalAccount mum = account("mum@example.org");
        PortalAccount dad = account("dad@example.org");
        insert(mum);
        insert(dad);
        PatientAccess newest = proxyAccess(mum.id(), OTHER_PRACTICE, "child-1", Relationship.PARENT, at(3_000), null);
        PatientAccess oldest = selfAccess(mum.id(), PRACTICE, "mum-1", at(1_000));
        PatientAccess middle = proxyAccess(mum.id(), PRACTICE, "child-1", Relationship.PARENT, at(2_000), null);
        PatientAccess dads = proxyAccess(dad.id(), PRACTICE, "child-1", Relationship.PARENT, at(1_500), null);
        insertAccess(newest);
        insertAccess(dads);
        insertAccess(oldest);
        insertAccess(middle);

        List<PatientAccess> mums = store.findAccessByAccount(mum.id());
        assertThat(mums).containsExactlyInAnyOrder(oldest, middle, newest);
        assertThat(mums)
                .as("oldest first")
                .extracting(PatientAccess::grantedAt)
                .containsExactly(at(1_000), at(2_000), at(3_000));
        assertThat(store.findAccessByAccount(dad.id())).containsExactly(dads);
        assertThat(store.findAccessByAccount(AccountId.random())).isEmpty();
    }

    @Test
    void findAccessByPatientWhenSeveralThenOldestFirstAndScopedToPractice() {
        PortalAccount child = account("child@example.org");
        PortalAccount mum = account("mum@example.org");
        PortalAccount dad = account("dad@example.org");
        insert(child);
        insert(mum);
        insert(dad);
        PatientAccess dads = proxyAccess(dad.id(), PRACTICE, "child-1", Relationship.GUARDIAN, at(3_000), null);
        PatientAccess selfGrant = selfAccess(child.id(), PRACTICE, "child-1", at(1_000));
        PatientAccess mums =
                proxyAccess(mum.id(), PRACTICE, "child-1", Relationship.PARENT, at(2_000), LocalDate.of(2040, 6, 1));
        PatientAccess otherPractice = selfAccess(child.id(), OTHER_PRACTICE, "child-1", at(500));
        PatientAccess otherPatient = selfAccess(mum.id(), PRACTICE, "mum-1", at(500));
        insertAccess(dads);
        insertAccess(otherPractice);
        insertAccess(mums);
        insertAccess(otherPatient);
        insertAccess(selfGrant);

        List<PatientAccess> childs = store.findAccessByPatient(PRACTICE, PatientId.of("child-1"));
        assertThat(childs).containsExactlyInAnyOrder(selfGrant, mums, dads);
        assertThat(childs)
                .as("oldest first")
                .extracting(PatientAccess::grantedAt)
                .containsExactly(at(1_000), at(2_000), at(3_000));
        assertThat(store.findAccessByPatient(OTHER_PRACTICE, PatientId.of("child-1")))
                .containsExactly(otherPractice);
        assertThat(store.findAccessByPatient(OTHER_PRACTICE, PatientId.of("mum-1")))
                .isEmpty();
    }

    @Test
    void updateAccessWhenRevokedThenRevocationRoundTripsAndGrantStillListed() {
        PortalAccount account = account("mum@example.org");
        insert(account);
        PatientAccess grant =
                proxyAccess(account.id(), PRACTICE, "child-1", Relationship.CARER, at(1_000), LocalDate.of(2031, 7, 1));
        insertAccess(grant);
        PatientAccess revoked = grant.revoked(at(5_000).plusNanos(17_000), "staff:s-9");

        assertThat(updateAccess(revoked)).isTrue();

        assertThat(store.findAccessByAccount(account.id()))
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(revoked);
        assertThat(store.findAccessByPatient(PRACTICE, PatientId.of("child-1"))).containsExactly(revoked);
    }

    @Test
    void updateAccessWhenUnknownIdThenFalseAndNothingAdded() {
        PortalAccount account = account("mum@example.org");
        insert(account);
        PatientAccess neverInserted = selfAccess(account.id(), PRACTICE, "p-1", at(1));

        assertThat(updateAccess(neverInserted.revoked(at(2), "staff:s-1"))).isFalse();

        assertThat(store.findAccessByAccount(account.id())).isEmpty();
        assertThat(store.findAccessByPatient(PRACTICE, PatientId.of("p-1"))).isEmpty();
    }

    // --- transactions ----------------------------------------------------------------------------

    @Test
    void transactionThatThrowsAfterInsertsLeavesNothing() {
        PortalAccount account = account("Ivy@example.org");
        PatientAccess grant = selfAccess(account.id(), PRACTICE, "p-1", at(1));

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.insert(account);
                    store.insertAccess(grant);
                    throw new IllegalStateException("registration failed after the account");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findById(account.id())).isEmpty();
        assertThat(store.findByEmail(key("ivy@example.org"))).isEmpty();
        assertThat(store.findAccessByAccount(account.id())).isEmpty();
        assertThat(store.findAccessByPatient(PRACTICE, PatientId.of("p-1"))).isEmpty();
        insert(account);
        assertSame(store.findByEmail(key("ivy@example.org")), account);
    }

    @Test
    void transactionThatThrowsAfterUpdatesKeepsStoredValues() {
        PortalAccount account = account("ada@example.org");
        insert(account);
        PatientAccess grant = selfAccess(account.id(), PRACTICE, "p-1", at(1));
        insertAccess(grant);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    assertThat(store.update(account.failedLogin(at(2), at(3), true)))
                            .isTrue();
                    assertThat(store.updateAccess(grant.revoked(at(2), "staff:s-1")))
                            .isTrue();
                    throw new IllegalStateException("audit failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(store.findById(account.id()), account);
        assertThat(store.findAccessByAccount(account.id())).containsExactly(grant);
    }

    // --- concurrency -----------------------------------------------------------------------------

    @Test
    void insertWhenEightThreadsRegisterSameEmailThenExactlyOneSucceeds() {
        int threads = 8;
        List<PortalAccount> candidates = IntStream.range(0, threads)
                .mapToObj(i -> account(i % 2 == 0 ? "Ivy.Irwin@example.org" : "ivy.irwin@EXAMPLE.org"))
                .toList();

        List<Race.Outcome<PortalAccount>> outcomes;
        try (Race race = new Race(threads)) {
            outcomes = race.run(i -> () -> {
                PortalAccount mine = candidates.get(i);
                storage.transactions().inTransaction(() -> store.insert(mine));
                return mine;
            });
        }

        assertThat(outcomes).filteredOn(Race.Outcome::returned).hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> !o.returned())
                .hasSize(threads - 1)
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(DuplicateAccountException.class));
        PortalAccount winner = outcomes.stream()
                .filter(Race.Outcome::returned)
                .findFirst()
                .orElseThrow()
                .value();
        assertSame(store.findByEmail(key("ivy.irwin@example.org")), winner);
        for (PortalAccount candidate : candidates) {
            if (!candidate.id().equals(winner.id())) {
                assertThat(store.findById(candidate.id())).isEmpty();
            }
        }
    }

    @Test
    void findAccessByIdWhenStoredThenFoundElseEmpty() {
        PortalAccount account = account("mum@example.org");
        insert(account);
        PatientAccess grant = proxyAccess(account.id(), PRACTICE, "child-1", Relationship.PARENT, at(1_000), null);
        insertAccess(grant);

        assertThat(inTx(() -> store.findAccessById(grant.id()))).contains(grant);
        assertThat(inTx(() -> store.findAccessById(AccessId.random()))).isEmpty();
    }

    @Test
    void updateAccessIfOpenWhenRevokedOrEndedOrScopeChangedThenRefused() {
        PortalAccount account = account("mum@example.org");
        insert(account);
        PatientAccess grant = proxyAccess(account.id(), PRACTICE, "child-1", Relationship.PARENT, at(1_000), null);
        insertAccess(grant);

        PatientAccess limited = grant.withScope(AccessScope.LIMITED);
        assertThat(inTx(() -> store.updateAccessIfOpen(limited, AccessScope.FULL)))
                .isTrue();
        assertThat(inTx(() -> store.updateAccessIfOpen(limited, AccessScope.FULL)))
                .as("scope moved on")
                .isFalse();
        PatientAccess ended = limited.ended(LocalDate.of(2030, 1, 1), AccessEndReason.AGE_RULE);
        assertThat(inTx(() -> store.updateAccessIfOpen(ended, AccessScope.LIMITED)))
                .isTrue();
        assertThat(inTx(() -> store.updateAccessIfOpen(ended.revoked(at(9), "staff:s-1"), AccessScope.LIMITED)))
                .as("end already recorded")
                .isFalse();
        assertThat(inTx(() -> store.findAccessById(grant.id()))).contains(ended);
    }

    @Test
    void findAccessToReviewWhenPagedThenEveryOpenGrantOnceAndClosedOnesSkipped() {
        PortalAccount account = account("mum@example.org");
        insert(account);
        List<PatientAccess> open = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            PatientAccess g = proxyAccess(account.id(), PRACTICE, "child-" + i, Relationship.PARENT, at(i), null);
            insertAccess(g);
            open.add(g);
        }
        PatientAccess revoked = proxyAccess(account.id(), PRACTICE, "gone", Relationship.PARENT, at(8), null);
        insertAccess(revoked);
        updateAccess(revoked.revoked(at(9), "staff:s-1"));

        List<PatientAccess> seen = new java.util.ArrayList<>();
        AccessId after = null;
        while (true) {
            AccessId cursor = after;
            List<PatientAccess> page = inTx(() -> store.findAccessToReview(cursor, 3));
            seen.addAll(page);
            if (page.size() < 3) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(open);
    }

    @Test
    void findByEmailOrDecoyWhenKnownThenAccountElseTheDecoyWhichCannotLogIn() {
        PortalAccount account = account("ada@example.org");
        insert(account);

        assertThat(inTx(() -> store.findByEmailOrDecoy(key("Ada@Example.org")))).isEqualTo(account);
        PortalAccount decoy = inTx(() -> store.findByEmailOrDecoy(key("nobody@example.org")));
        assertThat(decoy).isEqualTo(PortalAccount.decoy());
        assertThat(decoy.isDecoy()).isTrue();
        assertThat(decoy.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(inTx(() -> store.findByEmail(PortalAccount.DECOY_EMAIL)))
                .as("never stored")
                .isEmpty();
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return storage.transactions().inTransaction(work::get);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void insert(PortalAccount account) {
        storage.transactions().inTransaction(() -> store.insert(account));
    }

    private boolean update(PortalAccount account) {
        return storage.transactions().inTransaction(() -> store.update(account));
    }

    private void insertAccess(PatientAccess access) {
        storage.transactions().inTransaction(() -> store.insertAccess(access));
    }

    private boolean updateAccess(PatientAccess access) {
        return storage.transactions().inTransaction(() -> store.updateAccess(access));
    }

    private static String key(String email) {
        return EmailAddress.of(email).lookupKey();
    }

    /** Compares field by field, so a failure names the field that did not survive the store. */
    private static void assertSame(Optional<PortalAccount> actual, PortalAccount expected) {
        assertThat(actual).as("stored account %s", expected.id()).isPresent();
        assertThat(actual.orElseThrow()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.orElseThrow()).isEqualTo(expected);
    }
}
