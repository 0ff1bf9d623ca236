package io.portalinvite.authenticator;

import io.portalinvite.common.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recovery codes: {@value #COUNT} codes of 80 random bits each, shown once as 16 base32 characters
 * in groups of four ({@code ABCD-EFGH-IJKL-MNOP}), kept only as SHA-256 digests. A plain digest is
 * enough for codes of that entropy (no one can search 2^80 guesses per code); the account id is part
 * of what is hashed, so equal codes of two accounts would not share a digest.
 */
final class RecoveryCodes {

    /** Codes in a set. */
    static final int COUNT = 10;

    private static final int CODE_BYTES = 10;
    private static final Pattern CODE = Pattern.compile("[A-Z2-7]{16}");

    private RecoveryCodes() {}

    /**
     * Makes a new set of codes.
     *
     * @param random the randomness
     * @return the codes as shown to the holder
     */
    static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        while (codes.size() < COUNT) {
            byte[] raw = new byte[CODE_BYTES];
            random.nextBytes(raw);
            String plain = Totp.base32(raw);
            String shown = plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-"
                    + plain.substring(12);
            if (!codes.contains(shown)) {
                codes.add(shown);
            }
        }
        return List.copyOf(codes);
    }

    /**
     * Returns the digest a code is stored under.
     *
     * @param account the account
     * @param entered the code as shown or as typed (case, spaces and dashes do not matter)
     * @return the digest, or empty when the input cannot be a code
     */
    static Optional<String> digest(AccountId account, String entered) {
        if (entered.length() > 64) {
            return Optional.empty();
        }
        String plain = entered.replace("-", "")
                .replace(" ", "")
                .toUpperCase(Locale.ROOT)
                // letters people read for the digits base32 leaves out
                .replace('0', 'O')
                .replace('1', 'I')
                .replace('8', 'B');
        if (!CODE.matcher(plain).matches()) {
            return Optional.empty();
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("portal-invite recovery|" + account.value() + "|" + plain)
                            .getBytes(StandardCharsets.US_ASCII));
            return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
