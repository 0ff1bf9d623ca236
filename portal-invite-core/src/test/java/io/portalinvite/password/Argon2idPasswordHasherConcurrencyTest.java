package io.portalinvite.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Concurrency bound, timeouts and permit hygiene, observed through a slow fake backend. */
@Timeout(30)
class Argon2idPasswordHasherConcurrencyTest {

    private final FakeArgon2Backend fake = new FakeArgon2Backend();
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopPool() {
        CountDownLatch gate = fake.gate;
        if (gate != null) {
            gate.countDown();
        }
        pool.shutdownNow();
    }

    private Argon2idPasswordHasher hasher(int maxConcurrent, Duration timeout) {
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder()
                .maxConcurrent(maxConcurrent)
                .acquireTimeout(timeout)
                .backend(fake)
                .build();
        fake.reset();
        return hasher;
    }

    /** Starts {@code count} hashes that block inside the backend until the gate opens. */
    private List<Future<String>> occupy(Argon2idPasswordHasher hasher, int count) throws InterruptedException {
        List<Future<String>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            running.add(pool.submit(() -> hasher.hash("occupying slot password")));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fake.tracker.inFlight() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(fake.tracker.inFlight()).as("calls inside the backend").isEqualTo(count);
        return running;
    }

    @RepeatedTest(5)
    void hashAndVerifyWhenSixteenThreadsAtOnceThenNeverMoreThanTwoInFlight() throws Exception {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofSeconds(20));
        String stored = hasher.hash("violet-Harbor-9");
        fake.reset();
        fake.delayMillis = 15;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            boolean hashing = i % 2 == 0;
            results.add(pool.submit(() -> {
                start.await();
                return hashing
                        ? hasher.hash("violet-Harbor-9").startsWith("$argon2id$")
                        : hasher.verify(stored, "violet-Harbor-9");
            }));
        }
        start.countDown();

        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
        assertThat(fake.tracker.entered()).isEqualTo(16);
        assertThat(fake.tracker.peak()).isEqualTo(2);
    }

    @Test
    void hashWhenAllSlotsBusyPastTimeoutThenHashingCapacityExceeded() throws Exception {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofMillis(100));
        CountDownLatch gate = new CountDownLatch(1);
        fake.gate = gate;
        List<Future<String>> running = occupy(hasher, 2);
        long started = System.nanoTime();

        assertThatThrownBy(() -> hasher.hash("violet-Harbor-9"))
                .isInstanceOfSatisfying(HashingCapacityExceededException.class, e -> {
                    assertThat(e.maxConcurrent()).isEqualTo(2);
                    assertThat(e.acquireTimeout()).isEqualTo(Duration.ofMillis(100));
                    assertThat(e.getMessage()).contains("2").contains("100 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(fake.tracker.entered()).isEqualTo(2);

        gate.countDown();
        for (Future<String> r : running) {
            assertThat(r.get()).startsWith("$argon2id$");
        }
    }

    @Test
    void verifyWhenAllSlotsBusyPastTimeoutThenCapacityExceededRatherThanFalse() throws Exception {
        Argon2idPasswordHasher hasher = hasher(1, Duration.ofMillis(50));
        String stored = hasher.hash("violet-Harbor-9");
        fake.gate = new CountDownLatch(1);
        occupy(hasher, 1);

        assertThatThrownBy(() -> hasher.verify(stored, "violet-Harbor-9"))
                .isInstanceOf(HashingCapacityExceededException.class);
    }

    @Test
    void hashWhenFourteenCallersExceedBoundOfTwoThenEveryExcessCallerRefused() throws Exception {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofMillis(50));
        fake.gate = new CountDownLatch(1);
        occupy(hasher, 2);
        List<Future<String>> excess = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            excess.add(pool.submit(() -> hasher.hash("violet-Harbor-9")));
        }

        for (Future<String> call : excess) {
            assertThatThrownBy(call::get).hasCauseInstanceOf(HashingCapacityExceededException.class);
        }
        assertThat(fake.tracker.peak()).isEqualTo(2);
    }

    @Test
    void hashWhenBackendThrowsThenPermitReleasedAndFullCapacityAvailableAgain() throws Exception {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofMillis(500));
        fake.failure = new IllegalStateException("simulated native failure");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> hasher.hash("violet-Harbor-9")).hasMessage("simulated native failure");
        }
        String stored = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA"
                + "$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> hasher.verify(stored, "violet-Harbor-9")).hasMessage("simulated native failure");
        }
        fake.failure = null;
        CountDownLatch gate = new CountDownLatch(1);
        fake.gate = gate;

        List<Future<String>> running = occupy(hasher, 2);

        gate.countDown();
        for (Future<String> r : running) {
            assertThat(r.get()).startsWith("$argon2id$");
        }
    }

    @Test
    void hashWhenCapacityExceededThenPermitCountUnchangedAfterwards() throws Exception {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofMillis(20));
        CountDownLatch gate = new CountDownLatch(1);
        fake.gate = gate;
        List<Future<String>> running = occupy(hasher, 2);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> hasher.hash("violet-Harbor-9"))
                    .isInstanceOf(HashingCapacityExceededException.class);
        }
        gate.countDown();
        for (Future<String> r : running) {
            r.get();
        }
        fake.reset();
        CountDownLatch secondGate = new CountDownLatch(1);
        fake.gate = secondGate;

        List<Future<String>> again = occupy(hasher, 2);
        assertThatThrownBy(() -> hasher.hash("violet-Harbor-9")).isInstanceOf(HashingCapacityExceededException.class);
        secondGate.countDown();
        for (Future<String> r : again) {
            r.get();
        }
    }

    @Test
    void hashWhenInterruptedWhileWaitingThenCapacityExceededAndInterruptFlagKept() throws Exception {
        Argon2idPasswordHasher hasher = hasher(1, Duration.ofSeconds(10));
        fake.gate = new CountDownLatch(1);
        occupy(hasher, 1);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> hasher.hash("violet-Harbor-9"))
                    .isInstanceOf(HashingCapacityExceededException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void hashWhenZeroTimeoutAndSlotFreeThenSucceeds() {
        assertThat(hasher(1, Duration.ZERO).hash("violet-Harbor-9")).startsWith("$argon2id$");
    }

    @Test
    void hashWhenCalledThenBackendGetsNfkcFormAndArrayIsWipedAfterwards() {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofSeconds(1));

        String stored = hasher.hash("cafe\u0301 \uff30\uff4f\uff52\uff54\uff41\uff4c 2026");

        assertThat(fake.passwordsSeen).containsExactly("caf\u00e9 Portal 2026");
        assertThat(fake.arraysSeen)
                .singleElement()
                .satisfies(array -> assertThat(new String(array)).matches("\0{16}"));
        assertThat(hasher.verify(stored, "caf\u00e9 Portal 2026")).isTrue();
    }

    @Test
    void verifyWhenCalledThenArrayIsWipedAfterwards() {
        Argon2idPasswordHasher hasher = hasher(2, Duration.ofSeconds(1));
        String stored = hasher.hash("violet-Harbor-9");
        fake.reset();

        assertThat(hasher.verify(stored, "violet-Harbor-9")).isTrue();

        assertThat(fake.arraysSeen)
                .singleElement()
                .satisfies(array -> assertThat(new String(array)).matches("\0{15}"));
    }
}
