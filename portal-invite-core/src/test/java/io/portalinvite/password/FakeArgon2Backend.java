package io.portalinvite.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A test double for the native call site: SHA-256 instead of Argon2, so it produces and checks
 * well-formed PHC strings instantly, plus knobs to make calls slow, blocking or failing, and
 * bookkeeping of concurrent calls and of the arrays it was handed.
 */
final class FakeArgon2Backend implements Argon2Backend {

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    final InFlightTracker tracker = new InFlightTracker();
    final List<char[]> arraysSeen = new CopyOnWriteArrayList<>();
    final List<String> passwordsSeen = new CopyOnWriteArrayList<>();
    volatile long delayMillis;
    volatile @Nullable CountDownLatch gate;
    volatile @Nullable RuntimeException failure;
    volatile @Nullable String algorithmOverride;
    volatile boolean verifyAlwaysTrue;

    @Override
    public String hash(Argon2Parameters parameters, char[] password) {
        return call(password, () -> {
            byte[] salt = new byte[Argon2idPasswordHasher.SALT_LENGTH_BYTES];
            RANDOM.nextBytes(salt);
            String algorithm = algorithmOverride != null ? algorithmOverride : "argon2id";
            return "$" + algorithm + "$v=19$m=" + parameters.memoryKiB() + ",t="
                    + parameters.iterations() + ",p=" + parameters.parallelism() + "$"
                    + B64.encodeToString(salt) + "$" + B64.encodeToString(tag(salt, password));
        });
    }

    @Override
    public boolean verify(String encodedHash, char[] password) {
        return call(password, () -> {
            if (verifyAlwaysTrue) {
                return true;
            }
            String[] parts = encodedHash.split("\\$");
            byte[] salt = Base64.getDecoder().decode(parts[4]);
            return MessageDigest.isEqual(Base64.getDecoder().decode(parts[5]), tag(salt, password));
        });
    }

    /** Forgets the self-test's calls so a test sees only its own. */
    void reset() {
        tracker.reset();
        arraysSeen.clear();
        passwordsSeen.clear();
    }

    private <T> T call(char[] password, java.util.function.Supplier<T> work) {
        tracker.enter();
        try {
            arraysSeen.add(password);
            passwordsSeen.add(new String(password));
            RuntimeException toThrow = failure;
            if (toThrow != null) {
                throw toThrow;
            }
            CountDownLatch currentGate = gate;
            if (currentGate != null && !currentGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            tracker.exit();
        }
    }

    private static byte[] tag(byte[] salt, char[] password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts calls in progress and remembers the highest count seen. */
    static final class InFlightTracker {

        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger entered = new AtomicInteger();

        void enter() {
            entered.incrementAndGet();
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
        }

        void exit() {
            inFlight.decrementAndGet();
        }

        int peak() {
            return peak.get();
        }

        int inFlight() {
            return inFlight.get();
        }

        int entered() {
            return entered.get();
        }

        void reset() {
            peak.set(inFlight.get());
            entered.set(0);
        }
    }

    /** Wraps another backend (typically the native one) to observe its concurrency. */
    static final class Tracking implements Argon2Backend {

        final InFlightTracker tracker = new InFlightTracker();
        private final Argon2Backend delegate;

        Tracking(Argon2Backend delegate) {
            this.delegate = delegate;
        }

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
