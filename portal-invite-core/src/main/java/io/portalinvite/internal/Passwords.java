package io.portalinvite.internal;

import io.portalinvite.password.PasswordHasher;
import io.portalinvite.password.PasswordPolicy;
import io.portalinvite.password.PasswordValidator;
import java.text.Normalizer;
import java.util.Objects;

/**
 * The single definition of how a password's text is canonicalised and measured.
 *
 * <p>Both {@link PasswordValidator} and every {@link PasswordHasher} call {@link #normalize} so that
 * the string whose length and content were judged is byte-for-byte the string that gets hashed,
 * and so that a patient who types the same password on a different keyboard, operating system or
 * input method still logs in.
 */
public final class Passwords {

    private static final Normalizer.Form FORM = Normalizer.Form.NFKC;

    private Passwords() {}

    /**
     * Canonicalises a password with Unicode NFKC, as NIST SP 800-63B-4 recommends before hashing.
     *
     * <p>NFKC folds the many encodings of one visible password (a precomposed {@code é} versus
     * {@code e} plus a combining accent, full-width Latin letters from East Asian input methods,
     * ligatures) into one string, so a password set on a phone verifies on a desktop.
     *
     * <p><strong>Stored hashes depend on this function.</strong> Changing the normalisation form, or
     * upgrading to a JDK whose Unicode tables normalise some stored password differently, means
     * some existing hashes no longer verify. Any change therefore needs a migration (for example,
     * verify with the old form and rehash with the new one on the patient's next successful login).
     *
     * @param password the password exactly as the patient typed it
     * @return the NFKC form; never lower-cased, because passwords stay case-sensitive
     */
    public static String normalize(CharSequence password) {
        Objects.requireNonNull(password, "password");
        return Normalizer.normalize(password, FORM);
    }

    /**
     * Counts Unicode code points, the unit NIST uses for password length, so that an emoji or a
     * supplementary-plane CJK character counts as one character rather than two UTF-16 units.
     *
     * <p>Pass text that has already been through {@link #normalize}; otherwise the count depends on
     * how the patient's device happened to encode accents.
     *
     * @param text the (normalised) text to measure
     * @return the number of code points; an unpaired surrogate counts as one
     */
    public static int codePointLength(CharSequence text) {
        Objects.requireNonNull(text, "text");
        return Character.codePointCount(text, 0, text.length());
    }

    /**
     * Tells whether raw input is beyond {@link PasswordPolicy#MAX_UTF8_BYTES}, without allocating an
     * encoded copy, so that oversized input is refused before any normalisation or hashing work is
     * spent on it.
     */
    public static boolean exceedsHardCap(CharSequence text) {
        // Every UTF-16 unit costs at least one UTF-8 byte, so a long char count alone is decisive.
        return text.length() > PasswordPolicy.MAX_UTF8_BYTES || utf8Length(text) > PasswordPolicy.MAX_UTF8_BYTES;
    }

    /** Counts the bytes the text occupies in UTF-8, the encoding handed to Argon2. */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Tells whether the text holds a lone surrogate. Such text has no UTF-8 form: encoders replace
     * the surrogate with {@code ?}, which would make two different passwords hash identically.
     */
    public static boolean hasUnpairedSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
