package io.portalinvite.password;

import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.password.PasswordCheck.PasswordViolation;
import java.io.Serial;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link PasswordValidator#check}: every rule the password broke, not only the
 * first, so the patient can fix everything in one attempt.
 *
 * @param violations the broken rules in a stable order; empty when the password is acceptable
 */
public record PasswordCheck(List<PasswordViolation> violations) {

    /** The NIST-style hint shown after any rejection. */
    public static final String GUIDANCE =
            "Use a long passphrase of several unrelated words;" + " avoid names, dates and common phrases.";

    /**
     * Takes an immutable copy so the result cannot change after it was handed out.
     *
     * @param violations the broken rules; empty when the password is acceptable
     * @throws NullPointerException if the list or any element is null
     */
    public PasswordCheck {
        violations = List.copyOf(violations);
    }

    /**
     * Tells whether the password may be used.
     *
     * @return true when no rule was broken
     */
    public boolean acceptable() {
        return violations.isEmpty();
    }

    /**
     * Tells whether a given rule was broken, so callers can branch on a reason without scanning
     * the list themselves.
     *
     * @param code one of the {@link PasswordViolation} code constants
     * @return true when a violation with that code is present
     */
    public boolean hasViolation(String code) {
        return violations.stream().anyMatch(v -> v.code().equals(code));
    }

    /**
     * Returns advice for choosing a better password. It is the same for every rejection on purpose:
     * NIST favours one clear hint over feedback that teaches patients to make minimal edits until
     * the checker stops complaining.
     *
     * @return a short sentence suitable for display under the password field
     */
    public String guidance() {
        return GUIDANCE;
    }

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
                    "The password is made of repeated or sequential characters. Choose something less"
                            + " predictable.");
        }

        static PasswordViolation context() {
            return new PasswordViolation(
                    CONTEXT,
                    "The password is based on your name, email address, date of birth, the practice's"
                            + " name or this portal. Choose something unrelated to them.");
        }
    }

    /**
     * A proposed password was refused. Nothing was stored.
     *
     * <p>As a {@link ValidationException}, it lets hosts show password problems with the same code
     * that shows every other field error: each violation names the field {@value #FIELD} and uses the
     * {@link PasswordViolation} code as the rule. The message lists those codes and explanations only;
     * the password itself is never part of this exception.
     */
    public static final class PasswordRejectedException extends ValidationException {

        /** The field name used in every {@link FieldViolation} of this exception. */
        public static final String FIELD = "password";

        @Serial
        private static final long serialVersionUID = 1L;

        /** The violations with their password-specific codes, as the check reported them. */
        private final List<PasswordViolation> passwordViolations;

        /** The hint for the patient, captured from the check. */
        private final String guidance;

        /**
         * Creates the exception from a failed check.
         *
         * @param check a check with at least one violation
         * @throws IllegalArgumentException if the check accepted the password, since there would be
         *         nothing to report
         */
        public PasswordRejectedException(PasswordCheck check) {
            super(toFieldViolations(check));
            this.passwordViolations = check.violations();
            this.guidance = check.guidance();
        }

        /**
         * Returns the broken rules with their password-specific codes, in the order they were found.
         *
         * @return an immutable, non-empty list
         */
        public List<PasswordViolation> passwordViolations() {
            return passwordViolations;
        }

        /**
         * Returns the hint to show the patient next to the violations.
         *
         * @return a short sentence; see {@link PasswordCheck#guidance()}
         */
        public String guidance() {
            return guidance;
        }

        private static List<FieldViolation> toFieldViolations(PasswordCheck check) {
            if (check.acceptable()) {
                throw new IllegalArgumentException(
                        "a PasswordRejectedException needs a check with at least one violation");
            }
            return check.violations().stream()
                    .map(v -> new FieldViolation(FIELD, v.code(), v.message()))
                    .toList();
        }
    }
}
