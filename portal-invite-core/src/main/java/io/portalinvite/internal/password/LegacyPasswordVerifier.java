package io.portalinvite.internal.password;

import io.portalinvite.internal.Passwords;
import io.portalinvite.password.PasswordHasher.HashingCapacityExceededException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Checks a password against an imported {@link LegacyPasswordHash} with Bouncy Castle's
 * implementations ({@code OpenBSDBCrypt}, {@code PKCS5S2ParametersGenerator}, {@code SCrypt},
 * {@code Argon2BytesGenerator}); only the parsing of the string forms is this library's own.
 *
 * <p>The other system may or may not have normalised passwords before hashing them, so
 * {@link #verify} tries the password's NFKC form first (what this library hashes) and then the
 * bytes exactly as typed, each once; when both are the same bytes it tries once. The bytes are
 * UTF-8, as Spring Security, passlib and the reference implementations use. bcrypt reads at most 72
 * bytes of a password, as every bcrypt implementation did when it made the hash.
 *
 * <p>Verifications run on the Java heap (scrypt and Argon2 hold their whole working memory there),
 * so at most {@code maxConcurrent} run at once; further callers wait for at most the acquire timeout
 * and then get a {@link HashingCapacityExceededException}, like the Argon2id hasher's.
 */
public final class LegacyPasswordVerifier {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration acquireTimeout;

    /**
     * Creates a verifier.
     *
     * @param maxConcurrent how many verifications may run at once; at least 1
     * @param acquireTimeout how long a caller waits for a slot
     */
    public LegacyPasswordVerifier(int maxConcurrent, Duration acquireTimeout) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /** Creates a verifier allowing as many verifications at once as there are processors (at least 2), waiting 5 s. */
    public LegacyPasswordVerifier() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(5));
    }

    /**
     * Checks a password: its NFKC form, then — when different — its bytes as typed.
     *
     * @param hash the imported hash
     * @param password the password as typed
     * @return true when either form matches
     * @throws HashingCapacityExceededException when no verification slot became free in time
     */
    public boolean verify(LegacyPasswordHash hash, CharSequence password) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(password, "password");
        if (Passwords.exceedsHardCap(password) || Passwords.hasUnpairedSurrogate(password)) {
            return false;
        }
        byte[] normalized = Passwords.normalize(password).getBytes(StandardCharsets.UTF_8);
        byte[] raw = password.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (matches(hash, normalized)) {
                return true;
            }
            return !Arrays.equals(normalized, raw) && matches(hash, raw);
        } finally {
            Arrays.fill(normalized, (byte) 0);
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Checks one byte form of a password.
     *
     * @param hash the imported hash
     * @param password the password's bytes
     * @return true when they match
     * @throws HashingCapacityExceededException when no verification slot became free in time
     */
    public boolean matches(LegacyPasswordHash hash, byte[] password) {
        acquire();
        try {
            return switch (hash.format()) {
                case BCRYPT -> bcrypt(hash, password);
                case PBKDF2_SHA1, PBKDF2_SHA256, PBKDF2_SHA512 -> pbkdf2(hash, password);
                case SCRYPT -> scrypt(hash, password);
                case ARGON2ID, ARGON2I, ARGON2D -> argon2(hash, password);
            };
        } finally {
            permits.release();
        }
    }

    private static boolean bcrypt(LegacyPasswordHash hash, byte[] password) {
        String encoded = hash.encoded();
        String bcrypt = encoded.startsWith("{") ? encoded.substring(encoded.indexOf('}') + 1) : encoded;
        byte[] truncated = password.length > BCRYPT_MAX_BYTES ? Arrays.copyOf(password, BCRYPT_MAX_BYTES) : password;
        try {
            return OpenBSDBCrypt.checkPassword(bcrypt, truncated);
        } finally {
            if (truncated != password) {
                Arrays.fill(truncated, (byte) 0);
            }
        }
    }

    private static boolean pbkdf2(LegacyPasswordHash hash, byte[] password) {
        PKCS5S2ParametersGenerator generator = switch (hash.format()) {
            case PBKDF2_SHA1 -> new PKCS5S2ParametersGenerator(new SHA1Digest());
            case PBKDF2_SHA256 -> new PKCS5S2ParametersGenerator(new SHA256Digest());
            default -> new PKCS5S2ParametersGenerator(new SHA512Digest());
        };
        byte[] expected = hash.hash();
        generator.init(password, hash.salt(), hash.iterations());
        byte[] actual = ((KeyParameter) generator.generateDerivedParameters(expected.length * 8)).getKey();
        return MessageDigest.isEqual(expected, actual);
    }

    private static boolean scrypt(LegacyPasswordHash hash, byte[] password) {
        byte[] expected = hash.hash();
        byte[] actual = SCrypt.generate(
                password, hash.salt(), hash.iterations(), hash.blockSize(), hash.parallelism(), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static boolean argon2(LegacyPasswordHash hash, byte[] password) {
        int type = switch (hash.format()) {
            case ARGON2ID -> Argon2Parameters.ARGON2_id;
            case ARGON2I -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_d;
        };
        Argon2Parameters parameters = new Argon2Parameters.Builder(type)
                .withVersion(
                        hash.version() == 19 ? Argon2Parameters.ARGON2_VERSION_13 : Argon2Parameters.ARGON2_VERSION_10)
                .withMemoryAsKB(hash.memory())
                .withIterations(hash.iterations())
                .withParallelism(hash.parallelism())
                .withSalt(hash.salt())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] expected = hash.hash();
        byte[] actual = new byte[expected.length];
        generator.generateBytes(password, actual);
        return MessageDigest.isEqual(expected, actual);
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HashingCapacityExceededException(maxConcurrent, acquireTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingCapacityExceededException(maxConcurrent, acquireTimeout, e);
        }
    }
}
