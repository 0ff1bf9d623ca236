package io.portalinvite.password;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a stored Argon2 hash in PHC string format,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with salt and hash in unpadded standard
 * Base64.
 *
 * <p>Parsing is strict and bounded because stored hashes are data, not code: a value that does not
 * parse, or whose cost parameters fall outside {@link Argon2Parameters}' bounds (a tampered row
 * asking for terabytes of memory), is never handed to the native library.
 *
 * @param algorithm {@code argon2id}, {@code argon2i} or {@code argon2d}
 * @param version the Argon2 version number; 19 is version 1.3
 * @param parameters the cost parameters
 * @param saltLength salt size in bytes
 * @param tagLength hash output size in bytes
 */
record EncodedArgon2Hash(String algorithm, int version, Argon2Parameters parameters, int saltLength, int tagLength) {

    static final String ARGON2ID = "argon2id";
    static final int VERSION_13 = 19;

    /** Far above any real PHC string; longer input is refused before the regex sees it. */
    private static final int MAX_ENCODED_LENGTH = 512;

    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_TAG_BYTES = 4;
    private static final int MAX_SALT_OR_TAG_BYTES = 64;

    private static final Pattern PHC =
            Pattern.compile("\\$(argon2id|argon2i|argon2d)\\$v=(\\d{1,3})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    /**
     * Parses a stored hash.
     *
     * @return the parts, or empty when the text is not a well-formed Argon2 PHC string within
     *         bounds
     */
    static Optional<EncodedArgon2Hash> parse(String encoded) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(3));
        long iterations = Long.parseLong(m.group(4));
        long parallelism = Long.parseLong(m.group(5));
        if (!Argon2Parameters.withinBounds(memory, iterations, parallelism)) {
            return Optional.empty();
        }
        int saltLength = decodedLength(m.group(6));
        int tagLength = decodedLength(m.group(7));
        if (saltLength < MIN_SALT_BYTES
                || saltLength > MAX_SALT_OR_TAG_BYTES
                || tagLength < MIN_TAG_BYTES
                || tagLength > MAX_SALT_OR_TAG_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new EncodedArgon2Hash(
                m.group(1),
                Integer.parseInt(m.group(2)),
                new Argon2Parameters((int) memory, (int) iterations, (int) parallelism),
                saltLength,
                tagLength));
    }

    /** Tells whether this is the only kind of hash this library verifies: Argon2id v1.3. */
    boolean isArgon2idVersion13() {
        return ARGON2ID.equals(algorithm) && version == VERSION_13;
    }

    /** Returns the decoded size, or -1 when the text is not valid unpadded Base64. */
    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
