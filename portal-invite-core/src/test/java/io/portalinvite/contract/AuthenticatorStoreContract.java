package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.authenticator.AuthenticatorStore;
import io.portalinvite.authenticator.PasskeyCredential;
import io.portalinvite.authenticator.TotpEnrolment;
import io.portalinvite.common.AccountId;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.Race;
import io.portalinvite.testing.StoreTestData;
import io.portalinvite.tx.TransactionRunner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authenticator store on a storage implementation: TOTP enrolments whose time steps are accepted
 * once and in order, recovery codes used once, passkeys whose signature counter only increases, and
 * removal — each "use" raced by many threads over many rounds, because each is what stops a replayed
 * second factor.
 */
public abstract class AuthenticatorStoreContract {

    private static final int THREADS = 8;
    private static final Instant T0 = StoreTestData.T0;

    private PortalStorage storage;
    private AuthenticatorStore store;
    private TransactionRunner tx;
    private Race race;
    private AccountId ada;
    private AccountId ben;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    /**
     * How many rounds each race runs; slow databases may lower it.
     *
     * @return the rounds
     */
    protected int raceRounds() {
        return 20;
    }

    @BeforeEach
    void accounts() {
        storage = newStorage();
        store = storage.authenticators();
        tx = storage.transactions();
        race = new Race(THREADS);
        ada = account("ada@example.org");
        ben = account("ben@example.org");
    }

    @AfterEach
    void stopRace() {
        race.close();
    }

    @Test
    void saveTotpWhenFoundThenSameEnrolmentAndReplaceKeepsOne() {
        TotpEnrolment first = TotpEnrolment.unconfirmed(ada, bytes(60, 1), T0);
        inTx(() -> store.saveTotp(first));
        assertThat(inTx(() -> store.findTotp(ada))).contains(first);
        TotpEnrolment second = TotpEnrolment.unconfirmed(ada, bytes(60, 2), T0.plusSeconds(5));
        inTx(() -> store.saveTotp(second));
        assertThat(inTx(() -> store.findTotp(ada))).contains(second);
        assertThat(inTx(() -> store.findTotp(ben))).isEmpty();
    }

    @Test
    void confirmTotpWhenUnconfirmedThenConfirmedOnceWithItsStepUsed() {
        inTx(() -> store.saveTotp(TotpEnrolment.unconfirmed(ada, bytes(60, 1), T0)));
        assertThat(inTx(() -> store.useTotpStep(ada, 100, T0))).isFalse();
        assertThat(inTx(() -> store.confirmTotp(ada, 100, T0.plusSeconds(1)))).isTrue();
        assertThat(inTx(() -> store.confirmTotp(ada, 101, T0.plusSeconds(2)))).isFalse();
        TotpEnrolment found = inTx(() -> store.findTotp(ada)).orElseThrow();
        assertThat(found.confirmedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(found.lastUsedStep()).isEqualTo(100);
        assertThat(inTx(() -> store.useTotpStep(ada, 100, T0.plusSeconds(3)))).isFalse();
        assertThat(inTx(() -> store.confirmTotp(ben, 100, T0))).isFalse();
    }

    @Test
    void useTotpStepWhenStepNotAfterLastThenRefused() {
        confirmedTotp(ada, 100);
        assertThat(inTx(() -> store.useTotpStep(ada, 99, T0))).isFalse();
        assertThat(inTx(() -> store.useTotpStep(ada, 100, T0))).isFalse();
        assertThat(inTx(() -> store.useTotpStep(ada, 101, T0.plusSeconds(30)))).isTrue();
        assertThat(inTx(() -> store.useTotpStep(ada, 101, T0.plusSeconds(31)))).isFalse();
        TotpEnrolment found = inTx(() -> store.findTotp(ada)).orElseThrow();
        assertThat(found.lastUsedStep()).isEqualTo(101);
        assertThat(found.lastUsedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void useTotpStepWhenManyThreadsPresentOneCodeThenExactlyOneAcceptedEachRound() {
        confirmedTotp(ada, 0);
        for (int round = 1; round <= raceRounds(); round++) {
            long step = round;
            List<Race.Outcome<Boolean>> outcomes =
                    race.run(i -> () -> inTx(() -> store.useTotpStep(ada, step, T0.plusSeconds(step))));
            assertThat(outcomes).allMatch(Race.Outcome::returned);
            assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())))
                    .as("round %d", round)
                    .hasSize(1);
        }
        assertThat(inTx(() -> store.findTotp(ada)).orElseThrow().lastUsedStep()).isEqualTo(raceRounds());
    }

