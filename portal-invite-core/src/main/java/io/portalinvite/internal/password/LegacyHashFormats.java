package io.portalinvite.internal.password;

import io.portalinvite.internal.password.LegacyPasswordHash.Format;
import io.portalinvite.internal.password.LegacyPasswordHash.UnsupportedPasswordHashException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each accepted form of an imported hash into a {@link LegacyPasswordHash}: bcrypt, PBKDF2
 * (PHC and passlib), scrypt (PHC and Spring), Argon2 and Spring Security's {@code {id}} prefixes,
 * refusing what is malformed or costlier than the {@code MAX_} bounds allow. The rules of each form
 * are listed on {@link LegacyPasswordHash}.
 */
final class LegacyHashFormats {

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

    private LegacyHashFormats() {}

    /** Parses a non-blank hash of bounded length by its form. */
    static LegacyPasswordHash parse(String field, String encoded) {
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

    private static LegacyPasswordHash parseBcrypt(String field, String encoded) {
        if (encoded.startsWith("$2x$") || encoded.startsWith("$2$")) {
            throw refused(field, "password_hash.unsupported_format", "only bcrypt $2a$, $2b$ and $2y$ are accepted");
        }
        Matcher m = BCRYPT.matcher(encoded);
        if (!m.matches()) {
            throw malformed(field, "bcrypt");
        }
        int cost = Integer.parseInt(m.group(2));
        if (cost < 4 || cost > LegacyPasswordHash.MAX_BCRYPT_COST) {
            throw tooCostly(field, "bcrypt cost must be between 4 and " + LegacyPasswordHash.MAX_BCRYPT_COST);
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
        if (iterations < 1 || iterations > LegacyPasswordHash.MAX_PBKDF2_ITERATIONS) {
            throw tooCostly(
                    field, "PBKDF2 iterations must be between 1 and " + LegacyPasswordHash.MAX_PBKDF2_ITERATIONS);
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
        if (memoryBytes > LegacyPasswordHash.MAX_SCRYPT_MEMORY_BYTES) {
            throw tooCostly(
                    field,
                    "scrypt needs more than " + LegacyPasswordHash.MAX_SCRYPT_MEMORY_BYTES / (1024 * 1024) + " MiB");
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
                || parallelism > LegacyPasswordHash.MAX_ARGON2_PARALLELISM
                || memory < 8 * parallelism
                || memory > LegacyPasswordHash.MAX_ARGON2_MEMORY_KIB
                || iterations < 1
                || iterations > LegacyPasswordHash.MAX_ARGON2_ITERATIONS) {
            throw tooCostly(
                    field,
                    "Argon2 parameters out of range (m at most " + LegacyPasswordHash.MAX_ARGON2_MEMORY_KIB + " KiB)");
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

    static UnsupportedPasswordHashException refused(String field, String rule, String message) {
        return new UnsupportedPasswordHashException(field, rule, message);
    }
}
