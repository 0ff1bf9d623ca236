package io.portalinvite.internal.password;

import io.portalinvite.common.ValidationException;
import java.io.Serial;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern BCRYPT = Pattern.compile("\\$(2[aby])\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final Pattern PBKDF2 = Pattern.compile(
            "\\$pbkdf2-(sha1|sha256|sha512)\\$(i=)?(\\d{1,9})\\$([A-Za-z0-9+/.=]+)\\$([A-Za-z0-9+/.=]+)");
    private static final Pattern SCRYPT_PHC = Pattern.compile(
            "\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/.=]+)\\$([A-Za-z0-9+/.=]+)");
    private static final Pattern SCRYPT_SPRING =
            Pattern.compile("\\$([0-9a-fA-F]{1,10})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
    private static final Pattern ARGON2 = Pattern.compile("\\$(argon2id|argon2i|argon2d)(?:\\$v=(\\d{1,3}))?"
            + "\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
    private static final Pattern SPRING_ID = Pattern.compile("\\{([^{}]{0,40})\\}(.*)", Pattern.DOTALL);

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

    private LegacyPasswordHash(
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
            throw refused(field, "password_hash.missing", "no password hash given");
        }
        if (encoded.length() > MAX_LENGTH) {
            throw refused(field, "password_hash.too_long", "longer than " + MAX_LENGTH + " characters");
        }
        Matcher id = SPRING_ID.matcher(encoded);
        if (id.matches()) {
            return parseSpring(field, encoded, id.group(1), id.group(2));
        }
        if (encoded.startsWith("$2")) {
            return parseBcrypt(field, encoded);
        }
        if (encoded.startsWith("$pbkdf2-")) {
            return parsePbkdf2(field, encoded);
        }
        if (encoded.startsWith("$scrypt$")) {
            return parseScryptPhc(field, encoded);
        }
        if (encoded.startsWith("$argon2")) {
            return parseArgon2(field, encoded);
        }
        throw refused(field, "password_hash.unsupported_format", "not a password hash format the import reads");
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

    private static LegacyPasswordHash parseSpring(String field, String encoded, String rawId, String rest) {
        String id = rawId.toLowerCase(Locale.ROOT);
        boolean v58 = id.endsWith("@springsecurity_v5_8");
        String base = v58 ? id.substring(0, id.indexOf('@')) : id;
        switch (base) {
            case "noop" ->
                throw refused(field, "password_hash.plain_text_refused", "{noop} holds the password in plain text");
            case "bcrypt" -> {
                return parseBcrypt(field, rest).as(encoded);
            }
            case "argon2" -> {
                return parseArgon2(field, rest).as(encoded);
            }
            case "scrypt" -> {
                return parseScryptSpring(field, rest).as(encoded);
            }
            case "pbkdf2" -> {
                return parsePbkdf2Spring(field, rest, v58).as(encoded);
            }
            default ->
                throw refused(
                        field,
                        "password_hash.unsupported_format",
                        "the {id} form names an encoder the import does not accept");
        }
    }

    /** The same parts under the original text (with its {id}), so {@link #stored()} keeps what was given. */
    private LegacyPasswordHash as(String original) {
        return new LegacyPasswordHash(
                format, original, salt, hash, iterations, memory, parallelism, version, blockSize);
    }

    private static LegacyPasswordHash parseBcrypt(String field, String encoded) {
        if (encoded.startsWith("$2x$") || encoded.startsWith("$2$")) {
            throw refused(field, "password_hash.unsupported_format", "only bcrypt $2a$, $2b$ and $2y$ are accepted");
        }
        Matcher m = BCRYPT.matcher(encoded);
        if (!m.matches()) {
            throw malformed(field, "bcrypt");
        }
        int cost = Integer.parseInt(m.group(2));
        if (cost < 4 || cost > MAX_BCRYPT_COST) {
            throw tooCostly(field, "bcrypt cost must be between 4 and " + MAX_BCRYPT_COST);
        }
        return new LegacyPasswordHash(Format.BCRYPT, encoded, new byte[0], new byte[0], cost, 0, 0, 0, 0);
    }

    private static LegacyPasswordHash parsePbkdf2(String field, String encoded) {
        Matcher m = PBKDF2.matcher(encoded);
        if (!m.matches()) {
            throw malformed(field, "PBKDF2");
        }
        Format format = switch (m.group(1)) {
            case "sha1" -> Format.PBKDF2_SHA1;
            case "sha256" -> Format.PBKDF2_SHA256;
            default -> Format.PBKDF2_SHA512;
        };
        boolean passlib = m.group(2) == null;
        byte[] salt = base64(field, m.group(4), passlib);
        byte[] hash = base64(field, m.group(5), passlib);
        return pbkdf2(field, format, encoded, Integer.parseInt(m.group(3)), salt, hash);
    }

    private static LegacyPasswordHash parsePbkdf2Spring(String field, String rest, boolean v58) {
        byte[] decoded;
        if (rest.matches("[0-9a-fA-F]+") && rest.length() % 2 == 0) {
            decoded = HexFormat.of().parseHex(rest);
        } else {
            decoded = base64(field, rest, false);
        }
        int saltLength = v58 ? 16 : 8;
        if (decoded.length != saltLength + 32) {
            throw malformed(field, "Spring Security {pbkdf2}");
        }
        byte[] salt = java.util.Arrays.copyOfRange(decoded, 0, saltLength);
        byte[] hash = java.util.Arrays.copyOfRange(decoded, saltLength, decoded.length);
        return v58
                ? pbkdf2(field, Format.PBKDF2_SHA256, rest, 310_000, salt, hash)
                : pbkdf2(field, Format.PBKDF2_SHA1, rest, 185_000, salt, hash);
    }

    private static LegacyPasswordHash pbkdf2(
            String field, Format format, String encoded, int iterations, byte[] salt, byte[] hash) {
        if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
            throw tooCostly(field, "PBKDF2 iterations must be between 1 and " + MAX_PBKDF2_ITERATIONS);
        }
        if (salt.length < 4 || salt.length > 256 || hash.length < 16 || hash.length > 128) {
            throw malformed(field, "PBKDF2");
        }
        return new LegacyPasswordHash(format, encoded, salt, hash, iterations, 0, 0, 0, 0);
    }

    private static LegacyPasswordHash parseScryptPhc(String field, String encoded) {
        Matcher m = SCRYPT_PHC.matcher(encoded);
        if (!m.matches()) {
            throw malformed(field, "scrypt");
        }
        int log2n = Integer.parseInt(m.group(1));
        return scrypt(
                field,
                encoded,
                log2n,
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                base64(field, m.group(4), true),
                base64(field, m.group(5), true));
    }

    private static LegacyPasswordHash parseScryptSpring(String field, String rest) {
        Matcher m = SCRYPT_SPRING.matcher(rest);
        if (!m.matches()) {
            throw malformed(field, "Spring Security {scrypt}");
        }
        // Spring Security: Long.toString(log2(N) << 16 | r << 8 | p, 16)
        long params = Long.parseLong(m.group(1), 16);
        int log2n = (int) (params >> 16 & 0xffff);
        int r = (int) (params >> 8 & 0xff);
        int p = (int) (params & 0xff);
        return scrypt(field, rest, log2n, r, p, base64(field, m.group(2), false), base64(field, m.group(3), false));
    }

    private static LegacyPasswordHash scrypt(
            String field, String encoded, int log2n, int r, int p, byte[] salt, byte[] hash) {
        if (log2n < 1 || log2n > 24 || r < 1 || r > 64 || p < 1 || p > 16) {
            throw tooCostly(field, "scrypt parameters out of range");
        }
        long memoryBytes = 128L * r * (1L << log2n);
        if (memoryBytes > MAX_SCRYPT_MEMORY_BYTES) {
            throw tooCostly(field, "scrypt needs more than " + MAX_SCRYPT_MEMORY_BYTES / (1024 * 1024) + " MiB");
        }
        if (salt.length < 1 || salt.length > 256 || hash.length < 16 || hash.length > 128) {
            throw malformed(field, "scrypt");
        }
        return new LegacyPasswordHash(Format.SCRYPT, encoded, salt, hash, 1 << log2n, 0, p, 0, r);
    }

    private static LegacyPasswordHash parseArgon2(String field, String encoded) {
        Matcher m = ARGON2.matcher(encoded);
        if (!m.matches()) {
            throw malformed(field, "Argon2");
        }
        Format format = switch (m.group(1)) {
            case "argon2id" -> Format.ARGON2ID;
            case "argon2i" -> Format.ARGON2I;
            default -> Format.ARGON2D;
        };
        int version = m.group(2) == null ? 16 : Integer.parseInt(m.group(2));
        if (version != 16 && version != 19) {
            throw malformed(field, "Argon2");
        }
        long memory = Long.parseLong(m.group(3));
        long iterations = Long.parseLong(m.group(4));
        long parallelism = Long.parseLong(m.group(5));
        if (parallelism < 1
                || parallelism > MAX_ARGON2_PARALLELISM
                || memory < 8 * parallelism
                || memory > MAX_ARGON2_MEMORY_KIB
                || iterations < 1
                || iterations > MAX_ARGON2_ITERATIONS) {
            throw tooCostly(field, "Argon2 parameters out of range (m at most " + MAX_ARGON2_MEMORY_KIB + " KiB)");
        }
        byte[] salt = base64(field, m.group(6), false);
        byte[] hash = base64(field, m.group(7), false);
        if (salt.length < 8 || salt.length > 128 || hash.length < 4 || hash.length > 128) {
            throw malformed(field, "Argon2");
        }
        return new LegacyPasswordHash(
                format, encoded, salt, hash, (int) iterations, (int) memory, (int) parallelism, version, 0);
    }

    /** Decodes standard Base64 with or without padding; passlib's adapted alphabet uses '.' for '+'. */
    private static byte[] base64(String field, String text, boolean adapted) {
        String standard = adapted ? text.replace('.', '+') : text;
        if (standard.indexOf('.') >= 0) {
            throw malformed(field, "Base64");
        }
        String unpadded = standard.endsWith("=") ? standard.replaceAll("=+$", "") : standard;
        try {
            return Base64.getDecoder().decode(unpadded);
        } catch (IllegalArgumentException e) {
            throw malformed(field, "Base64");
        }
    }

    private static UnsupportedPasswordHashException malformed(String field, String what) {
        return refused(field, "password_hash.malformed", "not a well-formed " + what + " hash");
    }

    private static UnsupportedPasswordHashException tooCostly(String field, String why) {
        return refused(field, "password_hash.cost_out_of_range", why);
    }

    private static UnsupportedPasswordHashException refused(String field, String rule, String message) {
        return new UnsupportedPasswordHashException(field, rule, message);
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