    @Test
    void useTotpStepWhenThreadsPresentNeighbouringStepsThenLastUsedNeverGoesBack() {
        confirmedTotp(ada, 0);
        for (int round = 1; round <= raceRounds(); round++) {
            long base = round * 10L;
            List<Race.Outcome<Boolean>> outcomes =
                    race.run(i -> () -> inTx(() -> store.useTotpStep(ada, base + i % 3, T0)));
            assertThat(outcomes).allMatch(Race.Outcome::returned);
            long accepted = outcomes.stream()
                    .filter(o -> Boolean.TRUE.equals(o.value()))
                    .count();
            assertThat(accepted).isBetween(1L, 3L);
            assertThat(inTx(() -> store.findTotp(ada)).orElseThrow().lastUsedStep())
                    .as("round %d", round)
                    .isEqualTo(base + 2);
        }
    }

    @Test
    void deleteTotpWhenEnrolledThenGoneAndStepsRefused() {
        confirmedTotp(ada, 5);
        assertThat(inTx(() -> store.deleteTotp(ada))).isTrue();
        assertThat(inTx(() -> store.deleteTotp(ada))).isFalse();
        assertThat(inTx(() -> store.findTotp(ada))).isEmpty();
        assertThat(inTx(() -> store.useTotpStep(ada, 6, T0))).isFalse();
    }

    @Test
    void useRecoveryCodeWhenUnusedThenOnceAndOnlyForItsAccount() {
        List<String> codes = digests("a", 10);
        inTx(() -> store.replaceRecoveryCodes(ada, codes, T0));
        assertThat(inTx(() -> store.unusedRecoveryCodes(ada))).isEqualTo(10);
        assertThat(inTx(() -> store.useRecoveryCode(ben, codes.get(0), T0))).isFalse();
        assertThat(inTx(() -> store.useRecoveryCode(ada, codes.get(0), T0))).isTrue();
        assertThat(inTx(() -> store.useRecoveryCode(ada, codes.get(0), T0))).isFalse();
        assertThat(inTx(() -> store.useRecoveryCode(ada, digest("not issued"), T0)))
                .isFalse();
        assertThat(inTx(() -> store.unusedRecoveryCodes(ada))).isEqualTo(9);
    }

