package io.portalinvite.password;

import io.portalinvite.common.ValidationException;
import io.portalinvite.internal.Passwords;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's {@link PasswordHasher}: Argon2id (RFC 9106) through argon2-jvm's bundled
 * libargon2, producing PHC strings such as {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
 * with a {@value #SALT_LENGTH_BYTES}-byte random salt and a {@value #TAG_LENGTH_BYTES}-byte hash.
 *
 * <p><b>Normalisation.</b> Passwords are normalised with {@link Passwords#normalize} (NFKC) here,
 * not by callers, so the hash always matches what {@link PasswordValidator} judged. The normalised
 * text is copied into a {@code char[]} for the native call and that copy is wiped afterwards; the
 * caller's own {@link CharSequence} and the intermediate normalised {@link String} cannot be wiped
 * (Java strings are immutable), so wiping is defence in depth, not a guarantee.
 *
 * <p><b>Bounded concurrency.</b> Each hash or verification holds {@code memoryKiB} of native memory
 * for tens of milliseconds, so at most {@link #maxConcurrent()} run at once (default
 * {@code max(2, 2 × available processors)}); further callers wait in arrival order for at most
 * {@link #acquireTimeout()} (default 5 s) and then get a {@link HashingCapacityExceededException}.
 * A burst of logins therefore degrades into fast refusals instead of exhausting memory.
 *
 * <p><b>Reused work areas.</b> libargon2 is called through {@code argon2_ctx} with allocation
 * callbacks that hand out pre-touched native blocks from a pool of at most {@link #maxConcurrent()}
 * blocks, instead of letting it malloc (and, above glibc's mmap threshold, map, page-fault and
 * unmap) the whole area on every call; libargon2 wipes each block before it returns to the pool.
 * The peak native memory is unchanged, but it stays resident between hashes.
 *
 * <p><b>Fail fast.</b> Construction first checks that the JNA on the class path is at least
 * {@value JnaRequirement#MINIMUM} ({@link UnsupportedJnaVersionException} otherwise, naming the fix),
 * then hashes and verifies a known value once. If libargon2 cannot be loaded on this platform, or
 * returns something other than a well-formed Argon2id hash with the configured parameters,
 * construction throws {@link IllegalStateException}, so a broken deployment fails when the hasher is
 * built rather than at a patient's login.
 *
 * <p>Instances are thread-safe; create one per process and share it, since the concurrency bound
 * only protects memory when every caller goes through the same instance.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    /** Salt size in bytes (RFC 9106 recommends 16). */
    public static final int SALT_LENGTH_BYTES = 16;

    /** Hash output size in bytes (RFC 9106 recommends 32). */
    public static final int TAG_LENGTH_BYTES = 32;

    /** How long a caller waits for a hashing slot unless configured otherwise. */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Argon2idPasswordHasher.class);

    /** Mixes ASCII and non-ASCII so the self-test also exercises the UTF-8 encoding path. */
    private static final String SELF_TEST_PASSWORD = "portal-invite self-test caf\u00e9 \u2713";

    private final Argon2Parameters parameters;
    private final int maxConcurrent;
    private final Duration acquireTimeout;
    private final Semaphore permits;
    private final Argon2Backend backend;

    /**
     * Creates a hasher over an explicit backend; package-private so tests can substitute the
     * native call site. Validates the settings, then runs the start-up self-test.
     */
    Argon2idPasswordHasher(
            Argon2Parameters parameters, int maxConcurrent, Duration acquireTimeout, Argon2Backend backend) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        this.backend = Objects.requireNonNull(backend, "backend");
        if (maxConcurrent < 1) {
            throw new ValidationException(
                    "argon2idPasswordHasher.maxConcurrent",
                    "argon2_hasher.max_concurrent_not_positive",
                    "maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        if (acquireTimeout.isNegative()) {
            throw new ValidationException(
                    "argon2idPasswordHasher.acquireTimeout",
                    "argon2_hasher.acquire_timeout_negative",
                    "acquireTimeout must not be negative, was " + acquireTimeout);
        }
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
        selfTest();
    }

    /**
     * Creates a hasher with every default: {@link Argon2Parameters#OWASP_MINIMUM},
     * {@link #defaultMaxConcurrent()} slots and a {@link #DEFAULT_ACQUIRE_TIMEOUT} wait.
     *
     * @throws UnsupportedJnaVersionException if the JNA on the class path is older than {@value JnaRequirement#MINIMUM}
     * @throws IllegalStateException if argon2-jvm's native library cannot be used here
     */
    public Argon2idPasswordHasher() {
        this(Argon2Parameters.OWASP_MINIMUM);
    }

    /**
     * Creates a hasher with the given cost and the default concurrency bound and wait; use
     * {@link #builder()} to change those too.
     *
     * @param parameters the Argon2id cost of new hashes
     * @throws UnsupportedJnaVersionException if the JNA on the class path is older than {@value JnaRequirement#MINIMUM}
     * @throws IllegalStateException if argon2-jvm's native library cannot be used here
     */
    public Argon2idPasswordHasher(Argon2Parameters parameters) {
        this(
                parameters,
                defaultMaxConcurrent(),
                DEFAULT_ACQUIRE_TIMEOUT,
                loadNativeBackend(defaultMaxConcurrent(), parameters));
    }

    /**
     * Starts configuring a hasher.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default concurrency bound: twice the processor count, and at least 2, which keeps
     * every core busy while capping native memory at a small multiple of it.
     *
     * @return {@code max(2, 2 × Runtime.availableProcessors())}
     */
    public static int defaultMaxConcurrent() {
        return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Hashes a password with the configured parameters and a fresh random salt.
     *
     * @param password the password as typed; normalised here with NFKC
     * @return the PHC string to store
     * @throws IllegalArgumentException if the password is over the byte cap or not well-formed
     * @throws HashingCapacityExceededException if no hashing slot became free in time
     */
    @Override
    public String hash(CharSequence password) {
        Objects.requireNonNull(password, "password");
        if (Passwords.exceedsHardCap(password) || Passwords.hasUnpairedSurrogate(password)) {
            throw new IllegalArgumentException("Refusing to hash a password that is over "
                    + PasswordPolicy.MAX_UTF8_BYTES + " UTF-8 bytes or is not well-formed UTF-16;"
                    + " check it with PasswordValidator first");
        }
        String normalized = Passwords.normalize(password);
        acquirePermit();
        try {
            char[] chars = normalized.toCharArray();
            try {
                return backend.hash(parameters, chars);
            } finally {
                backend.wipe(chars);
            }
        } finally {
            permits.release();
        }
    }

    /**
     * Checks a password against a stored hash. Only Argon2id version 1.3 hashes whose parameters
     * are within {@link Argon2Parameters}' bounds are ever passed to the native library; anything
     * else is logged (without its content) and treated as a mismatch.
     *
     * @param encodedHash the stored PHC string
     * @param password the password as typed; normalised here with NFKC
     * @return true only when the password matches
     * @throws HashingCapacityExceededException if no hashing slot became free in time; a busy
     *         server is reported as such rather than as a wrong password
     */
    @Override
    public boolean verify(String encodedHash, CharSequence password) {
        Objects.requireNonNull(encodedHash, "encodedHash");
        Objects.requireNonNull(password, "password");
        Optional<EncodedArgon2Hash> parsed = EncodedArgon2Hash.parse(encodedHash);
        if (parsed.isEmpty() || !parsed.get().isArgon2idVersion13()) {
            LOG.warn("Stored password hash is not a well-formed Argon2id v1.3 PHC string within"
                    + " bounds; treating it as a mismatch");
            return false;
        }
        if (Passwords.exceedsHardCap(password) || Passwords.hasUnpairedSurrogate(password)) {
            // hash() never accepts such input, so it cannot match any stored hash.
            return false;
        }
        String normalized = Passwords.normalize(password);
        acquirePermit();
        try {
            char[] chars = normalized.toCharArray();
            try {
                return backend.verify(encodedHash, chars);
            } finally {
                backend.wipe(chars);
            }
        } finally {
            permits.release();
        }
    }

    /**
     * Tells whether a stored hash falls short of the current configuration: not Argon2id v1.3,
     * lower memory, iterations or parallelism, a salt or hash shorter than this hasher produces,
     * or unparseable. Parsing only; no native work and no hashing slot is used.
     *
     * @param encodedHash the stored PHC string
     * @return true when the hash should be replaced after the next successful verification
     */
    @Override
    public boolean needsRehash(String encodedHash) {
        Objects.requireNonNull(encodedHash, "encodedHash");
        return EncodedArgon2Hash.parse(encodedHash)
                .map(stored -> !stored.isArgon2idVersion13()
                        || stored.parameters().isWeakerThan(parameters)
                        || stored.saltLength() < SALT_LENGTH_BYTES
                        || stored.tagLength() < TAG_LENGTH_BYTES)
                .orElse(true);
    }

    /**
     * Returns the cost parameters new hashes are made with.
     *
     * @return the configured parameters
     */
    public Argon2Parameters parameters() {
        return parameters;
    }

    /**
     * Returns how many hashes or verifications may run at once.
     *
     * @return the concurrency bound
     */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Returns how long a caller waits for a free slot before being refused.
     *
     * @return the acquire timeout
     */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /**
     * Describes the configuration, for start-up logs.
     *
     * @return a string such as {@code Argon2idPasswordHasher[m=19456, t=2, p=1, maxConcurrent=4,
     *         acquireTimeout=PT5S]}
     */
    @Override
    public String toString() {
        return "Argon2idPasswordHasher[m=" + parameters.memoryKiB() + ", t="
                + parameters.iterations() + ", p=" + parameters.parallelism() + ", maxConcurrent="
                + maxConcurrent + ", acquireTimeout=" + acquireTimeout + "]";
    }

    private void acquirePermit() {
        try {
            if (!permits.tryAcquire(acquireTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new HashingCapacityExceededException(maxConcurrent, acquireTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingCapacityExceededException(maxConcurrent, acquireTimeout, e);
        }
    }

    private void selfTest() {
        String encoded;
        boolean acceptsSame;
        boolean rejectsOther;
        Optional<EncodedArgon2Hash> parsed;
        try {
            encoded = backend.hash(parameters, SELF_TEST_PASSWORD.toCharArray());
            acceptsSame = backend.verify(encoded, SELF_TEST_PASSWORD.toCharArray());
            rejectsOther = !backend.verify(encoded, (SELF_TEST_PASSWORD + "x").toCharArray());
            parsed = EncodedArgon2Hash.parse(encoded);
        } catch (LinkageError | RuntimeException e) {
            throw nativeLibraryUnusable(e);
        }
        String problem = selfTestProblem(parsed, acceptsSame, rejectsOther);
        if (problem != null) {
            throw new IllegalStateException("argon2-jvm's native library could not be used: it"
                    + " misbehaved in the start-up self-test (" + problem + ") on "
                    + platform());
        }
    }

    private @Nullable String selfTestProblem(
            Optional<EncodedArgon2Hash> parsed, boolean acceptsSame, boolean rejectsOther) {
        if (parsed.isEmpty()) {
            return "its output is not an Argon2 PHC string";
        }
        EncodedArgon2Hash hash = parsed.get();
        if (!hash.isArgon2idVersion13()
                || !hash.parameters().equals(parameters)
                || hash.saltLength() != SALT_LENGTH_BYTES
                || hash.tagLength() != TAG_LENGTH_BYTES) {
            return "expected argon2id v=19 with m=" + parameters.memoryKiB() + ", t="
                    + parameters.iterations() + ", p=" + parameters.parallelism() + ", a "
                    + SALT_LENGTH_BYTES + "-byte salt and a " + TAG_LENGTH_BYTES
                    + "-byte hash, got " + hash.algorithm() + " v=" + hash.version() + " with "
                    + hash.parameters() + ", salt " + hash.saltLength() + " bytes, hash "
                    + hash.tagLength() + " bytes";
        }
        if (!acceptsSame) {
            return "it did not verify the value it had just hashed";
        }
        if (!rejectsOther) {
            return "it verified a different value against the hash";
        }
        return null;
    }

    private static Argon2Backend loadNativeBackend(int maxConcurrent, Argon2Parameters parameters) {
        JnaRequirement.check();
        try {
            // one pooled work area per permitted concurrent hash: see PooledArgon2idBackend
            return new PooledArgon2idBackend(Math.max(1, maxConcurrent), parameters);
        } catch (LinkageError | RuntimeException e) {
            throw nativeLibraryUnusable(e);
        }
    }

    private static RuntimeException nativeLibraryUnusable(Throwable cause) {
        if (cause instanceof LinkageError && String.valueOf(cause.getMessage()).contains("com.sun.jna")) {
            // a JNA whose version could not be read but that lacks what the hasher calls
            UnsupportedJnaVersionException jna = new UnsupportedJnaVersionException("JNA "
                    + JnaRequirement.foundVersion().orElse("of unknown version") + " found, argon2-jvm needs ≥ "
                    + JnaRequirement.MINIMUM + " here (" + cause + "): pin net.java.dev.jna:jna in your"
                    + " dependency management");
            jna.initCause(cause);
            return jna;
        }
        return new IllegalStateException(
                "argon2-jvm's native library (libargon2) could not be"
                        + " used on " + platform() + ": " + cause + ". argon2-jvm bundles libargon2 for"
                        + " Linux, macOS and Windows on x86, x86-64 and ARM; on other platforms depend on"
                        + " argon2-jvm-nolibs and install libargon2 where JNA can find it"
                        + " (jna.library.path).",
                cause);
    }

    private static String platform() {
        return System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ", Java " + Runtime.version();
    }

    /**
     * Configures an {@link Argon2idPasswordHasher}. Not thread-safe; settings are validated by
     * {@link #build()}.
     */
    public static final class Builder {

        private Argon2Parameters parameters = Argon2Parameters.OWASP_MINIMUM;
        private int maxConcurrent = defaultMaxConcurrent();
        private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        private @Nullable Argon2Backend backend;

        private Builder() {}

        /**
         * Sets the cost of new hashes. Stored hashes with weaker parameters still verify and are
         * reported by {@link Argon2idPasswordHasher#needsRehash}.
         *
         * @param parameters the Argon2id cost; default {@link Argon2Parameters#OWASP_MINIMUM}
         * @return this builder
         */
        public Builder parameters(Argon2Parameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /**
         * Sets how many hashes or verifications may run at once. Size it so that this number
         * times {@code memoryKiB} fits comfortably in the host's native memory.
         *
         * @param maxConcurrent at least 1; default {@link #defaultMaxConcurrent()}
         * @return this builder
         */
        public Builder maxConcurrent(int maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
            return this;
        }

        /**
         * Sets how long a caller may wait for a free slot before
         * {@link HashingCapacityExceededException} is thrown. Keep it below the host's request
         * timeout so the refusal reaches the patient as a clear "try again".
         *
         * @param acquireTimeout zero or more; default {@link #DEFAULT_ACQUIRE_TIMEOUT}
         * @return this builder
         */
        public Builder acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
            return this;
        }

        /** Replaces the native call site; for tests only. */
        Builder backend(Argon2Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * Validates the settings and creates the hasher, running its start-up self-test.
         *
         * @return a ready hasher
         * @throws ValidationException if a setting is out of range
         * @throws UnsupportedJnaVersionException if the JNA on the class path is older than {@value JnaRequirement#MINIMUM}
         * @throws IllegalStateException if argon2-jvm's native library cannot be used here
         */
        public Argon2idPasswordHasher build() {
            Argon2Backend chosen = backend != null ? backend : loadNativeBackend(maxConcurrent, parameters);
            return new Argon2idPasswordHasher(parameters, maxConcurrent, acquireTimeout, chosen);
        }
    }
}
