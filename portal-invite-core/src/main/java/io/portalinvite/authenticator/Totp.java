package io.portalinvite.authenticator;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * Time-based one-time passwords (RFC 6238) on java-otp: codes of a fixed length over 30-second
 * steps, checked within one step either side of now (clocks of phones drift), and the
 * {@code otpauth://} URI authenticator apps scan. Thread-safe.
 */
final class Totp {

    /** The step length every authenticator app uses. */
    static final Duration STEP = Duration.ofSeconds(30);
    /** Steps accepted either side of the current one. */
    static final int WINDOW = 1;
    /** The secret's length: 160 bits, RFC 4226's recommendation for HMAC-SHA-1. */
    static final int SECRET_BYTES = 20;

    /** What authenticator apps expect: 6 digits, HMAC-SHA-1. */
    static final Totp APPS = new Totp(6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    private final int digits;
    private final String algorithm;

    /**
     * Creates a generator.
     *
     * @param digits the code length, 6 to 8
     * @param algorithm the JCA HMAC name ({@code HmacSHA1}, {@code HmacSHA256}, {@code HmacSHA512})
     */
    Totp(int digits, String algorithm) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8");
        }
        this.digits = digits;
        this.algorithm = algorithm;
        generator(); // fails now for an unknown algorithm
    }

    /**
     * Returns the time step an instant falls in.
     *
     * @param at the instant
     * @return its step
     */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    /**
     * Computes the code of a time step.
     *
     * @param secret the shared secret
     * @param step the time step
     * @return the code, zero-padded to its length
     */
    String code(byte[] secret, long step) {
        try {
            int code = generator()
                    .generateOneTimePassword(
                            new SecretKeySpec(secret, algorithm), Instant.ofEpochSecond(step * STEP.getSeconds()));
            return String.format(Locale.ROOT, "%0" + digits + "d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
    }

    /**
     * Finds the step of a code within the window around now, taking only steps after {@code after}
     * (so that a code already accepted, or an earlier one, is never accepted again).
     *
     * @param secret the shared secret
     * @param code what the holder entered (spaces are ignored)
     * @param now the current time
     * @param after the last step accepted, or -1
     * @return the step the code belongs to, or empty when it matches none
     */
    OptionalLong matchingStep(byte[] secret, String code, Instant now, long after) {
        String entered = code.replace(" ", "");
        if (entered.length() != digits || !entered.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] enteredBytes = entered.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = -1;
        // every step in the window is computed and compared, match or not, so the time taken does
        // not tell which step matched
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            boolean equal = MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII), enteredBytes);
            if (equal && s > after && found < 0) {
                found = s;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /**
     * Encodes a secret the way authenticator apps take it: base32 without padding.
     *
     * @param secret the secret
     * @return its base32 form
     */
    static String base32(byte[] secret) {
        return Base32.toBase32String(secret).replace("=", "");
    }

    /**
     * The enrolment URI an authenticator app scans (Google Authenticator's key URI format).
     *
     * @param issuer who the account is with: the practice's name
     * @param account the account's name in the app: its email address
     * @param secret the secret
     * @return the {@code otpauth://totp/…} URI
     */
    URI enrolmentUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer.replace(":", "")) + ":" + encode(account);
        return URI.create("otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=" + algorithm.substring("Hmac".length()) + "&digits=" + digits + "&period="
                + STEP.getSeconds());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private TimeBasedOneTimePasswordGenerator generator() {
        // the generator holds a Mac prototype; a new one per call keeps this class free of shared state
        return new TimeBasedOneTimePasswordGenerator(STEP, digits, algorithm);
    }
}