    @Test
    void useRecoveryCodeWhenManyThreadsPresentOneCodeThenExactlyOneSucceedsEachRound() {
        List<String> codes = digests("race", raceRounds());
        inTx(() -> store.replaceRecoveryCodes(ada, codes, T0));
        for (int round = 0; round < raceRounds(); round++) {
            String code = codes.get(round);
            List<Race.Outcome<Boolean>> outcomes =
                    race.run(i -> () -> inTx(() -> store.useRecoveryCode(ada, code, T0)));
            assertThat(outcomes).allMatch(Race.Outcome::returned);
            assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())))
                    .as("round %d", round)
                    .hasSize(1);
        }
        assertThat(inTx(() -> store.unusedRecoveryCodes(ada))).isZero();
    }

    @Test
    void replaceRecoveryCodesWhenRegeneratedThenOldCodesDie() {
        List<String> old = digests("old", 10);
        List<String> fresh = digests("new", 10);
        inTx(() -> store.replaceRecoveryCodes(ada, old, T0));
        inTx(() -> store.replaceRecoveryCodes(ben, digests("ben", 10), T0));
        inTx(() -> store.useRecoveryCode(ada, old.get(1), T0));
        inTx(() -> store.replaceRecoveryCodes(ada, fresh, T0.plusSeconds(1)));
        assertThat(inTx(() -> store.useRecoveryCode(ada, old.get(0), T0))).isFalse();
        assertThat(inTx(() -> store.unusedRecoveryCodes(ada))).isEqualTo(10);
        assertThat(inTx(() -> store.useRecoveryCode(ada, fresh.get(0), T0))).isTrue();
        assertThat(inTx(() -> store.deleteRecoveryCodes(ada))).isEqualTo(10);
        assertThat(inTx(() -> store.unusedRecoveryCodes(ada))).isZero();
        assertThat(inTx(() -> store.unusedRecoveryCodes(ben))).isEqualTo(10);
    }

    @Test
    void insertPasskeyWhenFoundThenSameCredentialAndDuplicateIdRefused() {
        PasskeyCredential first = passkey("cred-1", ada, 0, T0);
        PasskeyCredential second = passkey("cred-2", ada, 7, T0.plusSeconds(1));
        assertThat(inTx(() -> store.insertPasskey(first))).isTrue();
        assertThat(inTx(() -> store.insertPasskey(second))).isTrue();
        assertThat(inTx(() -> store.insertPasskey(passkey("cred-1", ben, 0, T0))))
                .isFalse();
        assertThat(inTx(() -> store.findPasskey("cred-1"))).contains(first);
        assertThat(inTx(() -> store.findPasskeys(ada))).containsExactly(first, second);
        assertThat(inTx(() -> store.findPasskeys(ben))).isEmpty();
        assertThat(inTx(() -> store.findPasskey("CRED-1"))).isEmpty();
    }

    @Test
    void recordPasskeyUseWhenCounterDoesNotIncreaseThenRefused() {
        inTx(() -> store.insertPasskey(passkey("cred-1", ada, 5, T0)));
        assertThat(inTx(() -> store.recordPasskeyUse("cred-1", 5, T0))).isFalse();
        assertThat(inTx(() -> store.recordPasskeyUse("cred-1", 4, T0))).isFalse();
        assertThat(inTx(() -> store.recordPasskeyUse("cred-1", 0, T0))).isFalse();
        assertThat(inTx(() -> store.recordPasskeyUse("cred-1", 9, T0.plusSeconds(9))))
                .isTrue();
        PasskeyCredential found = inTx(() -> store.findPasskey("cred-1")).orElseThrow();
        assertThat(found.signatureCount()).isEqualTo(9);
        assertThat(found.lastUsedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(inTx(() -> store.recordPasskeyUse("missing", 10, T0))).isFalse();
    }

    @Test
    void recordPasskeyUseWhenAuthenticatorKeepsNoCounterThenZeroAcceptedEveryTime() {
        inTx(() -> store.insertPasskey(passkey("cred-0", ada, 0, T0)));
        assertThat(inTx(() -> store.recordPasskeyUse("cred-0", 0, T0.plusSeconds(1))))
                .isTrue();
        assertThat(inTx(() -> store.recordPasskeyUse("cred-0", 0, T0.plusSeconds(2))))
                .isTrue();
        assertThat(inTx(() -> store.recordPasskeyUse("cred-0", 3, T0.plusSeconds(3))))
                .isTrue();
        assertThat(inTx(() -> store.recordPasskeyUse("cred-0", 0, T0.plusSeconds(4))))
                .isFalse();
    }

    @Test
    void recordPasskeyUseWhenThreadsRaceWithCountersThenCounterEndsAtTheHighestAndNeverGoesBack() {
        inTx(() -> store.insertPasskey(passkey("cred-r", ada, 1, T0)));
        for (int round = 1; round <= raceRounds(); round++) {
            long base = round * 100L;
            List<Race.Outcome<Boolean>> outcomes =
                    race.run(i -> () -> inTx(() -> store.recordPasskeyUse("cred-r", base + i % 4, T0)));
            assertThat(outcomes).allMatch(Race.Outcome::returned);
            assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())))
                    .as("round %d", round)
                    .hasSizeBetween(1, 4);
            assertThat(inTx(() -> store.findPasskey("cred-r")).orElseThrow().signatureCount())
                    .as("round %d", round)
                    .isEqualTo(base + 3);
        }
    }

    @Test
    void renameAndDeletePasskeyWhenOtherAccountThenRefusedAndOwnerSucceeds() {
        inTx(() -> store.insertPasskey(passkey("cred-1", ada, 0, T0)));
        assertThat(inTx(() -> store.renamePasskey(ben, "cred-1", "Mine now"))).isFalse();
        assertThat(inTx(() -> store.deletePasskey(ben, "cred-1"))).isFalse();
        assertThat(inTx(() -> store.renamePasskey(ada, "cred-1", "Work laptop")))
                .isTrue();
        assertThat(inTx(() -> store.findPasskey("cred-1")).orElseThrow().label())
                .isEqualTo("Work laptop");
        assertThat(inTx(() -> store.deletePasskey(ada, "cred-1"))).isTrue();
        assertThat(inTx(() -> store.deletePasskey(ada, "cred-1"))).isFalse();
        assertThat(inTx(() -> store.findPasskey("cred-1"))).isEmpty();
        assertThat(inTx(() -> store.findPasskeys(ada))).isEmpty();
    }

    @Test
    void insertPasskeyWhenTransactionRollsBackThenNothingStored() {
        assertThatThrownBy(() -> tx.inTransaction(() -> {
                    store.insertPasskey(passkey("cred-x", ada, 0, T0));
                    store.replaceRecoveryCodes(ada, digests("x", 3), T0);
                    throw new IllegalStateException("host failure");
                }))
                .hasMessage("host failure");
        assertThat(inTx(() -> store.findPasskey("cred-x"))).isEmpty();
        assertThat(inTx(() -> store.unusedRecoveryCodes(ada))).isZero();
    }

    private AccountId account(String email) {
        var account = StoreTestData.account(email);
        inTx(() -> storage.accounts().insert(account));
        return account.id();
    }

    private void confirmedTotp(AccountId account, long step) {
        inTx(() -> store.saveTotp(TotpEnrolment.unconfirmed(account, bytes(60, 3), T0)));
        assertThat(inTx(() -> store.confirmTotp(account, step, T0))).isTrue();
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.inTransaction(work);
    }

    private void inTx(Runnable work) {
        tx.inTransaction(work);
    }

    private static PasskeyCredential passkey(String id, AccountId account, long counter, Instant createdAt) {
        return new PasskeyCredential(
                id,
                account,
                bytes(77, 9),
                counter,
                List.of("internal", "hybrid"),
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(account.value().toString().getBytes(StandardCharsets.US_ASCII))
                        .substring(0, 43),
                "Phone",
                createdAt,
                null);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static List<String> digests(String prefix, int count) {
        List<String> digests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            digests.add(digest(prefix + i));
        }
        return digests;
    }

    private static String digest(String code) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
