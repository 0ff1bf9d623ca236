package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pooled-work-area backend against argon2-jvm's own path on the same libargon2: identical
 * bytes, the same PHC format, thread safety, a bounded pool and wiped blocks.
 */
@Timeout(120)
class PooledArgon2idBackendTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Argon2Advanced ARGON2_JVM = Argon2Factory.createAdvanced(
            Argon2Types.ARGON2id, Argon2idPasswordHasher.SALT_LENGTH_BYTES, Argon2idPasswordHasher.TAG_LENGTH_BYTES);

    static Stream<Arguments> parameters() {
        List<Arguments> cases = new ArrayList<>();
        String[] passwords = {"violet-Harbor-9 orbit", "caf\u00e9 \u2713 \u6f22\u5b57 \ud83d\udd11", "x", ""};
        int[][] costs = {
            {1024, 1, 1},
            {1024, 3, 1},
            {1031, 2, 1},
            {2048, 1, 2},
            {4096, 2, 4},
            {1536, 1, 3},
            {8192, 1, 16},
            {19456, 2, 1},
            {47104, 1, 1}
        };
        int i = 0;
        for (int[] cost : costs) {
            cases.add(Arguments.of(new Argon2Parameters(cost[0], cost[1], cost[2]), passwords[i++ % passwords.length]));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("parameters")
    void hashWhenSameSaltAndParametersThenByteIdenticalToArgon2Jvm(Argon2Parameters cost, String password) {
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(2, cost);
        for (int repetition = 0; repetition < 3; repetition++) {
            byte[] salt = salt();
            String ours = pooled.hash(cost, password.toCharArray(), salt);
            String theirs = ARGON2_JVM.hash(
                    cost.iterations(),
                    cost.memoryKiB(),
                    cost.parallelism(),
                    password.toCharArray(),
                    StandardCharsets.UTF_8,
                    salt);
            assertThat(ours).isEqualTo(theirs);
            assertThat(pooled.verify(theirs, password.toCharArray())).isTrue();
            assertThat(ARGON2_JVM.verify(ours, password.toCharArray(), StandardCharsets.UTF_8))
                    .isTrue();
            assertThat(pooled.verify(ours, (password + "!").toCharArray())).isFalse();
        }
        assertThat(pooled.pool().idleBlocksAreZero()).isTrue();
    }

    @Test
    void verifyWhenHashHasOtherSaltAndTagLengthsThenChecksThemLikeArgon2Jvm() {
        Argon2Parameters cost = new Argon2Parameters(1024, 1, 1);
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(2, cost);
        for (int[] lengths : new int[][] {{8, 4}, {32, 64}, {16, 16}, {64, 33}}) {
            Argon2Advanced other = Argon2Factory.createAdvanced(Argon2Types.ARGON2id, lengths[0], lengths[1]);
            String stored = other.hash(1, 1024, 1, "violet-Harbor-9".toCharArray(), StandardCharsets.UTF_8);
            assertThat(pooled.verify(stored, "violet-Harbor-9".toCharArray()))
                    .as("%s", stored)
                    .isTrue();
            assertThat(pooled.verify(stored, "violet-Harbor-8".toCharArray()))
                    .as("%s", stored)
                    .isFalse();
        }
    }

    @Test
    void verifyWhenStoredHashIsArgon2iThenFalse() {
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(1, new Argon2Parameters(1024, 1, 1));
        String argon2i = Argon2Factory.create(Argon2Types.ARGON2i, 16, 32)
                .hash(1, 1024, 1, "violet-Harbor-9".toCharArray(), StandardCharsets.UTF_8);
        assertThat(pooled.verify(argon2i, "violet-Harbor-9".toCharArray())).isFalse();
    }

    @Test
    void hashWhenRandomSaltThenPhcStringThatArgon2JvmVerifies() {
        Argon2Parameters cost = new Argon2Parameters(2048, 2, 1);
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(1, cost);
        String first = pooled.hash(cost, "violet-Harbor-9".toCharArray());
        String second = pooled.hash(cost, "violet-Harbor-9".toCharArray());
        assertThat(first)
                .matches("\\$argon2id\\$v=19\\$m=2048,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .isNotEqualTo(second);
        assertThat(ARGON2_JVM.verify(first, "violet-Harbor-9".toCharArray(), StandardCharsets.UTF_8))
                .isTrue();
    }

    @Test
    void hashWhenManyThreadsManyRepetitionsThenEveryResultRightPoolWithinBoundAndWiped() throws Exception {
        int bound = 3;
        Argon2Parameters cost = new Argon2Parameters(1024, 1, 1);
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(bound, cost);
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .parameters(cost)
                .maxConcurrent(bound)
                .acquireTimeout(Duration.ofSeconds(60))
                .backend(pooled)
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    start.await();
                    int right = 0;
                    for (int r = 0; r < 40; r++) {
                        String password = "thread-" + thread + "-repetition-" + r;
                        byte[] salt = salt();
                        String ours = pooled.hash(cost, password.toCharArray(), salt);
                        String theirs =
                                ARGON2_JVM.hash(1, 1024, 1, password.toCharArray(), StandardCharsets.UTF_8, salt);
                        String viaHasher = hasher.hash(password);
                        if (ours.equals(theirs)
                                && hasher.verify(viaHasher, password)
                                && !hasher.verify(viaHasher, password + "x")) {
                            right++;
                        }
                    }
                    return right;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(40);
            }
        } finally {
            threads.shutdownNow();
        }
        // direct backend calls bypass the hasher's semaphore, so up to 12 ran at once: beyond the
        // bound the pool hands out transient blocks instead of growing
        assertThat(pooled.pool().peakPooledBlocks()).isLessThanOrEqualTo(bound);
        assertThat(pooled.pool().pooledBlocks()).isLessThanOrEqualTo(bound);
        assertThat(pooled.pool().idleBlocks()).isEqualTo(pooled.pool().pooledBlocks());
        assertThat(pooled.pool().idleBlocksAreZero()).isTrue();
    }

    @Test
    void hashWhenOnlyThroughHasherThenPoolNeverExceedsConcurrencyBoundAndNoTransientBlocks() throws Exception {
        int bound = 2;
        Argon2Parameters cost = new Argon2Parameters(2048, 1, 1);
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(bound, cost);
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .parameters(cost)
                .maxConcurrent(bound)
                .acquireTimeout(Duration.ofSeconds(60))
                .backend(pooled)
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    boolean all = true;
                    for (int r = 0; r < 25; r++) {
                        all &= hasher.verify(hasher.hash("violet-Harbor-9"), "violet-Harbor-9");
                    }
                    return all;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(pooled.pool().peakPooledBlocks()).isLessThanOrEqualTo(bound);
        assertThat(pooled.pool().transientBlocks()).isZero();
        assertThat(pooled.pool().idleBlocksAreZero()).isTrue();
    }

    @Test
    void verifyWhenStoredCostHigherThanConfiguredThenRightAnswerAndBlockNotKept() {
        Argon2Parameters configured = new Argon2Parameters(1024, 1, 1);
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(2, configured);
        String stronger = ARGON2_JVM.hash(1, 4096, 1, "violet-Harbor-9".toCharArray(), StandardCharsets.UTF_8);
        long transientBefore = pooled.pool().transientBlocks();
        assertThat(pooled.verify(stronger, "violet-Harbor-9".toCharArray())).isTrue();
        assertThat(pooled.pool().transientBlocks()).isEqualTo(transientBefore + 1);
        assertThat(pooled.pool().idleBlocksAreZero()).isTrue();
    }

    @Test
    void constructWhenBundledLibargon2ThenItWipesItsWorkAreaItself() {
        // documents why the free callback does not zero every block a second time
        PooledArgon2idBackend pooled = new PooledArgon2idBackend(1, new Argon2Parameters(1024, 1, 1));
        assertThat(pooled.wipesItself()).isFalse();
    }

    @Test
    void workAreaBytesWhenMemoryNotMultipleOfFourLanesThenRoundedDownLikeLibargon2() {
        assertThat(PooledArgon2idBackend.workAreaBytes(new Argon2Parameters(19456, 2, 1)))
                .isEqualTo(19456L * 1024);
        assertThat(PooledArgon2idBackend.workAreaBytes(new Argon2Parameters(1031, 1, 1)))
                .isEqualTo(1028L * 1024);
        assertThat(PooledArgon2idBackend.workAreaBytes(new Argon2Parameters(1536, 1, 3)))
                .isEqualTo(1536L * 1024);
        assertThat(PooledArgon2idBackend.workAreaBytes(new Argon2Parameters(1030, 1, 3)))
                .isEqualTo(1020L * 1024);
    }

    private static byte[] salt() {
        byte[] salt = new byte[Argon2idPasswordHasher.SALT_LENGTH_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
