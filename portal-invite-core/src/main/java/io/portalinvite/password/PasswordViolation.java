package io.portalinvite.password;

import java.util.Objects;

/**
 * One reason a proposed password was refused.
 *
 * <p>The code is stable and meant for programs (to pick a translated message, or to count
 * rejections by reason); the message is plain English for a patient. Neither ever contains the
 * password or any part of it, so violations can be logged and displayed freely.
 *
 * @param code stable machine-readable reason, one of the constants in this type
 * @param message human-readable explanation that does not echo the password
 */
public record PasswordViolation(String code, String message) {

    /** Nothing was entered. */
    public static final String EMPTY = "password.empty";

    /** Fewer code points than the policy's minimum. */
    public static final String TOO_SHORT = "password.too_short";

    /** More code points than the policy's maximum, or more than the hard byte cap. */
    public static final String TOO_LONG = "password.too_long";

    /** Control characters, bidirectional-override characters or malformed UTF-16. */
    public static final String CONTROL_CHARACTERS = "password.control_characters";

    /** A commonly used or breached password, or a trivial variant of one. */
    public static final String BLOCKLISTED = "password.blocklisted";

    /** Repeated or sequential characters, such as {@code aaaa...} or {@code 12345...}. */
    public static final String REPETITIVE = "password.repetitive";

    /** Derived from the patient's own details or from the practice or product name. */
    public static final String CONTEXT = "password.context";

    /**
     * Checks that both parts are present.
     *
     * @param code stable machine-readable reason
     * @param message human-readable explanation
     * @throws NullPointerException if either part is null
     */
    public PasswordViolation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static PasswordViolation empty() {
        return new PasswordViolation(EMPTY, "Enter a password.");
    }

    static PasswordViolation tooShort(int minLength) {
        return new PasswordViolation(
                TOO_SHORT,
                "Use at least " + minLength + " characters. A passphrase of several words is "
                        + "easier to remember than a short complex password.");
    }

    static PasswordViolation tooLong(int maxLength) {
        return new PasswordViolation(TOO_LONG, "Use at most " + maxLength + " characters.");
    }

    static PasswordViolation controlCharacters() {
        return new PasswordViolation(
                CONTROL_CHARACTERS,
                "The password contains invisible control or text-direction characters that cannot"
                        + " be typed reliably on every device. Remove them.");
    }

    static PasswordViolation blocklisted() {
        return new PasswordViolation(
                BLOCKLISTED,
                "This password is commonly used or has appeared in data breaches, so attackers try"
                        + " it first. Choose something less predictable.");
    }

    static PasswordViolation repetitive() {
        return new PasswordViolation(
                REPETITIVE,
                "The password is made of repeated or sequential characters. Choose something less" + " predictable.");
    }

    static PasswordViolation context() {
        return new PasswordViolation(
                CONTEXT,
                "The password is based on your name, email address, date of birth, the practice's"
                        + " name or this portal. Choose something unrelated to them.");
    }
}
