package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hasher against the real native libargon2. */
@Timeout(60)
class Argon2idPasswordHasherTest {

    private static final String PASSWORD = "violet-Harbor-9 orbit";
    private static final Argon2Parameters FAST = new Argon2Parameters(1024, 1, 1);

    private static Argon2idPasswordHasher hasher;
    private static String stored;

    @BeforeAll
    static void createHasher() {
        hasher = new Argon2idPasswordHasher();
        stored = hasher.hash(PASSWORD);
    }

    @Test
    void hashWhenDefaultParametersThenExactPhcPrefix() {
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void hashWhenDecodedThenSixteenByteSaltAndThirtyTwoByteTagWithoutPadding() {
        String[] parts = stored.split("\\$");

        assertThat(parts).hasSize(6);
        assertThat(parts[4]).doesNotContain("=");
        assertThat(parts[5]).doesNotContain("=");
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
    }

    @Test
    void hashWhenSamePasswordTwiceThenDifferentHashesBothVerifying() {
        String again = hasher.hash(PASSWORD);

        assertThat(again).isNotEqualTo(stored);
        assertThat(again.split("\\$")[4]).isNotEqualTo(stored.split("\\$")[4]);
        assertThat(hasher.verify(again, PASSWORD)).isTrue();
    }

    @Test
    void verifyWhenRightPasswordThenTrue() {
        assertThat(hasher.verify(stored, PASSWORD)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"violet-Harbor-9 orbiT", "violet-Harbor-9 orbit ", "violet-Harbor-9", "", "VIOLET-HARBOR-9 ORBIT"
            })
    void verifyWhenWrongPasswordThenFalse(String wrong) {
        assertThat(hasher.verify(stored, wrong)).isFalse();
    }

    @Test
    void verifyWhenSetWithPrecomposedAndTypedDecomposedThenTrue() {
        String precomposed = hasher.hash("caf\u00e9 au lait orbit");

        assertThat(hasher.verify(precomposed, "cafe\u0301 au lait orbit")).isTrue();
    }

    @Test
    void verifyWhenSetWithDecomposedAndTypedPrecomposedThenTrue() {
        String decomposed = hasher.hash("cafe\u0301 au lait orbit");

        assertThat(hasher.verify(decomposed, "caf\u00e9 au lait orbit")).isTrue();
    }

    @Test
    void verifyWhenSetWithFullWidthAndTypedAsciiThenTrue() {
        String fullWidth = hasher.hash("\uff4f\uff52\uff42\uff49\uff54 lantern 42");

        assertThat(hasher.verify(fullWidth, "orbit lantern 42")).isTrue();
    }

    @Test
    void verifyWhenOneCharacterAppendedToMaximumLengthPasswordThenFalseBecauseNoTruncation() {
        String longest = TestPasswords.random(1024, 99);
        String longestHash = hasher.hash(longest);

        assertThat(hasher.verify(longestHash, longest)).isTrue();
        assertThat(hasher.verify(longestHash, longest + "x")).isFalse();
        assertThat(hasher.verify(longestHash, longest.substring(0, 1023))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "$argon2id$",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
                "$argon2id$v=19$m=2097152,t=32,p=16$!!!!$????",
                "$argon2id$v=19$m=4194304,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
                "\u0000\u0001\u0002"
            })
    void verifyWhenStoredHashMalformedOrForeignThenFalseWithoutThrowing(String garbage) {
        assertThat(hasher.verify(garbage, PASSWORD)).isFalse();
    }

    @Test
    void verifyWhenStoredHashTruncatedOrTamperedThenFalse() {
        char last = stored.charAt(stored.length() - 2);
        String tampered = stored.substring(0, stored.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + stored.charAt(stored.length() - 1);

        assertThat(hasher.verify(stored.substring(0, stored.length() - 4), PASSWORD))
                .isFalse();
        assertThat(hasher.verify(tampered, PASSWORD)).isFalse();
    }

    @Test
    void verifyWhenStoredHashIsArgon2iOfSamePasswordThenFalse() {
        String argon2i = Argon2Factory.create(Argon2Types.ARGON2i, 16, 32).hash(2, 19456, 1, PASSWORD.toCharArray());

        assertThat(hasher.verify(argon2i, PASSWORD)).isFalse();
    }

    @Test
    void verifyWhenPasswordOverByteCapThenFalseWithoutHashing() {
        assertThat(hasher.verify(stored, PASSWORD + "x".repeat(5000))).isFalse();
    }

    @Test
    void hashWhenPasswordOverByteCapThenIllegalArgumentWithoutEchoingIt() {
        String huge = "secret-" + "y".repeat(5000);

        assertThatThrownBy(() -> hasher.hash(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("secret-")
                .contains("4096");
    }

    @Test
    void hashWhenLoneSurrogateThenIllegalArgument() {
        assertThatThrownBy(() -> hasher.hash("violet-Harbor-\uD800-orbit"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsRehashWhenHashMadeWithCurrentParametersThenFalse() {
        assertThat(hasher.needsRehash(stored)).isFalse();
    }

    @Test
    void needsRehashWhenHashMadeWithOwaspAlternativeSevenMebibytesFiveIterationsThenTrue() {
        Argon2idPasswordHasher older = new Argon2idPasswordHasher(new Argon2Parameters(7168, 5, 1));
        String olderHash = older.hash(PASSWORD);

        assertThat(olderHash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(hasher.needsRehash(olderHash)).isTrue();
        assertThat(hasher.verify(olderHash, PASSWORD)).isTrue();
    }

    @Test
    void constructWhenOnlyParametersGivenThenDefaultConcurrencyBoundAndTimeout() {
        Argon2idPasswordHasher fast = new Argon2idPasswordHasher(FAST);

        assertThat(fast.parameters()).isEqualTo(FAST);
        assertThat(fast.maxConcurrent()).isEqualTo(Argon2idPasswordHasher.defaultMaxConcurrent());
        assertThat(fast.acquireTimeout()).isEqualTo(Argon2idPasswordHasher.DEFAULT_ACQUIRE_TIMEOUT);
        assertThat(fast.hash(PASSWORD)).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    }

    @Test
    void needsRehashWhenHashIsArgon2iThenTrue() {
        String argon2i = Argon2Factory.create(Argon2Types.ARGON2i, 16, 32).hash(2, 19456, 1, PASSWORD.toCharArray());

        assertThat(argon2i).startsWith("$argon2i$");
        assertThat(hasher.needsRehash(argon2i)).isTrue();
    }

    @Test
    void needsRehashWhenStoredParametersStrongerThanConfiguredThenFalse() {
        Argon2idPasswordHasher stronger = Argon2idPasswordHasher.builder()
                .parameters(new Argon2Parameters(19456, 3, 1))
                .build();

        assertThat(hasher.needsRehash(stronger.hash(PASSWORD))).isFalse();
    }

    @Test
    void needsRehashWhenSaltShorterThanSixteenBytesThenTrue() {
        String shortSalt =
                "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAA" + "$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        assertThat(hasher.needsRehash(shortSalt)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"})
    void needsRehashWhenUnparseableThenTrue(String garbage) {
        assertThat(hasher.needsRehash(garbage)).isTrue();
    }

    @Test
    void hashAndVerifyWhenEightThreadsTenTimesEachThenEveryResultCorrect() throws Exception {
        Argon2idPasswordHasher fast = Argon2idPasswordHasher.builder()
                .parameters(FAST)
                .maxConcurrent(8)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int correct = 0;
                    for (int i = 0; i < 10; i++) {
                        String mine = "thread " + thread + " password " + i;
                        String hash = fast.hash(mine);
                        if (fast.verify(hash, mine)
                                && !fast.verify(hash, mine + "!")
                                && hash.startsWith("$argon2id$v=19$m=1024,t=1,p=1$")) {
                            correct++;
                        }
                    }
                    return correct;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(10);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hashWhenRealNativeBackendAndEightThreadsThenNeverMoreThanTwoInFlight() throws Exception {
        FakeArgon2Backend.Tracking tracking = new FakeArgon2Backend.Tracking(new NativeArgon2idBackend());
        Argon2idPasswordHasher bounded = Argon2idPasswordHasher.builder()
                .maxConcurrent(2)
                .acquireTimeout(Duration.ofSeconds(30))
                .backend(tracking)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return bounded.verify(bounded.hash(PASSWORD), PASSWORD);
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tracking.tracker.peak()).isEqualTo(2);
    }
}
