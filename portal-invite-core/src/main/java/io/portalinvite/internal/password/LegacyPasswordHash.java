package io.portalinvite.internal.password;

import io.portalinvite.common.ValidationException;
import java.io.Serial;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A password hash made by another system, brought over when accounts are imported, and parsed into
 * the parts {@link LegacyPasswordVerifier} needs to check a password against it.
 *
 * <p>Accepted forms (see {@code docs/account-import.md} for examples):
 *
 * <ul>
 *   <li>bcrypt: {@code $2a$}, {@code $2b$}, {@code $2y$} (cost 4–{@value #MAX_BCRYPT_COST});
 *   <li>PBKDF2-HMAC: {@code $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} (also {@code -sha512} and
 *       {@code -sha1}), salt and hash in Base64 with or without padding; passlib's form
 *       {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>} in its adapted Base64 ({@code .} for
 *       {@code +}) is read too;
 *   <li>scrypt: {@code $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>} (passlib/PHC);
 *   <li>Argon2: {@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$} PHC strings with any
 *       parameters up to {@value #MAX_ARGON2_MEMORY_KIB} KiB, any tag length from 4 to 128 bytes,
 *       version 16 or 19 (absent means 16, as in the reference implementation);
 *   <li>Spring Security's {@code DelegatingPasswordEncoder} forms: {@code {bcrypt}}, {@code {argon2}},
 *       {@code {scrypt}} (Spring's {@code $<hex params>$<salt>$<hash>} layout), and {@code {pbkdf2}}
 *       in its default hex encoding of salt and hash — which carries no parameters, so the id decides:
 *       {@code {pbkdf2}} means Spring's {@code defaultsForSpringSecurity_v5_5} (HMAC-SHA1, 185 000
 *       iterations, 8-byte salt) and {@code {pbkdf2@SpringSecurity_v5_8}} means HMAC-SHA256, 310 000
 *       iterations, 16-byte salt; the {@code @SpringSecurity_v5_8} ids of the others are accepted too.
 * </ul>
 *
 * <p>Refused with an {@link UnsupportedPasswordHashException}: {@code {noop}} (a plain-text
 * password), unsalted or obsolete digests ({@code {MD5}}, {@code {SHA-256}}, {@code {ldap}}, …),
 * bcrypt's {@code $2x$} (made by the crypt_blowfish sign-extension bug), anything malformed, and
 * parameters so costly that one sign-in could exhaust the host (see the {@code MAX_} constants).
 *
 * <p>Imported hashes are stored with the {@link #STORED_PREFIX} in front, so sign-in knows to check
 * them here and to replace them with the library's own Argon2id hash once the password is known.
 * Neither {@link #toString()} nor any exception message ever contains the hash.
 */
public final class LegacyPasswordHash {

    /** Put in front of an imported hash in the account store; never produced by the library's own hasher. */
    public static final String STORED_PREFIX = "{legacy}";

    /** Longest hash accepted (characters); the account column holds 512 with the prefix. */
    public static final int MAX_LENGTH = 400;

    /** Highest bcrypt cost accepted: 2^15 rounds, several hundred milliseconds already. */
    public static final int MAX_BCRYPT_COST = 15;

    /** Highest PBKDF2 iteration count accepted. */
    public static final int MAX_PBKDF2_ITERATIONS = 5_000_000;

    /** Largest scrypt working memory accepted (128 × N × r bytes), in bytes: 128 MiB. */
    public static final long MAX_SCRYPT_MEMORY_BYTES = 128L * 1024 * 1024;

    /** Largest Argon2 memory accepted, in KiB (256 MiB): verification runs on the Java heap. */
    public static final int MAX_ARGON2_MEMORY_KIB = 256 * 1024;

    /** Highest Argon2 iteration count accepted. */
    public static final int MAX_ARGON2_ITERATIONS = 64;

    /** Highest Argon2 parallelism accepted. */
    public static final int MAX_ARGON2_PARALLELISM = 64;

    /** The families of hash this class reads. */
    public enum Format {
        /** bcrypt, {@code $2a$}, {@code $2b$} or {@code $2y$}. */
        BCRYPT,
        /** PBKDF2 with HMAC-SHA1. */
        PBKDF2_SHA1,
        /** PBKDF2 with HMAC-SHA256. */
        PBKDF2_SHA256,
        /** PBKDF2 with HMAC-SHA512. */
        PBKDF2_SHA512,
        /** scrypt. */
        SCRYPT,
        /** Argon2id. */
        ARGON2ID,
        /** Argon2i. */
        ARGON2I,
        /** Argon2d. */
        ARGON2D;

        /**
         * The name recorded in the audit trail.
         *
         * @return e.g. {@code pbkdf2_sha256}
         */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Format format;
    private final String encoded;
    // bcrypt: the whole "$2?$cc$..." string; others: parsed parts
    private final byte[] salt;
    private final byte[] hash;
    private final int iterations;
    private final int memory;
    private final int parallelism;
    private final int version;
    private final int blockSize;

    LegacyPasswordHash(
            Format format,
            String encoded,
            byte[] salt,
            byte[] hash,
            int iterations,
            int memory,
            int parallelism,
            int version,
            int blockSize) {
        this.format = format;
        this.encoded = encoded;
        this.salt = salt;
        this.hash = hash;
        this.iterations = iterations;
        this.memory = memory;
        this.parallelism = parallelism;
        this.version = version;
        this.blockSize = blockSize;
    }

    /**
     * Parses a hash from another system.
     *
     * @param field the field to name in a refusal, e.g. {@code passwordHash}
     * @param encoded the hash exactly as the other system stored it
     * @return the parsed hash
     * @throws UnsupportedPasswordHashException naming the field and the rule when the hash is empty,
     *     too long, in an unknown or refused form, malformed, or too costly to verify
     */
    public static LegacyPasswordHash parse(String field, String encoded) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.isBlank()) {
            throw LegacyHashFormats.refused(field, "password_hash.missing", "no password hash given");
        }
        if (encoded.length() > MAX_LENGTH) {
            throw LegacyHashFormats.refused(
                    field, "password_hash.too_long", "longer than " + MAX_LENGTH + " characters");
        }
        return LegacyHashFormats.parse(field, encoded);
    }

    /**
     * Reads an imported hash back from the account store.
     *
     * @param stored the stored value
     * @return the parsed hash when the value is an imported one that still parses; empty for the
     *     library's own hashes and for anything else
     */
    public static Optional<LegacyPasswordHash> fromStored(String stored) {
        if (!isStored(stored)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse("passwordHash", stored.substring(STORED_PREFIX.length())));
        } catch (UnsupportedPasswordHashException e) {
            return Optional.empty();
        }
    }

    /**
     * Tells whether a stored value is an imported hash.
     *
     * @param stored the stored value
     * @return true when it starts with {@link #STORED_PREFIX}
     */
    public static boolean isStored(String stored) {
        return stored.startsWith(STORED_PREFIX);
    }

    /**
     * Returns the family of hash.
     *
     * @return the format
     */
    public Format format() {
        return format;
    }

    /**
     * Returns the value to keep in the account store: {@link #STORED_PREFIX} and the hash as given.
     *
     * @return the stored form
     */
    public String stored() {
        return STORED_PREFIX + encoded;
    }

    String encoded() {
        return encoded;
    }

    byte[] salt() {
        return salt.clone();
    }

    byte[] hash() {
        return hash.clone();
    }

    int iterations() {
        return iterations;
    }

    int memory() {
        return memory;
    }

    int parallelism() {
        return parallelism;
    }

    int version() {
        return version;
    }

    int blockSize() {
        return blockSize;
    }

    @Override
    public String toString() {
        return "LegacyPasswordHash[" + format.code() + "]";
    }

    /** The same parts under the original text (with its {id}), so {@link #stored()} keeps what was given. */
    LegacyPasswordHash as(String original) {
        return new LegacyPasswordHash(
                format, original, salt, hash, iterations, memory, parallelism, version, blockSize);
    }

    /**
     * A hash from another system was refused: its form is unknown, refused ({@code {noop}}, unsalted
     * digests), malformed or too costly. The message names the rule, never the hash.
     */
    public static final class UnsupportedPasswordHashException extends ValidationException {

        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param field the field holding the hash
         * @param rule the rule's code, e.g. {@code password_hash.malformed}
         * @param message what is wrong, without the hash
         */
        public UnsupportedPasswordHashException(String field, String rule, String message) {
            super(field, rule, message);
        }
    }
}
