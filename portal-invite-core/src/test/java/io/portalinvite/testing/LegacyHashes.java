package io.portalinvite.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
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
 * Makes password hashes as other systems store them, in every form account import accepts, with
 * low costs so tests stay fast (bcrypt 4, scrypt N=1024, PBKDF2 1 000, Argon2 below the library's
 * bounds). Each kind says whether the "other system" hashed the password's NFKC form or its bytes as
 * typed, so tests cover both.
 */
public final class LegacyHashes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private LegacyHashes() {}

    /** The forms tests import; each is made by Bouncy Castle the way the named system lays it out. */
    public enum Kind {
        /** {@code $2a$04$...}. */
        BCRYPT_2A,
        /** {@code $2b$04$...}. */
        BCRYPT_2B,
        /** {@code $2y$04$...}. */
        BCRYPT_2Y,
        /** Spring Security {@code {bcrypt}$2a$04$...}. */
        SPRING_BCRYPT,
        /** {@code $pbkdf2-sha256$i=1000$salt$hash}. */
        PBKDF2_SHA256,
        /** {@code $pbkdf2-sha512$i=1000$salt$hash}. */
        PBKDF2_SHA512,
        /** passlib's {@code $pbkdf2-sha256$1000$salt$hash} in adapted Base64. */
        PASSLIB_PBKDF2_SHA256,
        /** {@code $scrypt$ln=10,r=8,p=1$salt$hash}. */
        SCRYPT,
        /** Spring Security {@code {scrypt}$a0801$salt$hash}. */
        SPRING_SCRYPT,
        /** {@code $argon2id$v=19$m=64,t=1,p=1$...}: below the library's bounds. */
        ARGON2ID_BELOW_BOUNDS,
        /** {@code $argon2i$v=19$m=64,t=2,p=1$...}. */
        ARGON2I,
        /** Spring Security {@code {argon2}$argon2id$v=19$m=128,t=1,p=1$...}. */
        SPRING_ARGON2,
        /** Argon2id within the library's bounds but with a 65-byte tag. */
        ARGON2ID_65_BYTE_TAG,
        /** Argon2id within the library's bounds, of the password's bytes as typed (no NFKC). */
        ARGON2ID_RAW_BYTES,
        /** Argon2id version 1.0 (v=16). */
        ARGON2ID_V10
    }

    /**
     * Hashes a password the way another system would.
     *
     * @param kind the form
     * @param password the password; hashed as typed (UTF-8), or NFKC-normalised when {@code nfkc}
     * @param nfkc whether the other system normalised with NFKC first
     * @return the hash as the other system stored it
     */
    public static String hash(Kind kind, String password, boolean nfkc) {
        byte[] pw = (nfkc ? Normalizer.normalize(password, Normalizer.Form.NFKC) : password)
                .getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case BCRYPT_2A -> OpenBSDBCrypt.generate("2a", pw, salt(16), 4);
            case BCRYPT_2B -> OpenBSDBCrypt.generate("2b", pw, salt(16), 4);
            case BCRYPT_2Y -> OpenBSDBCrypt.generate("2y", pw, salt(16), 4);
            case SPRING_BCRYPT -> "{bcrypt}" + OpenBSDBCrypt.generate("2a", pw, salt(16), 4);
            case PBKDF2_SHA256 -> pbkdf2Phc("sha256", pw, 1000, 32);
            case PBKDF2_SHA512 -> pbkdf2Phc("sha512", pw, 1000, 64);
            case PASSLIB_PBKDF2_SHA256 -> {
                byte[] salt = salt(16);
                byte[] dk = pbkdf2(new SHA256Digest(), pw, salt, 1000, 32);
                yield "$pbkdf2-sha256$1000$" + B64.encodeToString(salt).replace('+', '.') + "$"
                        + B64.encodeToString(dk).replace('+', '.');
            }
            case SCRYPT -> {
                byte[] salt = salt(16);
                byte[] dk = SCrypt.generate(pw, salt, 1024, 8, 1, 32);
                yield "$scrypt$ln=10,r=8,p=1$" + B64.encodeToString(salt) + "$" + B64.encodeToString(dk);
            }
            case SPRING_SCRYPT -> {
                byte[] salt = salt(64);
                byte[] dk = SCrypt.generate(pw, salt, 1024, 8, 1, 32);
                String params = Long.toString(10L << 16 | 8 << 8 | 1, 16);
                yield "{scrypt}$" + params + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                        + Base64.getEncoder().encodeToString(dk);
            }
            case ARGON2ID_BELOW_BOUNDS -> argon2(Argon2Parameters.ARGON2_id, "argon2id", 19, 64, 1, 1, pw, 32);
            case ARGON2I -> argon2(Argon2Parameters.ARGON2_i, "argon2i", 19, 64, 2, 1, pw, 32);
            case SPRING_ARGON2 -> "{argon2}" + argon2(Argon2Parameters.ARGON2_id, "argon2id", 19, 128, 1, 1, pw, 32);
            case ARGON2ID_65_BYTE_TAG -> argon2(Argon2Parameters.ARGON2_id, "argon2id", 19, 1024, 1, 1, pw, 65);
            case ARGON2ID_RAW_BYTES -> argon2(Argon2Parameters.ARGON2_id, "argon2id", 19, 1024, 1, 1, pw, 32);
            case ARGON2ID_V10 -> argon2(Argon2Parameters.ARGON2_id, "argon2id", 16, 64, 1, 1, pw, 32);
        };
    }

    /**
     * Spring Security's {@code {pbkdf2}} form with its default encoding (hex of salt and hash) and
     * the parameters its id implies: HMAC-SHA1, 185 000 iterations, 8-byte salt; or, for
     * {@code v58}, HMAC-SHA256, 310 000 iterations, 16-byte salt. Costly: a few per test run.
     *
     * @param password the password, hashed as typed
     * @param v58 whether to make the {@code {pbkdf2@SpringSecurity_v5_8}} form
     * @return the hash
     */
    public static String springPbkdf2(String password, boolean v58) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] salt = salt(v58 ? 16 : 8);
        byte[] dk = v58
                ? pbkdf2(new SHA256Digest(), pw, salt, 310_000, 32)
                : pbkdf2(new SHA1Digest(), pw, salt, 185_000, 32);
        byte[] both = new byte[salt.length + dk.length];
        System.arraycopy(salt, 0, both, 0, salt.length);
        System.arraycopy(dk, 0, both, salt.length, dk.length);
        return (v58 ? "{pbkdf2@SpringSecurity_v5_8}" : "{pbkdf2}")
                + HexFormat.of().formatHex(both);
    }

    private static String pbkdf2Phc(String name, byte[] pw, int iterations, int length) {
        byte[] salt = salt(16);
        byte[] dk =
                pbkdf2(name.equals("sha256") ? new SHA256Digest() : new SHA512Digest(), pw, salt, iterations, length);
        return "$pbkdf2-" + name + "$i=" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(dk);
    }

    private static byte[] pbkdf2(
            org.bouncycastle.crypto.Digest digest, byte[] pw, byte[] salt, int iterations, int length) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(digest);
        g.init(pw, salt, iterations);
        return ((KeyParameter) g.generateDerivedParameters(length * 8)).getKey();
    }

    private static String argon2(int type, String name, int version, int m, int t, int p, byte[] pw, int tag) {
        byte[] salt = salt(16);
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build());
        byte[] out = new byte[tag];
        g.generateBytes(pw, out);
        return "$" + name + "$v=" + version + "$m=" + m + ",t=" + t + ",p=" + p + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(out);
    }

    private static byte[] salt(int length) {
        byte[] salt = new byte[length];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
